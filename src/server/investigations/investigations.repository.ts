import type { InvestigationRow, InvestigationUpdate, NewInvestigationRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export const investigationColumns = [
  'investigations.id',
  'investigations.case_id',
  'investigations.state',
  'investigations.team',
  'investigations.lead_user_id',
  'investigations.dispatched_at',
  'investigations.arrived_at',
  'investigations.core_info_at',
  'investigations.submitted_at',
  'investigations.form',
  'investigations.created_at',
  'investigations.updated_at',
  'investigations.version',
] as const;

export async function insertInvestigation(db: Executor, row: NewInvestigationRow): Promise<number> {
  const inserted = await db
    .insertInto('investigations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function findInvestigationOfCase(
  db: Executor,
  caseId: number,
): Promise<InvestigationRow | undefined> {
  return db
    .selectFrom('investigations')
    .select(investigationColumns)
    .where('investigations.case_id', '=', caseId)
    .executeTakeFirst();
}

export async function updateInvestigation(
  db: Executor,
  id: number,
  expectedVersion: number,
  patch: InvestigationUpdate,
): Promise<InvestigationRow | undefined> {
  return db
    .updateTable('investigations')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning([
      'id',
      'case_id',
      'state',
      'team',
      'lead_user_id',
      'dispatched_at',
      'arrived_at',
      'core_info_at',
      'submitted_at',
      'form',
      'created_at',
      'updated_at',
      'version',
    ])
    .executeTakeFirst();
}

export type OpenInvestigationFilter = {
  scope: string;
  /** Only those with at least one running clock whose received time is before its threshold. */
  overdue?: { dispatch: string; coreInfo: string | null; report: string } | undefined;
  after?: { r: string; id: number } | undefined;
  limit: number;
};

/** Investigations not yet submitted, oldest report first, with their case's number and received time. */
export async function listOpenInvestigations(db: Executor, filter: OpenInvestigationFilter) {
  let query = db
    .selectFrom('investigations')
    .innerJoin('cases', 'cases.id', 'investigations.case_id')
    .select([
      ...investigationColumns,
      'cases.case_number',
      'cases.received_at',
      'cases.division_code',
      'cases.classification',
    ])
    .where('investigations.state', '!=', 'submitted')
    .where('cases.archived', '=', 0);
  if (filter.scope !== '') {
    query = query.where('cases.division_code', 'like', `${filter.scope}%`);
  }
  const overdue = filter.overdue;
  if (overdue !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb.and([
          eb('investigations.dispatched_at', 'is', null),
          eb('cases.received_at', '<', overdue.dispatch),
        ]),
        ...(overdue.coreInfo === null
          ? []
          : [
              eb.and([
                eb('investigations.core_info_at', 'is', null),
                eb('cases.received_at', '<', overdue.coreInfo),
              ]),
            ]),
        eb('cases.received_at', '<', overdue.report),
      ]),
    );
  }
  const after = filter.after;
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('cases.received_at', '>', after.r),
        eb.and([eb('cases.received_at', '=', after.r), eb('investigations.id', '>', after.id)]),
      ]),
    );
  }
  return query.orderBy('cases.received_at').orderBy('investigations.id').limit(filter.limit).execute();
}

export type OpenInvestigationRow = Awaited<ReturnType<typeof listOpenInvestigations>>[number];
