import { loadConfig } from '../config/config.ts';
import type { Executor } from '../db/transaction.ts';
import { createReportVersion, submitReport } from '../reports/reports.service.ts';
import type { CaseActor } from '../trajectory/case-actor.ts';
import { findCaseIdByNumber } from '../trajectory/case-scope.ts';
import type { CreateEntryInput } from '../trajectory/trajectory.schema.ts';
import { addEntry } from '../trajectory/trajectory.service.ts';
import { findUserByUsername } from '../users/users.repository.ts';

/** The seed's first case, whose movements the team rebuilt through the night of 2020-01-25. */
export const DEMO_FIRST_CASE = 'LS-2020-0001';

const bj = (local: string) => new Date(`${local}:00+08:00`).toISOString();
const HOME = '滨河小区3号楼2单元501（家中）';
const HOME_ADDRESS = '山西省吕梁市离石区莲花池街道龙凤社区滨河小区';

/**
 * From onset (2020-01-22) to the report at 03:00 on the 25th: home, a pharmacy found on the patient's
 * e-payment records, a shopping mall seen on CCTV, and the night visit to the city hospital, each point
 * with the evidence that placed it there.
 */
const entries: CreateEntryInput[] = [
  {
    startAt: bj('2020-01-22T00:00'),
    endAt: bj('2020-01-22T09:30'),
    placeName: HOME,
    placeKind: 'home',
    address: HOME_ADDRESS,
    divisionCode: '141102001001',
    activity: '居家，夜间自觉发热、乏力',
    evidence: [
      { source: 'self_report', reference: '本人陈述：22日凌晨起发热', confidence: 'medium' },
      { source: 'family_testimony', reference: '妻子佐证：当日上午9时许出门买药', confidence: 'medium' },
    ],
  },
  {
    startAt: bj('2020-01-22T09:40'),
    endAt: bj('2020-01-22T10:05'),
    placeName: '离石区某大药房',
    placeKind: 'retail',
    address: '山西省吕梁市离石区永宁中路',
    divisionCode: '141102001000',
    activity: '购买退热药、口罩',
    transportKind: 'walk',
    protection: '未戴口罩',
    evidence: [
      { source: 'e_payment', reference: '微信支付凭证：2020-01-22 09:52，¥36.50', confidence: 'high' },
      { source: 'self_report', reference: '本人陈述', confidence: 'medium' },
    ],
  },
  {
    startAt: bj('2020-01-22T10:15'),
    endAt: bj('2020-01-23T14:00'),
    placeName: HOME,
    placeKind: 'home',
    address: HOME_ADDRESS,
    divisionCode: '141102001001',
    activity: '居家休息，自服退热药',
    companions: '妻子、儿子',
    evidence: [{ source: 'family_testimony', reference: '妻子、儿子佐证', confidence: 'medium' }],
  },
  {
    startAt: bj('2020-01-23T14:20'),
    endAt: bj('2020-01-23T17:10'),
    placeName: '离石区某购物中心',
    placeKind: 'retail',
    address: '山西省吕梁市离石区滨河北中路',
    divisionCode: '141102001000',
    activity: '购买年货，一层超市、三层服装区',
    transportKind: 'taxi',
    vehicleNumber: '晋J·T8765',
    companions: '妻子',
    protection: '未戴口罩',
    evidence: [
      { source: 'cctv', reference: '商场2号门监控：14:21 入场，17:08 离场', confidence: 'high' },
      { source: 'e_payment', reference: '超市收银支付宝凭证：16:45，¥286.00', confidence: 'high' },
      { source: 'family_testimony', reference: '妻子佐证同行', confidence: 'medium' },
    ],
  },
  {
    startAt: bj('2020-01-23T17:30'),
    endAt: bj('2020-01-24T19:30'),
    placeName: HOME,
    placeKind: 'home',
    address: HOME_ADDRESS,
    divisionCode: '141102001001',
    activity: '居家，咳嗽加重',
    companions: '妻子、儿子',
    evidence: [{ source: 'family_testimony', reference: '妻子佐证', confidence: 'medium' }],
  },
  {
    startAt: bj('2020-01-24T19:45'),
    endAt: bj('2020-01-25T03:00'),
    placeName: '吕梁市人民医院发热门诊',
    placeKind: 'medical',
    address: '山西省吕梁市离石区',
    divisionCode: '141102',
    activity: '就诊，留观；CT 示双肺磨玻璃影，医院上报疑似病例',
    transportKind: 'private_car',
    vehicleNumber: '晋J·5A321',
    companions: '妻子（驾车）',
    protection: '医用外科口罩',
    evidence: [
      { source: 'self_report', reference: '本人陈述', confidence: 'high' },
      { source: 'other', reference: '医院门诊挂号及留观记录', confidence: 'high' },
    ],
  },
];

/**
 * Writes the first demo case's trajectory through the same service the API uses, as the demo
 * investigator. Does nothing when the case is missing or already has entries, so it can run every start.
 */
export async function loadDemoTrajectory(trx: Executor): Promise<boolean> {
  const caseId = await findCaseIdByNumber(trx, '', DEMO_FIRST_CASE);
  const user = await findUserByUsername(trx, 'investigator');
  if (caseId === null || !user) {
    return false;
  }
  const existing = await trx
    .selectFrom('trajectory_entries')
    .select(['id'])
    .where('case_id', '=', caseId)
    .limit(1)
    .executeTakeFirst();
  if (existing) {
    return false;
  }
  const actor: CaseActor = {
    userId: Number(user.id),
    username: user.username,
    displayName: user.display_name,
    role: 'investigator',
    scope: '',
    ip: null,
  };
  for (const entry of entries) {
    await addEntry(trx, actor, caseId, entry);
  }
  // The initial report, filed at 22:30 with the investigation, to the recipients of the story.
  const settings = loadConfig();
  const report = await createReportVersion(trx, actor, caseId, 'initial', settings, bj('2020-01-25T22:20'));
  await submitReport(trx, actor, report.id, ['市疾控中心', '区卫健局'], settings, bj('2020-01-25T22:30'));
  return true;
}
