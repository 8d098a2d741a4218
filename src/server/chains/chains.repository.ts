import type { Executor } from '../db/transaction.ts';

/** What the chains query filters on: the actor's scope always, an outbreak when asked. */
export type ChainScope = { scope: string; outbreakId: number | undefined };

export type ChainCaseRow = {
  id: number;
  case_number: string;
  classification: string;
  onset_date: string | null;
  received_at: string;
  person_name: string;
};

export type ChainContactRow = {
  id: number;
  classification: string;
  status: string;
  source_case_id: number;
  source_contact_id: number | null;
  converted_case_id: number | null;
  last_exposure_at: string;
  person_name: string;
};

export type ChainExposureRow = {
  contact_id: number;
  source_case_id: number | null;
  source_contact_id: number | null;
};

export type ChainVisitRow = { case_id: number; place_id: number; start_at: string; end_at: string };

export async function chainCases(db: Executor, filter: ChainScope): Promise<ChainCaseRow[]> {
  let query = db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.id', 'cases.person_id')
    .select([
      'cases.id',
      'cases.case_number',
      'cases.classification',
      'cases.onset_date',
      'cases.received_at',
      'persons.name as person_name',
    ])
    .where('cases.archived', '=', 0)
    .where('cases.division_code', 'like', `${filter.scope}%`);
  if (filter.outbreakId !== undefined) {
    query = query.where('cases.outbreak_id', '=', filter.outbreakId);
  }
  return query.orderBy('cases.id').execute();
}

export async function chainContacts(db: Executor, filter: ChainScope): Promise<ChainContactRow[]> {
  let query = db
    .selectFrom('contacts')
    .innerJoin('persons', 'persons.id', 'contacts.person_id')
    .select([
      'contacts.id',
      'contacts.classification',
      'contacts.status',
      'contacts.source_case_id',
      'contacts.source_contact_id',
      'contacts.converted_case_id',
      'contacts.last_exposure_at',
      'persons.name as person_name',
    ])
    .where('contacts.division_code', 'like', `${filter.scope}%`);
  if (filter.outbreakId !== undefined) {
    query = query.where('contacts.outbreak_id', '=', filter.outbreakId);
  }
  return query.orderBy('contacts.id').execute();
}

/** Exposures beyond each contact's own source (a contact exposed to several cases has several rows). */
export async function chainExposures(db: Executor, filter: ChainScope): Promise<ChainExposureRow[]> {
  let query = db
    .selectFrom('exposures')
    .innerJoin('contacts', 'contacts.id', 'exposures.contact_id')
    .select(['exposures.contact_id', 'exposures.source_case_id', 'exposures.source_contact_id'])
    .where('contacts.division_code', 'like', `${filter.scope}%`);
  if (filter.outbreakId !== undefined) {
    query = query.where('contacts.outbreak_id', '=', filter.outbreakId);
  }
  return query.execute();
}

/** Trajectory entries tied to a registered place: the material of place co-exposure edges. */
export async function chainVisits(db: Executor, filter: ChainScope): Promise<ChainVisitRow[]> {
  let query = db
    .selectFrom('trajectory_entries')
    .innerJoin('cases', 'cases.id', 'trajectory_entries.case_id')
    .select([
      'trajectory_entries.case_id',
      'trajectory_entries.place_id',
      'trajectory_entries.start_at',
      'trajectory_entries.end_at',
    ])
    .where('trajectory_entries.archived', '=', 0)
    .where('trajectory_entries.place_id', 'is not', null)
    .where('cases.archived', '=', 0)
    .where('cases.division_code', 'like', `${filter.scope}%`);
  if (filter.outbreakId !== undefined) {
    query = query.where('cases.outbreak_id', '=', filter.outbreakId);
  }
  const rows = await query.execute();
  return rows.flatMap((r) => (r.place_id === null ? [] : [{ ...r, place_id: r.place_id }]));
}

export type ClusterRow = { key: string; name: string; colour: string; version: number; updated_at: string };

export async function findClusterRows(db: Executor, keys: readonly string[]): Promise<ClusterRow[]> {
  if (keys.length === 0) {
    return [];
  }
  const rows: ClusterRow[] = [];
  // Chunks keep the IN list under SQLite's parameter limit.
  for (let i = 0; i < keys.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('clusters')
        .select(['key', 'name', 'colour', 'version', 'updated_at'])
        .where('key', 'in', keys.slice(i, i + 500))
        .execute()),
    );
  }
  return rows;
}

export async function findClusterRow(db: Executor, key: string): Promise<ClusterRow | undefined> {
  return db
    .selectFrom('clusters')
    .select(['key', 'name', 'colour', 'version', 'updated_at'])
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function insertClusterRow(
  db: Executor,
  row: { key: string; name: string; colour: string; updated_at: string; updated_by: string | null },
): Promise<ClusterRow> {
  return db
    .insertInto('clusters')
    .values({ ...row, version: 1 })
    .returning(['key', 'name', 'colour', 'version', 'updated_at'])
    .executeTakeFirstOrThrow();
}

export async function updateClusterRow(
  db: Executor,
  key: string,
  expectedVersion: number,
  patch: { name: string; colour: string; updated_at: string; updated_by: string | null },
): Promise<ClusterRow | undefined> {
  return db
    .updateTable('clusters')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('key', '=', key)
    .where('version', '=', expectedVersion)
    .returning(['key', 'name', 'colour', 'version', 'updated_at'])
    .executeTakeFirst();
}

/** Whether the record a cluster key names (`case:12`, `contact:5`) exists inside the scope. */
export async function clusterRecordInside(db: Executor, scope: string, key: string): Promise<boolean> {
  const [kind, idText] = key.split(':');
  const id = Number(idText);
  const table = kind === 'case' ? 'cases' : 'contacts';
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where('division_code', 'like', `${scope}%`)
    .executeTakeFirst();
  return row !== undefined;
}
