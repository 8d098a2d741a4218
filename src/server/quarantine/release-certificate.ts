import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { dateIn } from '../../core/time/zone.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { personsByIds, presentContactPerson } from '../contacts/contact-view.ts';
import { requireContact } from '../contacts/contacts.service.ts';
import { placementsOfContact } from './placements.service.ts';

/** 宋体 for the body and 黑体 for the title, as in the investigation report (see investigation-docx.ts). */
const SONG = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' };
const HEI = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1440, bottom: 1440, left: 1800, right: 1800 };

const zhDate = (date: string): string => {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

function line(
  text: string,
  options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.LEFT,
    spacing: { line: 480 },
    indent: options.align === undefined ? { firstLine: 480 } : undefined,
    children: [new TextRun({ text, font: SONG, size: 28, bold: options.bold ?? false })],
  });
}

/**
 * The 解除隔离医学观察证明 of a released contact: the person (masked when the caller may not read personal
 * data), the observation period, where it was spent, the release date and the issuing unit (the CDC of
 * the district that traced the contact). Issuing one is audited.
 */
export async function releaseCertificate(
  trx: Executor,
  actor: RecordActor,
  contactId: number,
  timeZone: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  const contact = await requireContact(trx, actor, contactId);
  if (contact.status !== 'released' || contact.released_on === null) {
    throw new AppError('CONFLICT', {
      params: { reason: contact.status },
      details: [
        { field: 'status', code: 'contact_transition', params: { from: contact.status, to: 'certificate' } },
      ],
    });
  }
  const persons = await personsByIds(trx, [Number(contact.person_id)]);
  const raw = persons.get(Number(contact.person_id));
  if (!raw) {
    throw new AppError('NOT_FOUND', { params: { entity: '人员 / person' } });
  }
  const person = presentContactPerson(actor, raw);
  const placements = await placementsOfContact(trx, actor, contactId);
  const first = placements[0];
  const start = first
    ? dateIn(new Date(first.checkInAt), timeZone)
    : (contact.placed_on ?? dateIn(new Date(contact.last_exposure_at), timeZone));
  const sites = [
    ...new Set(placements.map((p) => (p.kind === 'site' ? (p.siteName ?? '集中隔离点') : '居家'))),
  ];
  const districtCode = contact.division_code.slice(0, 6);
  const district = await trx
    .selectFrom('divisions')
    .select('name')
    .where('code', '=', districtCode)
    .executeTakeFirst();
  const unit = `${district?.name ?? districtCode}疾病预防控制中心`;
  const document = new Document({
    creator: 'saolei',
    title: '解除隔离医学观察证明',
    styles: { default: { document: { run: { font: SONG, size: 28 } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 480 },
            children: [new TextRun({ text: '解除隔离医学观察证明', font: HEI, size: 44 })],
          }),
          line(
            `兹证明 ${person.name}（证件号码：${person.documentNumber ?? '不详'}），` +
              `自${zhDate(start)}起在${sites.length > 0 ? sites.join('、') : '指定地点'}接受隔离医学观察，` +
              `观察期至${zhDate(contact.observation_end ?? contact.released_on)}。`,
          ),
          line(
            `经观察期满${contact.release_reason ? `（${contact.release_reason}）` : ''}，` +
              `于${zhDate(contact.released_on)}解除隔离医学观察。`,
          ),
          line('特此证明。'),
          line(''),
          line(unit, { align: AlignmentType.RIGHT }),
          line(zhDate(contact.released_on), { align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  await recordAudit(trx, auditOf(actor), {
    action: 'contact.release_certificate',
    entity: 'contact',
    entityId: contactId,
    changes: { masked: { after: person.masked } },
  });
  return { fileName: `解除隔离医学观察证明-${contactId}.docx`, bytes: await Packer.toBuffer(document) };
}
