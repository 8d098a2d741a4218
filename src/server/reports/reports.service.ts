import { z } from 'zod';
import { isWithin } from '../../core/divisions/scope.ts';
import { composeInvestigationReport } from '../../core/report/compose.ts';
import { reportKindLabels } from '../../core/report/labels.ts';
import type { ReportDocument, ReportKind } from '../../core/report/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { ReportSubmissionRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import { getInvestigation, transitionInvestigation } from '../investigations/investigations.service.ts';
import { auditOf, type CaseActor } from '../trajectory/case-actor.ts';
import { requireCaseInScope } from '../trajectory/case-scope.ts';
import { renderInvestigationDocx } from './investigation-docx.ts';
import { buildReportInput, type ReportSettings } from './report-input.ts';
import {
  findVersion,
  findVersionContent,
  findVersionDocx,
  insertSubmission,
  insertVersion,
  listVersionsOfCase,
  nextVersionNumber,
  submissionsOf,
  type VersionRow,
} from './reports.repository.ts';
import type { ListReportsQuery, ReportVersion } from './reports.schema.ts';

function parseRecipients(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

function presentSubmission(row: ReportSubmissionRow) {
  return {
    id: Number(row.id),
    recipients: parseRecipients(row.recipients),
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by_name,
  };
}

function presentVersion(row: VersionRow, submissions: ReportSubmissionRow[]): ReportVersion {
  const id = Number(row.id);
  return {
    id,
    caseId: Number(row.case_id),
    kind: row.kind as ReportKind,
    number: row.number,
    authorName: row.author_name,
    createdAt: row.created_at,
    docxSize: Number(row.docx_size),
    docxUrl: `/api/v1/reports/${id}/docx`,
    submissions: submissions.filter((s) => Number(s.report_version_id) === id).map(presentSubmission),
  };
}

/** A version inside the actor's jurisdiction, or 404. */
async function requireVersion(db: Executor, actor: CaseActor, id: number): Promise<VersionRow> {
  const row = await findVersion(db, id);
  if (!row || !isWithin(actor.scope, row.division_code)) {
    throw new AppError('NOT_FOUND', { params: { entity: 'report' } });
  }
  return row;
}

/** The report as it would read if generated now: for the on-screen preview, nothing is stored. */
export async function previewReport(
  db: Executor,
  actor: CaseActor,
  caseId: number,
  kind: ReportKind,
  settings: ReportSettings,
): Promise<ReportDocument> {
  await requireCaseInScope(db, actor.scope, caseId);
  const input = await buildReportInput(db, actor, caseId, {
    kind,
    number: null,
    reportedAt: now(),
    settings,
  });
  return composeInvestigationReport(input);
}

/**
 * Generates the report and keeps it as the case's next numbered version: its content and its .docx are
 * written once and never changed (there is no update path), so what was filed can always be shown again.
 */
export async function createReportVersion(
  trx: Executor,
  actor: CaseActor,
  caseId: number,
  kind: ReportKind,
  settings: ReportSettings,
  /** When it was written; the demo retells 2020 with the story's times. Defaults to now. */
  at: string = now(),
): Promise<ReportVersion> {
  await requireCaseInScope(trx, actor.scope, caseId);
  const number = await nextVersionNumber(trx, caseId);
  const doc = composeInvestigationReport(
    await buildReportInput(trx, actor, caseId, { kind, number, reportedAt: at, settings }),
  );
  const docx = await renderInvestigationDocx(doc);
  const id = await insertVersion(trx, {
    case_id: caseId,
    kind,
    number,
    author_id: actor.userId,
    author_name: actor.displayName,
    created_at: at,
    content: JSON.stringify(doc),
    docx,
    docx_size: docx.length,
  });
  await recordAudit(trx, auditOf(actor), {
    action: 'report.create',
    entity: 'case',
    entityId: caseId,
    changes: { reportId: { after: id }, kind: { after: kind }, number: { after: number } },
  });
  return presentVersion(await requireVersion(trx, actor, id), []);
}

const cursorSchema = z.object({ n: cursorValue.id });

export async function listReportVersions(
  db: Executor,
  actor: CaseActor,
  query: ListReportsQuery,
): Promise<{ items: ReportVersion[]; nextCursor: string | null }> {
  const before = cursorOf(query.cursor, cursorSchema)?.n;
  await requireCaseInScope(db, actor.scope, query.caseId);
  const rows = await listVersionsOfCase(db, query.caseId, { before, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const submissions = await submissionsOf(
    db,
    page.map((r) => Number(r.id)),
  );
  const last = page.at(-1);
  return {
    items: page.map((row) => presentVersion(row, submissions)),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ n: last.number }) : null,
  };
}

export async function getReportVersion(db: Executor, actor: CaseActor, id: number) {
  const row = await requireVersion(db, actor, id);
  const content: ReportDocument = JSON.parse((await findVersionContent(db, id)) ?? '{}');
  return { ...presentVersion(row, await submissionsOf(db, [id])), content };
}

/** The stored .docx of a version and the file name to save it under. */
export async function reportDocx(
  db: Executor,
  actor: CaseActor,
  id: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  const row = await requireVersion(db, actor, id);
  const bytes = await findVersionDocx(db, id);
  if (!bytes) {
    throw new AppError('NOT_FOUND', { params: { entity: 'report' } });
  }
  const kind = reportKindLabels[row.kind as ReportKind] ?? row.kind;
  return { fileName: `${row.case_number}-流调${kind}-第${row.number}版.docx`, bytes: Buffer.from(bytes) };
}

/**
 * Files a version with its recipients and time. The first filing moves the investigation to 已报送 (through
 * 待审核 when it is still 调查中: the submitter's review), which stops its 24-hour clock; later progress and
 * closing reports are recorded without a state change.
 */
export async function submitReport(
  trx: Executor,
  actor: CaseActor,
  id: number,
  recipients: string[] | undefined,
  settings: ReportSettings,
  at: string = now(),
) {
  const row = await requireVersion(trx, actor, id);
  const caseId = Number(row.case_id);
  let investigation = await getInvestigation(trx, actor, caseId, settings);
  if (investigation.state === 'investigating') {
    investigation = await transitionInvestigation(trx, actor, caseId, { to: 'pending_review' }, settings);
  }
  if (investigation.state === 'pending_review') {
    investigation = await transitionInvestigation(trx, actor, caseId, { to: 'submitted' }, settings);
  }
  if (investigation.state !== 'submitted') {
    throw new AppError('CONFLICT', {
      params: { reason: investigation.state },
      details: [{ code: 'investigation_not_ready', params: { state: investigation.state } }],
    });
  }
  const names = recipients ?? settings.reportRecipients;
  const submission = await insertSubmission(trx, {
    report_version_id: id,
    recipients: JSON.stringify(names),
    submitted_at: at,
    submitted_by: actor.userId,
    submitted_by_name: actor.displayName,
  });
  await recordAudit(trx, auditOf(actor), {
    action: 'report.submit',
    entity: 'case',
    entityId: caseId,
    changes: { reportId: { after: id }, recipients: { after: names } },
  });
  return {
    report: presentVersion(row, await submissionsOf(trx, [id])),
    submission: presentSubmission(submission),
    investigationState: investigation.state,
    submittedAt: investigation.submittedAt,
  };
}
