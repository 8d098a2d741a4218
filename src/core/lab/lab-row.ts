import { offsetMinutes } from '../time/zone.ts';
import { CT_MAX, CT_MIN, CT_POSITIVE_BELOW } from './criteria.ts';
import type { LabTarget, Qualitative } from './rules.ts';

/**
 * One row of a lab's result file, read through the column mapping the importer chose. Every problem is
 * reported with the mapping key it concerns, so the row-error report says which column was wrong.
 */

export const mappingKeys = [
  'code',
  'testedAt',
  'lab',
  'orf1abCt',
  'orf1abResult',
  'nCt',
  'nResult',
  'result',
  'igm',
  'igg',
] as const;
export type MappingKey = (typeof mappingKeys)[number];
/** Mapping key → the column header in the file. `code` and `testedAt` are required. */
export type ColumnMapping = Partial<Record<MappingKey, string>> & { code: string; testedAt: string };

export type RowProblem = { field: MappingKey; code: string; params?: Record<string, string | number> };
export type LabRowEntry = { target: LabTarget; ct: number | null; result: Qualitative };
export type LabRow = { code: string; testedAt: string; lab: string | null; entries: LabRowEntry[] };

const words: Record<string, Qualitative> = {
  positive: 'positive',
  pos: 'positive',
  '+': 'positive',
  阳性: 'positive',
  negative: 'negative',
  neg: 'negative',
  '-': 'negative',
  阴性: 'negative',
  inconclusive: 'inconclusive',
  可疑: 'inconclusive',
  待复检: 'inconclusive',
};

/** "No Ct": the target did not amplify. */
const noCt = new Set(['', 'n/a', 'na', 'undet', 'undetermined', '未检出', 'no ct', '-']);

export function parseQualitative(raw: string): Qualitative | null {
  return words[raw.trim().toLowerCase()] ?? null;
}

/** A Ct cell: null for no amplification, a number in 0–45, or a problem. */
export function parseCt(raw: string): { ct: number | null } | { problem: string } {
  const text = raw.trim().toLowerCase();
  if (noCt.has(text)) {
    return { ct: null };
  }
  if (!/^\d+(\.\d+)?$/.test(text)) {
    return { problem: 'number' };
  }
  const ct = Number(text);
  return ct < CT_MIN || ct > CT_MAX ? { problem: 'ct_range' } : { ct };
}

/**
 * A date and time: an ISO instant with offset, or a local `YYYY-MM-DD HH:mm[:ss]` (or `YYYY/MM/DD`) in the
 * deployment zone, as lab systems print them. Null when it is not a real date.
 */
export function parseLabTime(raw: string, timeZone: string): string | null {
  const text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) || !sameCalendar(text.slice(0, 10)) ? null : new Date(ms).toISOString();
  }
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) {
    return null;
  }
  const [, y = '', mo = '', d = '', h = '0', mi = '0', s = '0'] = match;
  const date = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!sameCalendar(date) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return null;
  }
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const guess = asUtc - hourlyOffset(asUtc, timeZone) * 60_000;
  return new Date(asUtc - hourlyOffset(guess, timeZone) * 60_000).toISOString();
}

const offsets = new Map<string, number>();

/**
 * The zone's offset at an instant, remembered per zone and UTC hour: zones change offset on the hour, and a
 * lab file's 100k rows carry a handful of distinct hours, while each fresh Intl lookup costs a quarter of a
 * millisecond.
 */
function hourlyOffset(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / 3_600_000);
  const key = `${timeZone}|${hour}`;
  const known = offsets.get(key);
  if (known !== undefined) {
    return known;
  }
  if (offsets.size > 50_000) {
    offsets.clear();
  }
  const offset = offsetMinutes(new Date(hour * 3_600_000), timeZone);
  offsets.set(key, offset);
  return offset;
}

function sameCalendar(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

const natColumns = [
  { target: 'ORF1ab', ct: 'orf1abCt', result: 'orf1abResult' },
  { target: 'N', ct: 'nCt', result: 'nResult' },
] as const;
const antibodyColumns = [
  { target: 'IgM', result: 'igm' },
  { target: 'IgG', result: 'igg' },
] as const;

/** Reads one record (header → cell) through the mapping; `now` bounds the test time. */
export function readLabRow(
  record: Readonly<Record<string, string>>,
  mapping: ColumnMapping,
  timeZone: string,
  now: Date,
): { row: LabRow } | { problems: RowProblem[] } {
  const cell = (key: MappingKey): string | null => {
    const column = mapping[key];
    return column === undefined ? null : (record[column] ?? '');
  };
  const problems: RowProblem[] = [];
  const code = (cell('code') ?? '').trim();
  if (code === '') {
    problems.push({ field: 'code', code: 'required' });
  }
  const testedAt = parseLabTime(cell('testedAt') ?? '', timeZone);
  if (testedAt === null) {
    problems.push({ field: 'testedAt', code: 'bad_date' });
  } else if (Date.parse(testedAt) > now.getTime() + 5 * 60_000) {
    problems.push({ field: 'testedAt', code: 'in_future' });
  }
  const overall = cell('result');
  const overallResult = overall === null || overall.trim() === '' ? null : parseQualitative(overall);
  if (overall !== null && overall.trim() !== '' && overallResult === null) {
    problems.push({ field: 'result', code: 'qualitative' });
  }
  const entries: LabRowEntry[] = [];
  for (const column of natColumns) {
    const ctCell = cell(column.ct);
    const resultCell = cell(column.result);
    if (ctCell === null && resultCell === null) {
      continue;
    }
    const ct = ctCell === null ? { ct: null } : parseCt(ctCell);
    if ('problem' in ct) {
      problems.push({ field: column.ct, code: ct.problem, params: { min: CT_MIN, max: CT_MAX } });
      continue;
    }
    let result: Qualitative | null = null;
    if (resultCell !== null && resultCell.trim() !== '') {
      result = parseQualitative(resultCell);
      if (result === null) {
        problems.push({ field: column.result, code: 'qualitative' });
        continue;
      }
    } else if (ctCell !== null) {
      result = ct.ct !== null && ct.ct < CT_POSITIVE_BELOW ? 'positive' : 'negative';
    } else {
      result = overallResult;
    }
    if (result !== null) {
      entries.push({ target: column.target, ct: ct.ct, result });
    }
  }
  for (const column of antibodyColumns) {
    const value = cell(column.result);
    if (value === null || value.trim() === '') {
      continue;
    }
    const result = parseQualitative(value);
    if (result === null) {
      problems.push({ field: column.result, code: 'qualitative' });
      continue;
    }
    entries.push({ target: column.target, ct: null, result });
  }
  if (problems.length === 0 && entries.length === 0) {
    if (overallResult === null) {
      problems.push({ field: 'result', code: 'required' });
    } else {
      // A file with one overall result per row reads as one result for each NAT target.
      entries.push(
        { target: 'ORF1ab', ct: null, result: overallResult },
        { target: 'N', ct: null, result: overallResult },
      );
    }
  }
  if (problems.length > 0 || testedAt === null) {
    return { problems };
  }
  const lab = cell('lab');
  return { row: { code, testedAt, lab: lab === null || lab.trim() === '' ? null : lab.trim(), entries } };
}
