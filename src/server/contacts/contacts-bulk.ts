import { dateIn } from '../../core/time/zone.ts';
import type { Executor } from '../db/transaction.ts';
import { AppError, type ErrorDetail } from '../errors/app-error.ts';
import { isDetailMessageKey } from '../errors/detail-messages.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { protocolOfOutbreak, requireSourceCase } from './contact-context.ts';
import { bulkRowSchema, type BulkRow } from './contacts.schema.ts';
import { addContact, resolvePerson } from './contacts.service.ts';
import {
  lookBackProblem,
  normaliseDocument,
  timeProblems,
  windowOf,
  type ContactSettings,
} from './exposure-rules.ts';

type ZodIssueLike = { code: string; path: PropertyKey[]; message: string; keys?: string[]; input?: unknown };

/** A zod issue as a field detail, in the error handler's terms (detail keys, `required`, sizes). */
function issueDetail(prefix: string, issue: ZodIssueLike): ErrorDetail {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys?.[0] !== undefined) {
    path.push(issue.keys[0]);
  }
  const field = `${prefix}${path.join('.')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { field, code: 'required' };
  }
  if (isDetailMessageKey(issue.message)) {
    return { field, code: issue.message };
  }
  if (isDetailMessageKey(issue.code)) {
    return { field, code: issue.code };
  }
  return { field, code: issue.code, message: issue.message };
}

/**
 * The grid pasted from a spreadsheet: every row is checked first (shape, document, times, look-back) and
 * any problem answers 400 listing all bad rows as `rows.<i>.<field>`; only a clean grid is written, in the
 * caller's one transaction. Persons are de-duplicated by document number (also between rows), and a person
 * already a contact in the outbreak gets another exposure instead of a second record.
 */
export async function bulkAddContacts(
  trx: Executor,
  actor: RecordActor,
  caseId: number,
  rows: readonly Record<string, unknown>[],
  settings: ContactSettings,
): Promise<{ created: number; exposuresAdded: number; contactIds: number[] }> {
  const source = await requireSourceCase(trx, actor.scope, caseId);
  const preset = await protocolOfOutbreak(trx, source.outbreakId);
  const window = await windowOf(trx, { type: 'case', source }, preset);
  const today = dateIn(new Date(), settings.timeZone);
  const details: ErrorDetail[] = [];
  const parsed: BulkRow[] = [];
  rows.forEach((raw, i) => {
    const prefix = `rows.${i}.`;
    const result = bulkRowSchema.safeParse(raw);
    if (!result.success) {
      details.push(...result.error.issues.map((issue) => issueDetail(prefix, issue)));
      return;
    }
    const row = result.data;
    const document = normaliseDocument(row.documentType, row.documentNumber, today);
    if (document && !document.ok) {
      details.push({ field: `${prefix}${document.field}`, code: document.code });
    }
    const times = timeProblems(prefix, row);
    details.push(...times);
    if (times.length === 0 && row.confirmOutsideWindow !== true) {
      const outside = lookBackProblem(`${prefix}lastExposureAt`, window, row, settings.timeZone);
      if (outside) {
        details.push(outside);
      }
    }
    parsed.push(row);
  });
  if (details.length > 0) {
    throw new AppError('VALIDATION_FAILED', { details });
  }
  let created = 0;
  const contactIds: number[] = [];
  for (const [i, row] of parsed.entries()) {
    const {
      classification,
      kind,
      setting,
      firstExposureAt,
      lastExposureAt,
      proximity,
      durationMinutes,
      place,
      placeId,
      vehicle,
      seat,
      confirmOutsideWindow,
      ...personInput
    } = row;
    const person = await resolvePerson(trx, actor, { person: personInput }, settings, `rows.${i}.`);
    const existing = await trx
      .selectFrom('contacts')
      .select('id')
      .where('person_id', '=', person.id)
      .where('outbreak_id', '=', source.outbreakId)
      .where('status', 'in', ['identified', 'notified', 'placed', 'home_monitoring'])
      .executeTakeFirst();
    if (!existing) {
      created += 1;
    }
    const id = await addContact(
      trx,
      actor,
      { type: 'case', source },
      person,
      classification,
      {
        kind,
        setting,
        firstExposureAt,
        lastExposureAt,
        proximity,
        durationMinutes,
        place,
        placeId,
        vehicle,
        seat,
        confirmOutsideWindow,
      },
      settings,
      `rows.${i}.`,
    );
    contactIds.push(id);
  }
  return { created, exposuresAdded: contactIds.length - created, contactIds: [...new Set(contactIds)] };
}
