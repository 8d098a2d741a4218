import { maskAddress, maskDocumentNumber, maskName, maskPhone } from '../../core/identity/masking.ts';
import { caseCodeLabel } from '../../core/report/labels.ts';
import { offsetMinutes } from '../../core/time/zone.ts';

/** A line-list row as read from the database (cases and contacts share the person's fields). */
export type LineRow = Record<string, string | number | null>;

export type ColumnDef = {
  header: string;
  /** The row field it reads. */
  field: string;
  /** How a personal value is masked for roles without personal:read. */
  mask?: (value: string) => string;
  kind?: 'code' | 'instant';
};

const personColumns = {
  name: { header: '姓名', field: 'name', mask: maskName },
  sex: { header: '性别', field: 'sex', kind: 'code' },
  birthDate: { header: '出生日期', field: 'birth_date' },
  documentNumber: { header: '证件号码', field: 'document_number', mask: maskDocumentNumber },
  phone: { header: '联系电话', field: 'phone', mask: maskPhone },
  address: { header: '现住址', field: 'current_address', mask: maskAddress },
  division: { header: '所属街道（乡镇）', field: 'division_name' },
} satisfies Record<string, ColumnDef>;

export const caseColumns = {
  caseNumber: { header: '病例编号', field: 'case_number' },
  ...personColumns,
  classification: { header: '病例分类', field: 'classification', kind: 'code' },
  severity: { header: '临床分型', field: 'severity', kind: 'code' },
  onsetDate: { header: '发病日期', field: 'onset_date' },
  receivedAt: { header: '报告时间', field: 'received_at', kind: 'instant' },
  discoveryRoute: { header: '发现途径', field: 'discovery_route', kind: 'code' },
  hospital: { header: '医院', field: 'hospital' },
  status: { header: '转归', field: 'status', kind: 'code' },
} satisfies Record<string, ColumnDef>;

export const contactColumns = {
  contactId: { header: '密接编号', field: 'id' },
  ...personColumns,
  classification: { header: '类别', field: 'classification' },
  status: { header: '状态', field: 'status' },
  sourceCase: { header: '关联病例', field: 'source_case_number' },
  lastExposureAt: { header: '末次暴露时间', field: 'last_exposure_at', kind: 'instant' },
  observationEnd: { header: '观察期满', field: 'observation_end' },
  convertedCase: { header: '转为病例', field: 'converted_case_number' },
} satisfies Record<string, ColumnDef>;

export type CaseColumn = keyof typeof caseColumns;
export type ContactColumn = keyof typeof contactColumns;

/**
 * Zone offsets by hour: asking Intl for each of 100k instants costs most of an export's time, and an offset
 * never changes within an hour.
 */
const offsets = new Map<string, number>();

/** `2020年01月25日 03:00` in the deployment zone, as the reports write it. */
function localDateTime(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) {
    return instant;
  }
  const key = `${timeZone}|${Math.floor(ms / 3_600_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = offsetMinutes(new Date(ms), timeZone);
    offsets.set(key, offset);
  }
  const local = new Date(ms + offset * 60_000).toISOString();
  return `${local.slice(0, 4)}年${local.slice(5, 7)}月${local.slice(8, 10)}日 ${local.slice(11, 16)}`;
}

/** The cell a column shows for a row, masked when the exporter may not read personal data. */
export function cellOf(def: ColumnDef, row: LineRow, masked: boolean, timeZone: string): string | number {
  const value = row[def.field];
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    return value;
  }
  if (masked && def.mask) {
    return def.mask(value);
  }
  if (def.kind === 'code') {
    return caseCodeLabel(value) ?? value;
  }
  if (def.kind === 'instant') {
    return localDateTime(value, timeZone);
  }
  return value;
}
