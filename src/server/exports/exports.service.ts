import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { can } from '../access/roles.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/connect.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { caseColumns, cellOf, contactColumns, type ColumnDef } from './export-columns.ts';
import {
  casePage,
  contactPage,
  countLines,
  findExport,
  insertExport,
  listExportsOf,
  updateExport,
  type ExportFilter,
  type ExportRow,
} from './exports.repository.ts';
import type { CreateExportBody, ExportView } from './exports.schema.ts';

const PAGE = 5000;
const statuses = ['queued', 'running', 'done', 'failed'] as const;
const stringList = z.array(z.string());
const filterSchema = z.object({ outbreakId: z.number().nullable() });

function present(row: ExportRow): ExportView {
  return {
    id: Number(row.id),
    kind: row.kind,
    columns: stringList.parse(JSON.parse(row.columns)),
    masked: row.masked === 1,
    status: statuses.find((s) => s === row.status) ?? 'failed',
    rowsTotal: Number(row.rows_total),
    rowsDone: Number(row.rows_done),
    fileSize: row.file_size === null ? null : Number(row.file_size),
    failure: row.failure,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
  };
}

/** Queues a line list; the caller starts `runExport` after the transaction commits. */
export async function queueExport(
  trx: Executor,
  actor: RecordActor,
  body: CreateExportBody,
): Promise<ExportView> {
  // Masking is decided now, from the requester's role, and kept with the job.
  const masked = !can(actor.role, 'personal:read');
  const id = await insertExport(trx, {
    kind: body.kind,
    columns: JSON.stringify(body.columns),
    filters: JSON.stringify({ outbreakId: body.outbreakId ?? null }),
    scope: actor.scope,
    masked: masked ? 1 : 0,
    user_id: actor.userId,
    username: actor.username,
    created_at: now(),
  });
  await recordAudit(trx, auditOf(actor), {
    action: 'export.create',
    entity: 'export',
    entityId: id,
    changes: { kind: { after: body.kind }, columns: { after: body.columns }, masked: { after: masked } },
  });
  const row = await findExport(trx, id);
  if (row === undefined) {
    throw new AppError('NOT_FOUND', { params: { entity: 'export' } });
  }
  return present(row);
}

function definitions(kind: string, columns: readonly string[]): ColumnDef[] {
  const table: Record<string, ColumnDef> = kind === 'cases' ? caseColumns : contactColumns;
  return columns.flatMap((c) => {
    const def = table[c];
    return def === undefined ? [] : [def];
  });
}

/**
 * Writes the line list to `<data>/exports/<id>.xlsx` with exceljs's streaming writer, one keyset page at a
 * time, recording progress on the row so that any server can report it.
 */
export async function runExport(
  db: Db,
  settings: { dataDir: string; timeZone: string },
  id: number,
): Promise<void> {
  const k = db.kysely;
  const row = await findExport(k, id);
  if (row === undefined || row.status !== 'queued') {
    return;
  }
  const dir = path.join(settings.dataDir, 'exports');
  const file = path.join(dir, `${id}.xlsx`);
  try {
    const filters = filterSchema.parse(JSON.parse(row.filters));
    const f: ExportFilter = { scope: row.scope, outbreakId: filters.outbreakId };
    const kind = row.kind === 'cases' ? 'cases' : 'contacts';
    const total = await countLines(k, kind, f);
    await updateExport(k, id, { status: 'running', rows_total: total });
    fs.mkdirSync(dir, { recursive: true });
    const defs = definitions(kind, stringList.parse(JSON.parse(row.columns)));
    const masked = row.masked === 1;
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const sheet = workbook.addWorksheet(kind === 'cases' ? '病例' : '密切接触者');
    sheet.columns = defs.map((d) => ({ header: d.header, width: 18 }));
    let after = 0;
    let done = 0;
    for (;;) {
      const page =
        kind === 'cases' ? await casePage(k, f, after, PAGE) : await contactPage(k, f, after, PAGE);
      for (const line of page) {
        sheet.addRow(defs.map((d) => cellOf(d, line, masked, settings.timeZone))).commit();
      }
      done += page.length;
      const last = page.at(-1);
      if (last === undefined || page.length < PAGE) {
        break;
      }
      after = Number(last.id);
      await updateExport(k, id, { rows_done: done });
    }
    sheet.commit();
    await workbook.commit();
    await updateExport(k, id, {
      status: 'done',
      rows_done: done,
      file_path: file,
      file_size: fs.statSync(file).size,
      finished_at: now(),
    });
  } catch (error) {
    fs.rmSync(file, { force: true });
    await updateExport(k, id, {
      status: 'failed',
      failure: error instanceof Error ? error.message : String(error),
      finished_at: now(),
    });
  }
}

async function requireOwn(db: Executor, actor: RecordActor, id: number): Promise<ExportRow> {
  const row = await findExport(db, id);
  // An export holds personal data: only the user who asked for it sees it.
  if (row === undefined || row.user_id === null || Number(row.user_id) !== actor.userId) {
    throw new AppError('NOT_FOUND', { params: { entity: 'export' } });
  }
  return row;
}

export async function getExport(db: Executor, actor: RecordActor, id: number): Promise<ExportView> {
  return present(await requireOwn(db, actor, id));
}

export async function listExports(db: Executor, actor: RecordActor, limit: number): Promise<ExportView[]> {
  if (actor.userId === null) {
    return [];
  }
  return (await listExportsOf(db, actor.userId, limit)).map(present);
}

export async function exportFile(
  db: Executor,
  actor: RecordActor,
  id: number,
): Promise<{ fileName: string; stream: fs.ReadStream; size: number }> {
  const row = await requireOwn(db, actor, id);
  if (row.status !== 'done' || row.file_path === null || !fs.existsSync(row.file_path)) {
    throw new AppError('CONFLICT', {
      params: { reason: row.status },
      details: [{ code: 'export_not_ready', params: { status: row.status } }],
    });
  }
  const label = row.kind === 'cases' ? '病例一览表' : '密切接触者一览表';
  return {
    fileName: `${label}-${Number(row.id)}.xlsx`,
    stream: fs.createReadStream(row.file_path),
    size: Number(row.file_size ?? 0),
  };
}
