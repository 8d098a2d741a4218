import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { can } from '../access/roles.ts';
import { offsetMinutes } from '../../core/time/zone.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Executor } from '../db/transaction.ts';
import { fieldError } from '../errors/app-error.ts';
import type { Locale } from '../errors/messages.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { searchContacts } from './contacts-query.ts';
import { listContactsQuery, type Contact } from './contacts.schema.ts';
import type { ContactSettings } from './exposure-rules.ts';

/** A list exported from the screen is a working list; a whole city's contacts go through the line-list jobs. */
export const MAX_EXPORT_ROWS = 20_000;
const PAGE = 500;

/** The list's filters, without paging: the export holds every row the filters select. */
export const exportContactsQuery = listContactsQuery.omit({ limit: true, cursor: true });
export type ExportContactsQuery = z.infer<typeof exportContactsQuery>;

const words = {
  'zh-CN': {
    sheet: '密接名单',
    headers: [
      '密接编号',
      '姓名',
      '证件号码',
      '联系电话',
      '现住址',
      '区划代码',
      '类别',
      '状态',
      '关联病例',
      '末次暴露时间',
      '观察期满',
      '安置日期',
      '解除日期',
      '转为病例',
    ],
    classification: { close: '密切接触者', secondary: '密接的密接', general: '一般接触者' },
    status: {
      identified: '已判定',
      notified: '已告知',
      placed: '隔离中',
      home_monitoring: '居家健康监测',
      released: '已解除',
      converted: '已转病例',
      lost: '失访',
    },
  },
  en: {
    sheet: 'Contacts',
    headers: [
      'Contact no.',
      'Name',
      'Document number',
      'Phone',
      'Current address',
      'Division code',
      'Classification',
      'Status',
      'Source case',
      'Last exposure',
      'Observation ends',
      'Placed on',
      'Released on',
      'Became case',
    ],
    classification: { close: 'close', secondary: 'secondary', general: 'general' },
    status: {
      identified: 'identified',
      notified: 'notified',
      placed: 'placed',
      home_monitoring: 'home monitoring',
      released: 'released',
      converted: 'converted to a case',
      lost: 'lost to follow-up',
    },
  },
} as const;

/** `2020-01-25 03:00` in the deployment zone. */
function localTime(instant: string, timeZone: string): string {
  const date = new Date(instant);
  const shifted = new Date(date.getTime() + offsetMinutes(date, timeZone) * 60_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

async function caseNumbers(trx: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    return new Map();
  }
  const rows = await trx
    .selectFrom('cases')
    .select(['id', 'case_number'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((row) => [Number(row.id), row.case_number]));
}

/**
 * The contacts list as the screen shows it (same filters, same jurisdiction, same masking: a role without
 * personal:read gets the masked values the API gives it), as one .xlsx sheet. The export is audited, since
 * it carries personal data out of the system.
 */
export async function exportContacts(
  trx: Executor,
  actor: RecordActor,
  query: ExportContactsQuery,
  settings: ContactSettings,
  locale: Locale,
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const contacts: Contact[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchContacts(trx, actor, { ...query, limit: PAGE, cursor }, settings);
    contacts.push(...page.items);
    if (contacts.length > MAX_EXPORT_ROWS) {
      throw fieldError('filters', 'export_too_large', { max: MAX_EXPORT_ROWS });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  const numbers = await caseNumbers(
    trx,
    contacts.flatMap((c) =>
      c.convertedCaseId === null ? [c.sourceCaseId] : [c.sourceCaseId, c.convertedCaseId],
    ),
  );
  const text = words[locale];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(text.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...text.headers]).font = { bold: true };
  for (const c of contacts) {
    sheet.addRow([
      c.id,
      c.person.name,
      c.person.documentNumber ?? '',
      c.person.phone ?? '',
      c.person.currentAddress ?? '',
      c.person.divisionCode ?? c.divisionCode,
      text.classification[c.classification],
      text.status[c.status],
      numbers.get(c.sourceCaseId) ?? String(c.sourceCaseId),
      localTime(c.lastExposureAt, settings.timeZone),
      c.observationEnd ?? '',
      c.placedOn ?? '',
      c.releasedOn ?? '',
      c.convertedCaseId === null ? '' : (numbers.get(c.convertedCaseId) ?? String(c.convertedCaseId)),
    ]);
  }
  sheet.columns.forEach((column, i) => {
    column.width = [10, 10, 22, 15, 30, 15, 12, 14, 16, 18, 12, 12, 12, 16][i] ?? 12;
  });
  const masked = !can(actor.role, 'personal:read');
  await recordAudit(trx, auditOf(actor), {
    action: 'contacts.export',
    entity: 'contact',
    changes: { filters: { after: query }, rows: { after: contacts.length }, masked: { after: masked } },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    fileName: `${text.sheet}-${stamp}.xlsx`,
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    rows: contacts.length,
  };
}
