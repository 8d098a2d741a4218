import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/connect.ts';
import { AppError, fieldError, formatMessage, type ErrorDetail } from '../errors/app-error.ts';
import { detailMessages, isDetailMessageKey } from '../errors/detail-messages.ts';
import type { Locale } from '../errors/messages.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import {
  guessMapping,
  importFields,
  requiredImportFields,
  rowOf,
  type ImportField,
} from './contact-columns.ts';
import { bulkAddContacts } from './contacts-bulk.ts';
import type { ContactSettings } from './exposure-rules.ts';

/** The bulk endpoint's own limit: one file is one grid. */
export const MAX_IMPORT_ROWS = 2000;

export type ColumnMapping = Partial<Record<ImportField, string>>;

export const importErrorSchema = z.object({
  /** The row number Excel shows (the header is usually line 1). */
  line: z.number(),
  field: z.string(),
  /** The file's column header the field was read from. */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importReportSchema = z
  .object({
    fileName: z.string(),
    headers: z.array(z.string()),
    mapping: z.partialRecord(z.enum(importFields), z.string()),
    rows: z.number(),
    /** False for a preview, and for a file with any bad row: then nothing was written. */
    committed: z.boolean(),
    created: z.number(),
    exposuresAdded: z.number(),
    contactIds: z.array(z.number()),
    errors: z.array(importErrorSchema),
  })
  .meta({ id: 'ContactImportReport' });
export type ImportReport = z.infer<typeof importReportSchema>;

type SheetRow = { line: number; cells: string[] };

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (value instanceof Date) {
    // Excel keeps wall-clock times without a zone and exceljs reads them as UTC: the UTC fields are the
    // clock the user typed, which the column rules then read in the deployment zone.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) {
      return value.richText.map((part) => part.text).join('');
    }
    if ('text' in value && typeof value.text === 'string') {
      return value.text;
    }
    if ('result' in value && value.result !== undefined) {
      return cellText(value.result instanceof Date ? value.result : (value.result as ExcelJS.CellValue));
    }
    return '';
  }
  return String(value);
}

/**
 * The first worksheet. The header is the first of the top rows that names at least two known fields (sheets
 * often carry a title line above it), else the first non-empty row; empty rows are skipped.
 */
async function readSheet(bytes: Buffer): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.read(Readable.from(bytes));
  } catch {
    throw fieldError('file', 'xlsx_unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    throw fieldError('file', 'xlsx_empty');
  }
  const lines: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    const cells = Array.from(values, (value) => cellText(value ?? null).trim());
    if (cells.some((cell) => cell !== '')) {
      lines.push({ line: row.number, cells });
    }
  });
  const named = lines.slice(0, 10).findIndex((row) => Object.keys(guessMapping(row.cells)).length >= 2);
  const headerIndex = Math.max(named, 0);
  const headers = lines[headerIndex]?.cells;
  const rows = lines.slice(headerIndex + 1);
  if (headers === undefined || rows.length === 0) {
    throw fieldError('file', 'xlsx_empty');
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw fieldError('file', 'xlsx_too_many_rows', { max: MAX_IMPORT_ROWS });
  }
  return { headers, rows };
}

const mappingSchema = z.record(z.string(), z.string());

/** The mapping the user chose (JSON of field → header), or the one guessed from the headers. */
export function resolveMapping(raw: string | undefined, headers: readonly string[]): ColumnMapping {
  if (raw === undefined || raw.trim() === '') {
    return guessMapping(headers);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw fieldError('mapping', 'invalid');
  }
  const checked = mappingSchema.safeParse(parsed);
  if (!checked.success) {
    throw fieldError('mapping', 'invalid');
  }
  const mapping: ColumnMapping = {};
  for (const [key, column] of Object.entries(checked.data)) {
    const field = importFields.find((f) => f === key);
    if (field === undefined) {
      throw fieldError(`mapping.${key}`, 'unrecognized_keys');
    }
    if (column === '') {
      continue;
    }
    if (!headers.includes(column)) {
      throw fieldError(`mapping.${key}`, 'unknown_column', { column });
    }
    mapping[field] = column;
  }
  return mapping;
}

