import { sql } from 'kysely';
import type { DiscoveryRunRow, NewDiscoveryCandidateRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export const runColumns = [
  'id',
  'outbreak_id',
  'params',
  'started_at',
  'finished_at',
  'case_visits',
  'visits_scanned',
  'candidates',
  'companions',
  'user_id',
  'username',
] as const;

/** A run whose outbreak lies inside the scope. */
export async function findRun(db: Executor, id: number, scope: string): Promise<DiscoveryRunRow | undefined> {
  return db
    .selectFrom('discovery_runs')
    .innerJoin('outbreaks', 'outbreaks.id', 'discovery_runs.outbreak_id')
    .select(runColumns.map((c) => `discovery_runs.${c}` as const))
    .where('discovery_runs.id', '=', id)
    .where('outbreaks.division_code', 'like', `${scope}%`)
    .executeTakeFirst();
}

export async function runsOfOutbreak(
  db: Executor,
  outbreakId: number,
  limit: number,
): Promise<DiscoveryRunRow[]> {
  return db
    .selectFrom('discovery_runs')
    .select(runColumns)
    .where('outbreak_id', '=', outbreakId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertCandidates(db: Executor, rows: NewDiscoveryCandidateRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('discovery_candidates')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

const candidateColumns = [
  'discovery_candidates.id',
  'discovery_candidates.run_id',
  'discovery_candidates.kind',
  'discovery_candidates.external_person_id',
  'discovery_candidates.person_ref_id',
  'discovery_candidates.case_id',
  'discovery_candidates.place_id',
  'discovery_candidates.cell',
  'discovery_candidates.overlap_seconds',
  'discovery_candidates.first_at',
  'discovery_candidates.last_at',
  'discovery_candidates.status',
  'discovery_candidates.reason',
  'discovery_candidates.contact_id',
  'discovery_candidates.version',
  'cases.case_number',
  'cases.division_code',
  'places.name as place_name',
  'visit_person_refs.name as ref_name',
  'visit_person_refs.document_type as ref_document_type',
  'visit_person_refs.document_number as ref_document_number',
  'visit_person_refs.phone as ref_phone',
] as const;

function candidatesQuery(db: Executor, scope: string) {
  return db
    .selectFrom('discovery_candidates')
    .innerJoin('cases', 'cases.id', 'discovery_candidates.case_id')
    .leftJoin('places', 'places.id', 'discovery_candidates.place_id')
    .leftJoin('visit_person_refs', 'visit_person_refs.id', 'discovery_candidates.person_ref_id')
    .select(candidateColumns)
    .where('cases.division_code', 'like', `${scope}%`);
}

export type CandidateRecord = Awaited<ReturnType<typeof findCandidate>>;

export async function findCandidate(db: Executor, id: number, scope: string) {
  return candidatesQuery(db, scope).where('discovery_candidates.id', '=', id).executeTakeFirst();
}

export type CandidateFilter = {
  runId: number;
  scope: string;
  status?: string | undefined;
  kind?: string | undefined;
  placeId?: number | undefined;
  afterId?: number | undefined;
  limit: number;
};

/** Candidates of a run by id, keyset-paged. */
export async function listCandidates(db: Executor, filter: CandidateFilter) {
  let query = candidatesQuery(db, filter.scope).where('discovery_candidates.run_id', '=', filter.runId);
  if (filter.status !== undefined) {
    query = query.where('discovery_candidates.status', '=', filter.status);
  }
  if (filter.kind !== undefined) {
    query = query.where('discovery_candidates.kind', '=', filter.kind);
  }
  if (filter.placeId !== undefined) {
    query = query.where('discovery_candidates.place_id', '=', filter.placeId);
  }
  if (filter.afterId !== undefined) {
    query = query.where('discovery_candidates.id', '>', filter.afterId);
  }
  return query.orderBy('discovery_candidates.id').limit(filter.limit).execute();
}

/** Candidates and pending ones per place (companions, with no place, count under null). */
export async function countsByPlace(db: Executor, runId: number, scope: string) {
  return db
    .selectFrom('discovery_candidates')
    .innerJoin('cases', 'cases.id', 'discovery_candidates.case_id')
    .leftJoin('places', 'places.id', 'discovery_candidates.place_id')
    .select([
      'discovery_candidates.place_id',
      'places.name',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when discovery_candidates.status = 'pending' then 1 else 0 end)`.as('pending'),
    ])
    .where('discovery_candidates.run_id', '=', runId)
    .where('cases.division_code', 'like', `${scope}%`)
    .groupBy(['discovery_candidates.place_id', 'places.name'])
    .orderBy('n', 'desc')
    .execute();
}
