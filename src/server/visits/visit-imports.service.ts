import fs from 'node:fs';
import path from 'node:path';
import type { BadRow } from '../../core/colocation/visit-csv.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Kysely } from 'kysely';
import type { Database, VisitImportRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import type { AuditActor } from '../http/actor.ts';
import { applyReferences, type ReferenceCounts } from './apply-references.ts';
import {
  readPersonsReference,
  readPlacesReference,
  type PersonRef,
  type PlaceRef,
} from './reference-files.ts';
import { acquireStoreLock, appendVisitFile } from './store-import.ts';
import { findImport, insertImport, runningImports, updateImport } from './visit-imports.repository.ts';
import type { VisitImport } from './visit-imports.schema.ts';
import { storeDir } from './visit-store.ts';
import { xlsxToCsv } from './xlsx-to-csv.ts';

/** How many bad rows the import record keeps inline; all of them go to the errors CSV. */
const inlineBadRows = 20;

export type ImportActor = { audit: AuditActor; scope: string };

export type ImportProgress = { bytes: number; totalBytes: number; rows: number };

export type ImportRequest = {
  dataDir: string;
  actor: ImportActor;
  /** The visit file (.csv, or .xlsx converted first). */
  file: string;
  fileName: string;
  personsRef?: string | undefined;
  placesRef?: string | undefined;
  dwell?: number | undefined;
  onStarted?: (importId: number) => void;
  onProgress?: (progress: ImportProgress) => void;
};

export type ImportOutcome = { visitImport: VisitImport; bad: BadRow[]; references: ReferenceCounts };

function parseBadRows(text: string): BadRow[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((r): r is BadRow => typeof r === 'object' && r !== null) : [];
}

export function toVisitImport(row: VisitImportRow): VisitImport {
  const status = row.status === 'done' || row.status === 'failed' ? row.status : 'running';
  return {
    id: Number(row.id),
    fileName: row.file_name,
    status,
    rows: Number(row.rows),
    badRows: Number(row.bad_rows),
    firstBadRows: parseBadRows(row.first_bad_rows),
    bytes: Number(row.bytes),
    totalBytes: Number(row.total_bytes),
    failure: row.failure,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    username: row.username,
  };
}

export async function getVisitImport(db: Executor, id: number): Promise<VisitImport> {
  const row = await findImport(db, id);
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: '导入 / import' } });
  }
  return toVisitImport(row);
}

export function errorsCsv(bad: readonly BadRow[]): string {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return (
    ['line,field,reason', ...bad.map((b) => `${b.line},${quote(b.field)},${quote(b.reason)}`)].join('\n') +
    '\n'
  );
}

/**
 * One import: takes the store lock, appends the visit file as a new segment (all or nothing), then records
 * the references, the outcome and one audit event in one transaction. Imports a crash left "running" are
 * marked failed first: the lock proves no process is still writing them.
 */
export async function runVisitImport(db: Kysely<Database>, request: ImportRequest): Promise<ImportOutcome> {
  const dir = storeDir(request.dataDir);
  const release = acquireStoreLock(dir);
  let converted: string | null = null;
  try {
    for (const id of await runningImports(db)) {
      await updateImport(db, id, { status: 'failed', failure: 'interrupted', finished_at: now() });
    }
    const totalBytes = fs.statSync(request.file).size;
    const importId = await insertImport(db, {
      file_name: request.fileName,
      status: 'running',
      rows: 0,
      bad_rows: 0,
      first_bad_rows: '[]',
      errors_path: null,
      bytes: 0,
      total_bytes: totalBytes,
      segment: null,
      failure: null,
      started_at: now(),
      finished_at: null,
      user_id: request.actor.audit.userId,
      username: request.actor.audit.username,
    });
    request.onStarted?.(importId);
    try {
      return await importInto(db, request, dir, importId, (file) => {
        converted = file;
      });
    } catch (error) {
      const failure = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      await db.transaction().execute(async (trx) => {
        await updateImport(trx, importId, { status: 'failed', failure, finished_at: now() });
        await recordAudit(trx, request.actor.audit, {
          action: 'visit_import.fail',
          entity: 'visit_import',
          entityId: importId,
          changes: { file: { after: request.fileName }, failure: { after: failure } },
        });
      });
      throw error;
    }
  } finally {
    if (converted !== null) {
      fs.rmSync(converted, { force: true });
    }
    release();
  }
}

async function importInto(
  db: Kysely<Database>,
  request: ImportRequest,
  dir: string,
  importId: number,
  onConverted: (file: string) => void,
): Promise<ImportOutcome> {
  const persons = request.personsRef ? await readPersonsReference(request.personsRef) : { refs: [], bad: [] };
  const places = request.placesRef ? await readPlacesReference(request.placesRef) : { refs: [], bad: [] };
  let source = request.file;
  if (request.fileName.toLowerCase().endsWith('.xlsx')) {
    // Beside the uploads, not in the store folder, whose recovery removes every file the manifest does not name.
    const uploads = path.join(request.dataDir, 'uploads');
    fs.mkdirSync(uploads, { recursive: true });
    source = path.join(uploads, `import-${importId}.csv`);
    onConverted(source);
    await xlsxToCsv(request.file, source);
  }
  let lastWrite = 0;
  let pending = Promise.resolve();
  const result = await appendVisitFile(dir, source, {
    dwell: request.dwell,
    onProgress: (bytes, rows, totalBytes) => {
      request.onProgress?.({ bytes, rows, totalBytes });
      const at = Date.now();
      if (at - lastWrite > 500) {
        lastWrite = at;
        // Progress is advisory: a failed write of it must not fail the import.
        pending = pending.then(() => updateImport(db, importId, { bytes, rows })).catch(() => undefined);
      }
    },
  });
  await pending;
  return finishImport(db, request, importId, result.rows, result.segment, persons, places, [
    ...persons.bad,
    ...places.bad,
    ...result.bad,
  ]);
}

async function finishImport(
  db: Kysely<Database>,
  request: ImportRequest,
  importId: number,
  rows: number,
  segment: string | null,
  persons: { refs: PersonRef[] },
  places: { refs: PlaceRef[] },
  bad: BadRow[],
): Promise<ImportOutcome> {
  const errorsDir = path.join(request.dataDir, 'visit-import-errors');
  fs.mkdirSync(errorsDir, { recursive: true });
  const errorsPath = path.join(errorsDir, `import-${importId}.csv`);
  return db.transaction().execute(async (trx) => {
    const references = await applyReferences(trx, request.actor.scope, persons.refs, places.refs, bad);
    fs.writeFileSync(errorsPath, errorsCsv(bad));
    await updateImport(trx, importId, {
      status: 'done',
      rows,
      bad_rows: bad.length,
      first_bad_rows: JSON.stringify(bad.slice(0, inlineBadRows)),
      errors_path: path.relative(request.dataDir, errorsPath),
      bytes: fs.statSync(request.file).size,
      segment,
      finished_at: now(),
    });
    await recordAudit(trx, request.actor.audit, {
      action: 'visit_import.done',
      entity: 'visit_import',
      entityId: importId,
      changes: {
        file: { after: request.fileName },
        rows: { after: rows },
        badRows: { after: bad.length },
        personsReference: { after: references.persons },
        placesCreated: { after: references.placesCreated },
        placesUpdated: { after: references.placesUpdated },
      },
    });
    const row = await findImport(trx, importId);
    if (!row) {
      throw new AppError('NOT_FOUND', { params: { entity: 'import' } });
    }
    return { visitImport: toVisitImport(row), bad, references };
  });
}