function detailMessage(detail: ErrorDetail, locale: Locale): string {
  if (detail.message !== undefined) {
    return detail.message;
  }
  const params = Object.fromEntries(
    Object.entries(detail.params ?? {}).map(([key, value]) => [key, String(value)]),
  );
  const sized = `${detail.code}_string`;
  const key = isDetailMessageKey(detail.code) ? detail.code : isDetailMessageKey(sized) ? sized : 'invalid';
  const text = formatMessage(detailMessages[key][locale], params);
  // A schema issue that came without its parameters (the enum's options) says only that the value is wrong.
  return /\{\w+\}/.test(text) ? detailMessages.invalid[locale] : text;
}

/** `rows.3.person.phone` → row 3, field `phone`. */
function rowDetail(detail: ErrorDetail): { index: number; field: string } | null {
  const match = /^rows\.(\d+)\.(?:person\.)?(.+)$/.exec(detail.field ?? '');
  return match ? { index: Number(match[1]), field: match[2] ?? '' } : null;
}

/** Thrown inside a preview's transaction so that everything it wrote rolls back. */
class PreviewDone extends Error {
  constructor(readonly result: { created: number; exposuresAdded: number; contactIds: number[] }) {
    super('preview');
  }
}

/**
 * Imports a workbook of contacts of one case. The whole file is one transaction through the same checks as
 * the pasted grid: any bad row and nothing is written, and the report lists every problem by the line
 * Excel shows, the field and the column it came from (docs/decisions/006). `commit: false` runs every
 * check, including the writes, and rolls back, so the preview finds what the commit would.
 */
export async function importContactsFile(
  db: Db,
  actor: RecordActor,
  caseId: number,
  file: { name: string; bytes: Buffer },
  options: { mapping: string | undefined; commit: boolean; locale: Locale },
  settings: ContactSettings,
): Promise<ImportReport> {
  const sheet = await readSheet(file.bytes);
  const mapping = resolveMapping(options.mapping, sheet.headers);
  const missing = requiredImportFields.filter((field) => mapping[field] === undefined);
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      details: missing.map((field) => ({ field: `mapping.${field}`, code: 'required' })),
    });
  }
  const rows = sheet.rows.map(({ cells }) => {
    const texts: Partial<Record<ImportField, string>> = {};
    for (const field of importFields) {
      const column = mapping[field];
      const index = column === undefined ? -1 : sheet.headers.indexOf(column);
      if (index >= 0) {
        texts[field] = cells[index] ?? '';
      }
    }
    return rowOf(texts, settings.timeZone);
  });
  const report: ImportReport = {
    fileName: file.name,
    headers: sheet.headers,
    mapping,
    rows: rows.length,
    committed: false,
    created: 0,
    exposuresAdded: 0,
    contactIds: [],
    errors: [],
  };
  try {
    const result = await db.kysely.transaction().execute(async (trx) => {
      const added = await bulkAddContacts(trx, actor, caseId, rows, settings);
      if (!options.commit) {
        throw new PreviewDone(added);
      }
      await recordAudit(trx, auditOf(actor), {
        action: 'contacts.import',
        entity: 'case',
        entityId: caseId,
        changes: {
          file: { after: file.name },
          rows: { after: rows.length },
          created: { after: added.created },
        },
      });
      return added;
    });
    return { ...report, ...result, committed: true };
  } catch (error) {
    if (error instanceof PreviewDone) {
      return { ...report, ...error.result, contactIds: [] };
    }
    if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') {
      throw error;
    }
    const errors: ImportError[] = [];
    for (const detail of error.details) {
      const at = rowDetail(detail);
      if (!at) {
        throw error;
      }
      const field = importFields.find((f) => f === at.field);
      errors.push({
        line: sheet.rows[at.index]?.line ?? at.index + 2,
        field: at.field,
        column: field === undefined ? null : (mapping[field] ?? null),
        code: detail.code,
        message: detailMessage(detail, options.locale),
      });
    }
    return { ...report, errors };
  }
}
