import { isWithin } from '../../core/divisions/scope.ts';
import type { Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';

/** The facts about a case that its trajectory and report need, read once per request. */
export type CaseContext = {
  id: number;
  caseNumber: string;
  divisionCode: string;
  personId: number;
  outbreakId: number;
  presetId: string;
  classification: string;
  onsetDate: string | null;
  receivedAt: string;
  diagnosedAt: string | null;
};

/**
 * The case if it exists and lies inside the caller's jurisdiction; otherwise a 404 that does not reveal
 * whether a case outside the jurisdiction exists (fail closed).
 */
export async function requireCaseInScope(db: Executor, scope: string, caseId: number): Promise<CaseContext> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('outbreaks', 'outbreaks.id', 'cases.outbreak_id')
    .select([
      'cases.id',
      'cases.case_number',
      'cases.division_code',
      'cases.person_id',
      'cases.outbreak_id',
      'outbreaks.preset_id',
      'cases.classification',
      'cases.onset_date',
      'cases.received_at',
      'cases.diagnosed_at',
    ])
    .where('cases.id', '=', caseId)
    .where('cases.division_code', 'like', `${scope}%`)
    .executeTakeFirst();
  if (!row || !isWithin(scope, row.division_code)) {
    throw new AppError('NOT_FOUND', { params: { entity: 'case' } });
  }
  return {
    id: Number(row.id),
    caseNumber: row.case_number,
    divisionCode: row.division_code,
    personId: Number(row.person_id),
    outbreakId: Number(row.outbreak_id),
    presetId: row.preset_id,
    classification: row.classification,
    onsetDate: row.onset_date,
    receivedAt: row.received_at,
    diagnosedAt: row.diagnosed_at,
  };
}

/** A case by its number, for the CLI, with the same jurisdiction rule. */
export async function findCaseIdByNumber(
  db: Executor,
  scope: string,
  caseNumber: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('cases')
    .select(['id'])
    .where('case_number', '=', caseNumber)
    .where('division_code', 'like', `${scope}%`)
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}
