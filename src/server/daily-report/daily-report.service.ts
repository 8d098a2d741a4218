import { z } from 'zod';
import { composeDailyReport } from '../../core/daily-report/compose.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { DashboardSettings } from '../dashboard/dashboard.service.ts';
import type { Dialect } from '../db/connect.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { auditOf } from '../persons/record-actor.ts';
import { renderInvestigationDocx } from '../reports/investigation-docx.ts';
import { dailyReportInput, type DailyActor } from './daily-report-input.ts';
import {
  dailyReportFile,
  findDailyReport,
  insertDailyReport,
  insertSubmission,
  listDailyReports,
  nextDailyNumber,
  submissionsOf,
  type DailyReportRow,
  type SubmissionRow,
} from './daily-report.repository.ts';
import type { DailyReportView } from './daily-report.schema.ts';
import { renderDailyXlsx } from './daily-report-xlsx.ts';

export type DailySettings = DashboardSettings & { reportRecipients: string[] };

const recipientsSchema = z.array(z.string());

function present(row: DailyReportRow, submissions: readonly SubmissionRow[]): DailyReportView {
  return {
    id: row.id,
    date: row.date,
    jurisdictionCode: row.jurisdiction_code,
    number: row.number,
    author: row.author_name,
    createdAt: row.created_at,
    recommendations: row.recommendations,
    submissions: submissions
      .filter((s) => s.daily_report_id === row.id)
      .map((s) => ({
        id: s.id,
        recipients: recipientsSchema.parse(JSON.parse(s.recipients)),
        submittedAt: s.submitted_at,
        submittedBy: s.submitted_by_name,
      })),
  };
}

/** Generates the day's report now and keeps it as the next immutable version, with its .docx and .xlsx. */
export async function createDailyReport(
  trx: Executor,
  dialect: Dialect,
  actor: DailyActor,
  body: { date: string; recommendations: string },
  settings: DailySettings,
): Promise<DailyReportView> {
  const number = await nextDailyNumber(trx, actor.jurisdictionCode, body.date);
  const createdAt = now();
  const input = await dailyReportInput(
    trx,
    dialect,
    actor,
    body.date,
    { number, createdAt, recommendations: body.recommendations },
    settings,
  );
  const document = composeDailyReport(input);
  const docx = await renderInvestigationDocx(document);
  const xlsx = await renderDailyXlsx(input);
  const id = await insertDailyReport(trx, {
    date: body.date,
    jurisdiction_code: actor.jurisdictionCode,
    number,
    author_id: actor.userId,
    author_name: actor.displayName,
    created_at: createdAt,
    recommendations: body.recommendations,
    content: JSON.stringify({ input, document }),
    docx,
    xlsx,
  });
  await recordAudit(trx, auditOf(actor), {
    action: 'daily_report.create',
    entity: 'daily_report',
    entityId: id,
    changes: { date: { after: body.date }, number: { after: number } },
  });
  const row = await findDailyReport(trx, id);
  if (row === undefined) {
    throw new AppError('NOT_FOUND', { params: { entity: 'daily report' } });
  }
  return present(row, []);
}

async function requireReport(db: Executor, actor: DailyActor, id: number): Promise<DailyReportRow> {
  const row = await findDailyReport(db, id);
  // Another jurisdiction's report answers like a missing one.
  if (row === undefined || !row.jurisdiction_code.startsWith(actor.scope)) {
    throw new AppError('NOT_FOUND', { params: { entity: 'daily report' } });
  }
  return row;
}

export async function listDaily(
  db: Executor,
  actor: DailyActor,
  query: { date?: string | undefined; limit: number },
): Promise<DailyReportView[]> {
  const rows = await listDailyReports(db, actor.scope, query);
  const submissions = await submissionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, submissions));
}

export async function dailyFile(
  db: Executor,
  actor: DailyActor,
  id: number,
  format: 'docx' | 'xlsx',
): Promise<{ fileName: string; bytes: Buffer }> {
  const row = await requireReport(db, actor, id);
  const bytes = await dailyReportFile(db, id, format);
  if (bytes === undefined) {
    throw new AppError('NOT_FOUND', { params: { entity: 'daily report' } });
  }
  return { fileName: `疫情日报-${row.date}-第${row.number}版.${format}`, bytes };
}

/** Records that a version went to its recipients (the configured ones unless the submitter names others). */
export async function submitDaily(
  trx: Executor,
  actor: DailyActor,
  id: number,
  recipients: string[] | undefined,
  settings: DailySettings,
): Promise<DailyReportView> {
  const row = await requireReport(trx, actor, id);
  const names = recipients ?? settings.reportRecipients;
  await insertSubmission(trx, {
    daily_report_id: id,
    recipients: JSON.stringify(names),
    submitted_at: now(),
    submitted_by: actor.userId,
    submitted_by_name: actor.displayName,
  });
  await recordAudit(trx, auditOf(actor), {
    action: 'daily_report.submit',
    entity: 'daily_report',
    entityId: id,
    changes: { recipients: { after: names } },
  });
  return present(row, await submissionsOf(trx, [id]));
}
