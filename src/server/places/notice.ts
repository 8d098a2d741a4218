import ExcelJS from 'exceljs';
import { maskDocumentNumber, maskName, maskPhone } from '../../core/identity/masking.ts';
import type { Executor } from '../db/transaction.ts';
import { auditOf, seesPersonal, type RecordActor } from '../persons/record-actor.ts';
import { loadVisitColumns, readLabels, readManifest, storeDir } from '../visits/visit-store.ts';
import { exposureWindowsOfPlace } from './places.service.ts';

export type NoticeVisitor = {
  externalId: string;
  name: string | null;
  documentNumber: string | null;
  phone: string | null;
  firstAt: string;
  lastAt: string;
  caseNumbers: string[];
};

/**
 * The visitors of a place during the windows cases put on it (公告: the people to notify), from the visit
 * store and the persons reference; personal fields masked unless the caller may read them.
 */
export async function noticeVisitors(
  db: Executor,
  actor: RecordActor,
  placeId: number,
  settings: { dataDir: string; timeZone: string },
): Promise<{ placeName: string; visitors: NoticeVisitor[] }> {
  const placeActor = { audit: auditOf(actor), scope: actor.scope };
  const windows = await exposureWindowsOfPlace(db, placeActor, placeId, settings.timeZone);
  const place = await db
    .selectFrom('places')
    .select(['name', 'venue_code'])
    .where('id', '=', placeId)
    .executeTakeFirstOrThrow();
  const dir = storeDir(settings.dataDir);
  const manifest = readManifest(dir);
  const dense = place.venue_code === null ? -1 : readLabels(dir, manifest, 'place').indexOf(place.venue_code);
  if (dense < 0 || windows.length === 0) {
    return { placeName: place.name, visitors: [] };
  }
  const spans = windows.map((w) => ({
    start: Date.parse(w.start) / 1000,
    end: Date.parse(w.end) / 1000,
    caseNumber: w.caseNumber,
  }));
  const visits = loadVisitColumns(dir, manifest);
  const found = new Map<number, { first: number; last: number; cases: Set<string> }>();
  for (let i = 0; i < visits.length; i++) {
    if (visits.place[i] !== dense) {
      continue;
    }
    const start = visits.start[i] ?? 0;
    const end = visits.end[i] ?? 0;
    for (const span of spans) {
      if (start < span.end && end > span.start) {
        const person = visits.person[i] ?? 0;
        const held = found.get(person) ?? { first: start, last: end, cases: new Set<string>() };
        held.first = Math.min(held.first, start);
        held.last = Math.max(held.last, end);
        held.cases.add(span.caseNumber);
        found.set(person, held);
      }
    }
  }
  const labels = readLabels(dir, manifest, 'person');
  const externalIds = [...found.keys()].map((p) => labels[p] ?? String(p));
  const refs = new Map<
    string,
    { name: string | null; document_number: string | null; phone: string | null }
  >();
  for (let i = 0; i < externalIds.length; i += 500) {
    const rows = await db
      .selectFrom('visit_person_refs')
      .select(['external_id', 'name', 'document_number', 'phone'])
      .where('external_id', 'in', externalIds.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      refs.set(row.external_id, row);
    }
  }
  // The place was found inside the caller's jurisdiction, so only the role decides.
  const reveal = seesPersonal(actor, true);
  const visitors = [...found.entries()]
    .map(([person, v]) => {
      const externalId = labels[person] ?? String(person);
      const ref = refs.get(externalId);
      const name = ref?.name ?? null;
      const documentNumber = ref?.document_number ?? null;
      const phone = ref?.phone ?? null;
      return {
        externalId,
        name: name === null || reveal ? name : maskName(name),
        documentNumber:
          documentNumber === null || reveal ? documentNumber : maskDocumentNumber(documentNumber),
        phone: phone === null || reveal ? phone : maskPhone(phone),
        firstAt: new Date(v.first * 1000).toISOString(),
        lastAt: new Date(v.last * 1000).toISOString(),
        caseNumbers: [...v.cases].sort(),
      };
    })
    .sort((a, b) => (a.firstAt < b.firstAt ? -1 : a.firstAt > b.firstAt ? 1 : 0));
  return { placeName: place.name, visitors };
}

/** The notice list as an .xlsx workbook (one sheet, local times). */
export async function noticeWorkbook(
  placeName: string,
  visitors: readonly NoticeVisitor[],
  timeZone: string,
): Promise<Buffer> {
  const local = (iso: string) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(iso),
    );
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('到访人员');
  sheet.addRow([`${placeName} 病例到访时段内到访人员（用于告知与排查）`]);
  sheet.addRow(['序号', '人员编号', '姓名', '证件号码', '联系电话', '最早到达', '最晚离开', '相关病例']);
  visitors.forEach((v, i) => {
    sheet.addRow([
      i + 1,
      v.externalId,
      v.name ?? '',
      v.documentNumber ?? '',
      v.phone ?? '',
      local(v.firstAt),
      local(v.lastAt),
      v.caseNumbers.join('、'),
    ]);
  });
  sheet.getRow(2).font = { bold: true };
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
