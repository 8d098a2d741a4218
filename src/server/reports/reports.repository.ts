import type { NewReportSubmissionRow, NewReportVersionRow, ReportSubmissionRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

/** Columns of a version without its bytes: lists never load the .docx. */
const versionColumns = [
  'report_versions.id',
  'report_versions.case_id',
  'report_versions.kind',
  'report_versions.number',
  'report_versions.author_id',
  'report_versions.author_name',
  'report_versions.created_at',
  'report_versions.docx_size',
] as const;

const submissionColumns = [
  'id',
  'report_version_id',
  'recipients',
  'submitted_at',
  'submitted_by',
  'submitted_by_name',
] as const;

/** A version joined to its case's division, so that callers can check the jurisdiction. */
export async function findVersion(db: Executor, id: number) {
  return db
    .selectFrom('report_versions')
    .innerJoin('cases', 'cases.id', 'report_versions.case_id')
    .select([...versionColumns, 'cases.division_code', 'cases.case_number'])
    .where('report_versions.id', '=', id)
    .executeTakeFirst();
}

export type VersionRow = NonNullable<Awaited<ReturnType<typeof findVersion>>>;

export async function findVersionContent(db: Executor, id: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('report_versions')
    .select(['content'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.content;
}

export async function findVersionDocx(db: Executor, id: number): Promise<Buffer | undefined> {
  const row = await db.selectFrom('report_versions').select(['docx']).where('id', '=', id).executeTakeFirst();
  return row?.docx;
}

/** A page of a case's versions, newest first: those numbered below `before`, when given. */
export async function listVersionsOfCase(
  db: Executor,
  caseId: number,
  page: { before: number | undefined; limit: number },
): Promise<VersionRow[]> {
  let query = db
    .selectFrom('report_versions')
    .innerJoin('cases', 'cases.id', 'report_versions.case_id')
    .select([...versionColumns, 'cases.division_code', 'cases.case_number'])
    .where('report_versions.case_id', '=', caseId);
  if (page.before !== undefined) {
    query = query.where('report_versions.number', '<', page.before);
  }
  return query.orderBy('report_versions.number', 'desc').limit(page.limit).execute();
}

export async function nextVersionNumber(db: Executor, caseId: number): Promise<number> {
  const row = await db
    .selectFrom('report_versions')
    .select((eb) => eb.fn.max<number | null>('number').as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertVersion(db: Executor, row: NewReportVersionRow): Promise<number> {
  const inserted = await db
    .insertInto('report_versions')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function insertSubmission(
  db: Executor,
  row: NewReportSubmissionRow,
): Promise<ReportSubmissionRow> {
  return db
    .insertInto('report_submissions')
    .values(row)
    .returning(submissionColumns)
    .executeTakeFirstOrThrow();
}

export async function submissionsOf(
  db: Executor,
  versionIds: readonly number[],
): Promise<ReportSubmissionRow[]> {
  if (versionIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('report_submissions')
    .select(submissionColumns)
    .where('report_version_id', 'in', versionIds)
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
}
