import type { NewDailyReportRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

const reportColumns = [
  'id',
  'date',
  'jurisdiction_code',
  'number',
  'author_id',
  'author_name',
  'created_at',
  'recommendations',
] as const;

export type DailyReportRow = {
  id: number;
  date: string;
  jurisdiction_code: string;
  number: number;
  author_id: number | null;
  author_name: string;
  created_at: string;
  recommendations: string;
};

/** Cases inside the scope received before `before`, by current classification. */
export async function cumulativeCases(
  db: Executor,
  scope: string,
  before: string,
): Promise<Array<{ classification: string; n: number }>> {
  const rows = await db
    .selectFrom('cases')
    .select(['classification', (eb) => eb.fn.countAll<number>().as('n')])
    .where('archived', '=', 0)
    .where('division_code', 'like', `${scope}%`)
    .where('received_at', '<', before)
    .groupBy('classification')
    .execute();
  return rows.map((r) => ({ classification: r.classification, n: Number(r.n) }));
}

/** The cases reported in [from, to) with what their one-paragraph summaries say. */
export async function newCasesBetween(db: Executor, scope: string, from: string, to: string) {
  const rows = await db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.id', 'cases.person_id')
    .leftJoin('divisions', 'divisions.code', 'cases.division_code')
    .select([
      'cases.id',
      'cases.case_number',
      'cases.classification',
      'cases.severity',
      'cases.onset_date',
      'cases.received_at',
      'cases.discovery_route',
      'cases.hospital',
      'cases.division_code',
      'divisions.name as division_name',
      'persons.name',
      'persons.sex',
      'persons.birth_date',
    ])
    .where('cases.archived', '=', 0)
    .where('cases.division_code', 'like', `${scope}%`)
    .where('cases.received_at', '>=', from)
    .where('cases.received_at', '<', to)
    .orderBy('cases.received_at')
    .orderBy('cases.id')
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const counts =
    ids.length === 0
      ? []
      : await db
          .selectFrom('contacts')
          .select(['source_case_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('source_case_id', 'in', ids)
          .where('source_contact_id', 'is', null)
          .groupBy('source_case_id')
          .execute();
  const contactsOf = new Map(counts.map((c) => [Number(c.source_case_id), Number(c.n)]));
  return rows.map((r) => ({ ...r, id: Number(r.id), contacts: contactsOf.get(Number(r.id)) ?? 0 }));
}

/** Measures at places inside the scope that were in force or done by the end of the day. */
export async function measuresAsOf(db: Executor, scope: string, date: string, dayEnd: string) {
  return db
    .selectFrom('place_measures')
    .innerJoin('places', 'places.id', 'place_measures.place_id')
    .selectAll('place_measures')
    .select('places.name as place_name')
    .where('places.division_code', 'like', `${scope}%`)
    .where('place_measures.created_at', '<', dayEnd)
    .where((eb) =>
      eb.or([eb('place_measures.lifted_on', 'is', null), eb('place_measures.lifted_on', '>=', date)]),
    )
    .orderBy('place_measures.id')
    .execute();
}

export async function divisionName(db: Executor, code: string): Promise<string | undefined> {
  const row = await db.selectFrom('divisions').select('name').where('code', '=', code).executeTakeFirst();
  return row?.name;
}

export async function nextDailyNumber(db: Executor, jurisdictionCode: string, date: string): Promise<number> {
  const row = await db
    .selectFrom('daily_reports')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('jurisdiction_code', '=', jurisdictionCode)
    .where('date', '=', date)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertDailyReport(db: Executor, row: NewDailyReportRow): Promise<number> {
  const inserted = await db.insertInto('daily_reports').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

function normalise<T extends { id: number; date: string; author_id: number | null; created_at: string }>(
  row: T,
): T {
  return {
    ...row,
    id: Number(row.id),
    date: String(row.date).slice(0, 10),
    author_id: row.author_id === null ? null : Number(row.author_id),
    created_at: new Date(row.created_at).toISOString(),
  };
}

export async function findDailyReport(db: Executor, id: number): Promise<DailyReportRow | undefined> {
  const row = await db
    .selectFrom('daily_reports')
    .select(reportColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : normalise(row);
}

export async function dailyReportFile(
  db: Executor,
  id: number,
  format: 'docx' | 'xlsx',
): Promise<Buffer | undefined> {
  const row = await db.selectFrom('daily_reports').select(format).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : Buffer.from(format === 'docx' ? row.docx : row.xlsx);
}

export async function dailyReportContent(db: Executor, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('daily_reports').select('content').where('id', '=', id).executeTakeFirst();
  return row === undefined
    ? undefined
    : typeof row.content === 'string'
      ? row.content
      : JSON.stringify(row.content);
}

export async function listDailyReports(
  db: Executor,
  scope: string,
  filter: { date?: string | undefined; limit: number },
): Promise<DailyReportRow[]> {
  let q = db
    .selectFrom('daily_reports')
    .select(reportColumns)
    .where('jurisdiction_code', 'like', `${scope}%`);
  if (filter.date !== undefined) {
    q = q.where('date', '=', filter.date);
  }
  const rows = await q.orderBy('date', 'desc').orderBy('number', 'desc').limit(filter.limit).execute();
  return rows.map(normalise);
}

export type SubmissionRow = {
  id: number;
  daily_report_id: number;
  recipients: string;
  submitted_at: string;
  submitted_by_name: string;
};

export async function submissionsOf(db: Executor, ids: readonly number[]): Promise<SubmissionRow[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('daily_report_submissions')
    .select(['id', 'daily_report_id', 'recipients', 'submitted_at', 'submitted_by_name'])
    .where('daily_report_id', 'in', ids)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    daily_report_id: Number(r.daily_report_id),
    recipients: typeof r.recipients === 'string' ? r.recipients : JSON.stringify(r.recipients),
    submitted_at: new Date(r.submitted_at).toISOString(),
  }));
}

export async function insertSubmission(
  db: Executor,
  row: {
    daily_report_id: number;
    recipients: string;
    submitted_at: string;
    submitted_by: number | null;
    submitted_by_name: string;
  },
): Promise<number> {
  const inserted = await db
    .insertInto('daily_report_submissions')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}
