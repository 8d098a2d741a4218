import { maskName } from '../../core/identity/masking.ts';
import type { Executor } from '../db/transaction.ts';
import { seesPersonal, type RecordActor } from '../persons/record-actor.ts';

export type SuggestionSubject = { name: string; caseNumber: string | null; caseId: number | null };

/**
 * Who each suggestion is about, so that a list of them reads as people and not as ids: the person's name
 * (masked per role), and the case — the case itself, or the case a contact was converted to.
 */
export async function subjectsOf(
  trx: Executor,
  actor: RecordActor,
  rows: ReadonlyArray<{ subject_type: string; subject_id: number | string }>,
): Promise<Map<string, SuggestionSubject>> {
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.subject_type === type).map((r) => Number(r.subject_id))),
  ];
  const personal = seesPersonal(actor, true);
  const name = (value: string) => (personal ? value : maskName(value));
  const subjects = new Map<string, SuggestionSubject>();
  const contactIds = ids('contact');
  if (contactIds.length > 0) {
    const contacts = await trx
      .selectFrom('contacts as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .leftJoin('cases as k', 'k.id', 'c.converted_case_id')
      .select(['c.id', 'p.name', 'c.converted_case_id', 'k.case_number'])
      .where('c.id', 'in', contactIds)
      .execute();
    for (const c of contacts) {
      subjects.set(`contact:${Number(c.id)}`, {
        name: name(c.name),
        caseNumber: c.case_number,
        caseId: c.converted_case_id === null ? null : Number(c.converted_case_id),
      });
    }
  }
  const caseIds = ids('case');
  if (caseIds.length > 0) {
    const cases = await trx
      .selectFrom('cases as k')
      .innerJoin('persons as p', 'p.id', 'k.person_id')
      .select(['k.id', 'p.name', 'k.case_number'])
      .where('k.id', 'in', caseIds)
      .execute();
    for (const k of cases) {
      subjects.set(`case:${Number(k.id)}`, {
        name: name(k.name),
        caseNumber: k.case_number,
        caseId: Number(k.id),
      });
    }
  }
  return subjects;
}
