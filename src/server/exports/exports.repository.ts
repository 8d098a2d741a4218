import type { Executor } from '../db/transaction.ts';
import type { LineRow } from './export-columns.ts';

export type ExportFilter = { scope: string; outbreakId: number | null };

const exportColumns = [
  'id',
  'kind',
  'columns',
  'filters',
  'scope',
  'masked',
  'status',
  'rows_total',
  'rows_done',
  'file_path',
  'file_size',
  'failure',
  'user_id',
  'username',
  'created_at',
  'finished_at',
] as const;

export async function insertExport(
  db: Executor,
  row: {
    kind: string;
    columns: string;
    filters: string;
    scope: string;
    masked: 0 | 1;
    user_id: number | null;
    username: string | null;
    created_at: string;
  },
): Promise<number> {
  const inserted = await db
    .insertInto('exports')
    .values({ ...row, status: 'queued', rows_total: 0, rows_done: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function findExport(db: Executor, id: number) {
  return db.selectFrom('exports').select(exportColumns).where('id', '=', id).executeTakeFirst();
}

export type ExportRow = NonNullable<Awaited<ReturnType<typeof findExport>>>;

export async function listExportsOf(db: Executor, userId: number, limit: number): Promise<ExportRow[]> {
  return db
    .selectFrom('exports')
    .select(exportColumns)
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function updateExport(
  db: Executor,
  id: number,
  patch: {
    status?: string;
    rows_total?: number;
    rows_done?: number;
    file_path?: string;
    file_size?: number;
    failure?: string;
    finished_at?: string;
  },
): Promise<void> {
  await db.updateTable('exports').set(patch).where('id', '=', id).execute();
}

export async function countLines(db: Executor, kind: 'cases' | 'contacts', f: ExportFilter): Promise<number> {
  let q = db
    .selectFrom(kind)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== null) {
    q = q.where('outbreak_id', '=', f.outbreakId);
  }
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One keyset page of cases after `afterId`, with the person's fields and the division's name. */
export async function casePage(
  db: Executor,
  f: ExportFilter,
  afterId: number,
  limit: number,
): Promise<LineRow[]> {
  let q = db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.id', 'cases.person_id')
    .leftJoin('divisions', 'divisions.code', 'cases.division_code')
    .select([
      'cases.id',
      'cases.case_number',
      'persons.name',
      'persons.sex',
      'persons.birth_date',
      'persons.document_number',
      'persons.phone',
      'persons.current_address',
      'divisions.name as division_name',
      'cases.classification',
      'cases.severity',
      'cases.onset_date',
      'cases.received_at',
      'cases.discovery_route',
      'cases.hospital',
      'cases.status',
    ])
    .where('cases.division_code', 'like', `${f.scope}%`)
    .where('cases.id', '>', afterId);
  if (f.outbreakId !== null) {
    q = q.where('cases.outbreak_id', '=', f.outbreakId);
  }
  const rows = await q.orderBy('cases.id').limit(limit).execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    birth_date: r.birth_date === null ? null : String(r.birth_date).slice(0, 10),
  }));
}

export async function contactPage(
  db: Executor,
  f: ExportFilter,
  afterId: number,
  limit: number,
): Promise<LineRow[]> {
  let q = db
    .selectFrom('contacts')
    .innerJoin('persons', 'persons.id', 'contacts.person_id')
    .leftJoin('divisions', 'divisions.code', 'contacts.division_code')
    .leftJoin('cases as source', 'source.id', 'contacts.source_case_id')
    .leftJoin('cases as converted', 'converted.id', 'contacts.converted_case_id')
    .select([
      'contacts.id',
      'persons.name',
      'persons.sex',
      'persons.birth_date',
      'persons.document_number',
      'persons.phone',
      'persons.current_address',
      'divisions.name as division_name',
      'contacts.classification',
      'contacts.status',
      'source.case_number as source_case_number',
      'contacts.last_exposure_at',
      'contacts.observation_end',
      'converted.case_number as converted_case_number',
    ])
    .where('contacts.division_code', 'like', `${f.scope}%`)
    .where('contacts.id', '>', afterId);
  if (f.outbreakId !== null) {
    q = q.where('contacts.outbreak_id', '=', f.outbreakId);
  }
  const rows = await q.orderBy('contacts.id').limit(limit).execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    birth_date: r.birth_date === null ? null : String(r.birth_date).slice(0, 10),
    observation_end: r.observation_end === null ? null : String(r.observation_end).slice(0, 10),
  }));
}
