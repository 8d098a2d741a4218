import { parse } from 'csv-parse/sync';
import { mappingKeys, readLabRow, type ColumnMapping, type MappingKey } from '../../core/lab/lab-row.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError, formatMessage } from '../errors/app-error.ts';
import { detailMessages, isDetailMessageKey } from '../errors/detail-messages.ts';
import type { Locale } from '../errors/messages.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { applyImportRows, type GoodRow } from './lab-import-batch.ts';

export type RowError = { line: number; field: string; code: string; message: string; value: string | null };
export type ImportResult = {
  importId: number;
  rows: number;
  imported: number;
  badRows: RowError[];
  pools: { positive: number; negative: number };
  retests: number;
};

/** The mapping as sent (a JSON object mapping key → column header); a bad one is a 400 naming `mapping`. */
export function parseMapping(text: string | undefined): ColumnMapping {
  if (text === undefined) {
    throw fieldError('mapping', 'required');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fieldError('mapping', 'invalid');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw fieldError('mapping', 'invalid');
  }
  const mapping: Partial<Record<MappingKey, string>> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const known = mappingKeys.find((k) => k === key);
    if (!known) {
      throw fieldError(`mapping.${key}`, 'unrecognized_keys');
    }
    if (typeof value !== 'string' || value === '') {
      throw fieldError(`mapping.${key}`, 'invalid');
    }
    mapping[known] = value;
  }
  const { code, testedAt } = mapping;
  if (code === undefined) {
    throw fieldError('mapping.code', 'required');
  }
  if (testedAt === undefined) {
    throw fieldError('mapping.testedAt', 'required');
  }
  return { ...mapping, code, testedAt };
}

function message(code: string, params: Record<string, unknown>, locale: Locale): string {
  if (!isDetailMessageKey(code)) {
    return code;
  }
  const strings = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return formatMessage(detailMessages[code][locale], strings);
}

/**
 * Imports a lab's result file: every row is read through the mapping; rows with problems (unknown sample,
 * Ct out of range, bad or future date, unreadable result) are reported by line and column, and every good
 * row is applied — all of them in the one transaction the caller opened, so none is lost half-way.
 */
export async function importLabFile(
  trx: Executor,
  actor: RecordActor,
  file: { name: string; text: string },
  mapping: ColumnMapping,
  timeZone: string,
  locale: Locale,
): Promise<ImportResult> {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(file.text, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', {
      details: [
        {
          field: 'file',
          code: 'invalid',
          message: error instanceof Error ? error.message : 'unreadable CSV',
        },
      ],
    });
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  for (const [key, column] of Object.entries(mapping)) {
    if (records.length > 0 && !header.includes(column)) {
      throw fieldError(`mapping.${key}`, 'unknown_column', { column });
    }
  }
  const at = now();
  const created = await trx
    .insertInto('lab_imports')
    .values({
      file_name: file.name,
      mapping: JSON.stringify(mapping),
      rows: records.length,
      imported: 0,
      bad_rows: '[]',
      created_at: at,
      created_by: actor.username,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const importId = Number(created.id);
  const badRows: RowError[] = [];
  const good: GoodRow[] = [];
  const clock = new Date();
  // Every row is read and checked first; only then are the good ones applied, in batches and in file order.
  for (const { record, info } of records) {
    const line = info.lines;
    const read = readLabRow(record, mapping, timeZone, clock);
    if ('row' in read) {
      good.push({ line, row: read.row });
      continue;
    }
    for (const problem of read.problems) {
      const column = mapping[problem.field];
      badRows.push({
        line,
        field: problem.field,
        code: problem.code,
        message: message(problem.code, problem.params ?? {}, locale),
        value: column === undefined ? null : (record[column] ?? null),
      });
    }
  }
  const { imported, retests, pools, unknown } = await applyImportRows(trx, actor, good, importId, timeZone);
  for (const { line, code } of unknown) {
    badRows.push({
      line,
      field: 'code',
      code: 'unknown_sample',
      message: message('unknown_sample', {}, locale),
      value: code,
    });
  }
  badRows.sort((a, b) => a.line - b.line);
  await trx
    .updateTable('lab_imports')
    .set({ imported, bad_rows: JSON.stringify(badRows) })
    .where('id', '=', importId)
    .execute();
  await recordAudit(trx, auditOf(actor), {
    action: 'lab.import',
    entity: 'lab_import',
    entityId: importId,
    changes: {
      file: { after: file.name },
      rows: { after: records.length },
      imported: { after: imported },
      badRows: { after: badRows.length },
    },
  });
  return { importId, rows: records.length, imported, badRows, pools, retests };
}
