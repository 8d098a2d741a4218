import { sql } from 'kysely';
import { likeContains } from '../db/like.ts';
import type {
  CaseClassificationHistoryRow,
  CaseRow,
  CaseUpdate,
  NewCaseClassificationHistoryRow,
  NewCaseRow,
} from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

const columns = [
  'id',
  'case_number',
  'person_id',
  'outbreak_id',
  'division_code',
  'received_at',
  'reporting_institution',
  'discovery_route',
  'classification',
  'severity',
  'onset_date',
  'onset_approximate',
  'diagnosed_at',
  'imported',
  'import_related',
  'hospital',
  'status',
  'created_at',
  'updated_at',
  'version',
  'archived',
  'archived_reason',
] as const;

export async function findCase(db: Executor, id: number): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function findCaseByNumber(db: Executor, caseNumber: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').select(columns).where('case_number', '=', caseNumber).executeTakeFirst();
}

export async function insertCase(db: Executor, row: NewCaseRow): Promise<number> {
  const inserted = await db.insertInto('cases').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Updates only if the row still has `expectedVersion`; undefined on a stale write. */
export async function updateCase(
  db: Executor,
  id: number,
  expectedVersion: number,
  patch: CaseUpdate,
): Promise<CaseRow | undefined> {
  return db
    .updateTable('cases')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(columns)
    .executeTakeFirst();
}

export async function insertHistory(db: Executor, row: NewCaseClassificationHistoryRow): Promise<void> {
  await db.insertInto('case_classification_history').values(row).execute();
}

export async function historyOf(db: Executor, caseId: number): Promise<CaseClassificationHistoryRow[]> {
  return db
    .selectFrom('case_classification_history')
    .select([
      'id',
      'case_id',
      'at',
      'user_id',
      'username',
      'from_classification',
      'to_classification',
      'reason',
      'evidence',
    ])
    .where('case_id', '=', caseId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export type CaseListFilter = {
  scope: string;
  outbreakId?: number | undefined;
  classification?: string | undefined;
  status?: string | undefined;
  onsetFrom?: string | undefined;
  onsetTo?: string | undefined;
  /** Instants: the start of the first day and the start of the day after the last. */
  receivedFrom?: string | undefined;
  receivedBefore?: string | undefined;
  q?: string | undefined;
  sort: 'received' | 'onset';
  after?: { r?: string | undefined; o?: string | null | undefined; id: number } | undefined;
  limit: number;
};

/** The list's joins and filters, without order or paging. */
function filteredCases(db: Executor, filter: CaseListFilter) {
  let query = db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.id', 'cases.person_id')
    .leftJoin('investigations', 'investigations.case_id', 'cases.id')
    .select([
      'cases.id',
      'cases.case_number',
      'cases.outbreak_id',
      'cases.person_id',
      'cases.division_code',
      'cases.received_at',
      'cases.classification',
      'cases.severity',
      'cases.onset_date',
      'cases.status',
      'cases.version',
      'persons.name as person_name',
      'investigations.state as investigation_state',
    ])
    .where('cases.archived', '=', 0);
  if (filter.scope !== '') {
    query = query.where('cases.division_code', 'like', `${filter.scope}%`);
  }
  if (filter.outbreakId !== undefined) {
    query = query.where('cases.outbreak_id', '=', filter.outbreakId);
  }
  if (filter.classification !== undefined) {
    query = query.where('cases.classification', '=', filter.classification);
  }
  if (filter.status !== undefined) {
    query = query.where('cases.status', '=', filter.status);
  }
  if (filter.onsetFrom !== undefined) {
    query = query.where('cases.onset_date', '>=', filter.onsetFrom);
  }
  if (filter.onsetTo !== undefined) {
    query = query.where('cases.onset_date', '<=', filter.onsetTo);
  }
  if (filter.receivedFrom !== undefined) {
    query = query.where('cases.received_at', '>=', filter.receivedFrom);
  }
  if (filter.receivedBefore !== undefined) {
    query = query.where('cases.received_at', '<', filter.receivedBefore);
  }
  const q = filter.q;
  if (q !== undefined) {
    query = query.where((eb) =>
      eb.or([likeContains('cases.case_number', q), likeContains('persons.name', q)]),
    );
  }
  return query;
}

/**
 * One page of the case list in keyset order: received time (newest first) or onset date (latest first,
 * cases without onset last), each with the id as tie-breaker, so that a deep page costs what the first does.
 */
export async function listCases(db: Executor, filter: CaseListFilter) {
  const after = filter.after;
  if (filter.sort === 'received') {
    let query = filteredCases(db, filter);
    if (after?.r !== undefined) {
      query = query.where(sql<boolean>`(cases.received_at, cases.id) < (${after.r}, ${after.id})`);
    }
    return query
      .orderBy('cases.received_at', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(filter.limit)
      .execute();
  }
  // Dated cases first, then undated ones: two index-ordered reads rather than one sort with NULLS LAST,
  // which the (onset_date, id) index serves on neither database.
  const lastOnset = after?.o ?? null;
  const pastDated = after !== undefined && lastOnset === null;
  let dated: CaseListRow[] = [];
  if (!pastDated) {
    let query = filteredCases(db, filter).where('cases.onset_date', 'is not', null);
    if (after !== undefined && lastOnset !== null) {
      query = query.where(sql<boolean>`(cases.onset_date, cases.id) < (${lastOnset}, ${after.id})`);
    }
    dated = await query
      .orderBy('cases.onset_date', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(filter.limit)
      .execute();
    if (dated.length >= filter.limit) {
      return dated;
    }
  }
  let undated = filteredCases(db, filter).where('cases.onset_date', 'is', null);
  if (after !== undefined && pastDated) {
    undated = undated.where('cases.id', '<', after.id);
  }
  const rest = await undated
    .orderBy('cases.id', 'desc')
    .limit(filter.limit - dated.length)
    .execute();
  return [...dated, ...rest];
}

export type CaseListRow = Awaited<ReturnType<ReturnType<typeof filteredCases>['execute']>>[number];
