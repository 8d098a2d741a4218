import type { Classification } from '../../core/cases/classification.ts';
import { checkCharacter } from '../../core/identity/resident-id.ts';
import type { InvestigationState } from '../../core/investigations/states.ts';
import type { Evidence } from '../../core/cases/classification.ts';
import { loadConfig } from '../config/config.ts';
import type { Executor } from '../db/transaction.ts';
import type { CreatePersonInput } from '../persons/persons.schema.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import type { InvestigationForm } from '../investigations/investigation-form.ts';
import { editInvestigation, transitionInvestigation } from '../investigations/investigations.service.ts';
import { createOutbreak } from '../outbreaks/outbreaks.service.ts';
import { findOutbreakByName } from '../outbreaks/outbreaks.repository.ts';
import { changeClassification } from '../cases/classification.service.ts';
import { reportCase } from '../cases/cases.service.ts';
import { findUserByUsername } from '../users/users.repository.ts';
import { firstCaseForm } from './outbreak-form.ts';

export const DEMO_OUTBREAK = '离石区新冠肺炎疫情';

/** A valid made-up resident ID: the first 17 digits and their check character. */
function residentId(first17: string): string {
  return `${first17}${checkCharacter(first17)}`;
}

type DemoCase = {
  person: CreatePersonInput;
  receivedAt: string;
  reportingInstitution: string;
  discoveryRoute: 'clinic_visit' | 'contact_screening' | 'mass_screening';
  classification: 'suspected' | 'asymptomatic';
  onsetDate?: string;
  hospital: string;
  /** Investigation steps with their times. */
  steps: ReadonlyArray<readonly [InvestigationState, string]>;
  coreInfoAt?: string;
  form?: InvestigationForm;
  reclassify?: { to: Classification; at: string; reason: string; evidence: Evidence[] };
};

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

function demoCases(): DemoCase[] {
  return [
    {
      // The seed's first suspected case: reported at 03:00, team on site 14 minutes later.
      person: {
        name: '张建国',
        documentType: 'resident_id',
        documentNumber: residentId('14110219680312001'),
        phone: '13935871234',
        populationCategory: 'commercial_service',
        workplace: '离石区永宁中路某商贸公司',
        currentAddress: '山西省吕梁市离石区莲花池街道龙凤社区滨河小区3号楼2单元501',
        divisionCode: '141102001001',
        householdAddress: '山西省吕梁市离石区莲花池街道龙凤社区',
        ethnicity: '汉族',
      },
      receivedAt: '2020-01-25T03:00:00+08:00',
      reportingInstitution: '吕梁市人民医院',
      discoveryRoute: 'clinic_visit',
      classification: 'suspected',
      onsetDate: '2020-01-22',
      hospital: '吕梁市人民医院',
      steps: [
        ['dispatched', '2020-01-25T03:10:00+08:00'],
        ['arrived', '2020-01-25T03:14:00+08:00'],
        ['investigating', '2020-01-25T03:20:00+08:00'],
        ['pending_review', '2020-01-25T21:40:00+08:00'],
        ['submitted', '2020-01-25T22:30:00+08:00'],
      ],
      coreInfoAt: '2020-01-25T06:40:00+08:00',
      form: firstCaseForm,
      reclassify: {
        to: 'confirmed',
        at: '2020-01-25T18:00:00+08:00',
        reason: '咽拭子新型冠状病毒核酸检测阳性（吕梁市疾控中心实验室复核）',
        evidence: [{ kind: 'nat', at: '2020-01-25T16:30:00+08:00', result: 'positive', specimen: '咽拭子' }],
      },
    },
    {
      person: {
        name: '王秀英',
        documentType: 'resident_id',
        documentNumber: residentId('14110219720815002'),
        phone: '13835809876',
        populationCategory: 'farmer',
        currentAddress: '山西省吕梁市离石区田家会街道韩家坡村12号',
        divisionCode: '141102006001',
        ethnicity: '汉族',
      },
      receivedAt: '2020-01-26T14:20:00+08:00',
      reportingInstitution: '离石区疾病预防控制中心',
      discoveryRoute: 'contact_screening',
      classification: 'suspected',
      onsetDate: '2020-01-25',
      hospital: '吕梁市人民医院',
      steps: [
        ['dispatched', '2020-01-26T14:31:00+08:00'],
        ['arrived', '2020-01-26T14:52:00+08:00'],
        ['investigating', '2020-01-26T15:00:00+08:00'],
        ['pending_review', '2020-01-27T09:20:00+08:00'],
        ['submitted', '2020-01-27T10:00:00+08:00'],
      ],
      coreInfoAt: '2020-01-26T17:30:00+08:00',
      reclassify: {
        to: 'confirmed',
        at: '2020-01-27T08:00:00+08:00',
        reason: '首例病例的密切接触者，咽拭子核酸检测阳性',
        evidence: [{ kind: 'nat', at: '2020-01-27T02:00:00+08:00', result: 'positive', specimen: '咽拭子' }],
      },
    },
    {
      person: {
        name: '李明',
        documentType: 'resident_id',
        documentNumber: residentId('14110219950620003'),
        phone: '15135801122',
        populationCategory: 'student',
        currentAddress: '山西省吕梁市离石区城北街道北川社区7号楼',
        divisionCode: '141102002001',
      },
      receivedAt: '2020-01-28T09:00:00+08:00',
      reportingInstitution: '离石区疾病预防控制中心',
      discoveryRoute: 'contact_screening',
      classification: 'asymptomatic',
      hospital: '吕梁市人民医院',
      steps: [
        ['dispatched', '2020-01-28T09:12:00+08:00'],
        ['arrived', '2020-01-28T09:40:00+08:00'],
        ['investigating', '2020-01-28T09:45:00+08:00'],
        ['pending_review', '2020-01-28T20:00:00+08:00'],
        ['submitted', '2020-01-28T21:00:00+08:00'],
      ],
    },
    {
      person: {
        name: '赵丽',
        documentType: 'resident_id',
        documentNumber: residentId('14110219881103004'),
        phone: '18635804567',
        populationCategory: 'teacher',
        currentAddress: '山西省吕梁市离石区吴城镇吴城村5号',
        divisionCode: '141102101001',
      },
      receivedAt: '2020-01-29T22:10:00+08:00',
      reportingInstitution: '离石区人民医院',
      discoveryRoute: 'clinic_visit',
      classification: 'suspected',
      onsetDate: '2020-01-28',
      hospital: '离石区人民医院',
      steps: [
        ['dispatched', '2020-01-29T22:20:00+08:00'],
        ['arrived', '2020-01-29T22:45:00+08:00'],
        ['investigating', '2020-01-29T22:50:00+08:00'],
        ['pending_review', '2020-01-30T18:00:00+08:00'],
        ['submitted', '2020-01-30T19:00:00+08:00'],
      ],
      reclassify: {
        to: 'excluded',
        at: '2020-01-31T15:00:00+08:00',
        reason: '两次咽拭子核酸检测阴性（间隔 25 小时），排除',
        evidence: [
          { kind: 'nat', at: '2020-01-30T08:00:00+08:00', result: 'negative', specimen: '咽拭子' },
          { kind: 'nat', at: '2020-01-31T09:00:00+08:00', result: 'negative', specimen: '咽拭子' },
        ],
      },
    },
    {
      // Reported 30 hours ago and still being investigated: past its 24-hour clock, on the overdue list.
      person: {
        name: '孙强',
        documentType: 'resident_id',
        documentNumber: residentId('14110219800105005'),
        phone: '13703581188',
        populationCategory: 'worker',
        currentAddress: '山西省吕梁市离石区凤山街道龙山路18号',
        divisionCode: '141102003000',
      },
      receivedAt: hoursAgo(30),
      reportingInstitution: '吕梁市人民医院',
      discoveryRoute: 'clinic_visit',
      classification: 'suspected',
      onsetDate: hoursAgo(60).slice(0, 10),
      hospital: '吕梁市人民医院',
      steps: [
        ['dispatched', hoursAgo(29.85)],
        ['arrived', hoursAgo(29.6)],
        ['investigating', hoursAgo(29.5)],
      ],
      coreInfoAt: hoursAgo(27),
    },
  ];
}

/**
 * The seed's outbreak: 离石区's first suspected case on 2020-01-25, three more cases, and one reported
 * 30 hours ago whose report is overdue. Acts as the demo lead. Running it twice changes nothing.
 */
export async function loadDemoOutbreak(trx: Executor): Promise<boolean> {
  if (await findOutbreakByName(trx, DEMO_OUTBREAK)) {
    return false;
  }
  const lead = await findUserByUsername(trx, 'lead');
  const investigator = await findUserByUsername(trx, 'investigator');
  if (!lead || !investigator) {
    return false;
  }
  const actor: RecordActor = {
    userId: Number(lead.id),
    username: lead.username,
    role: 'lead',
    scope: '',
    ip: null,
  };
  const settings = loadConfig();
  const outbreak = await createOutbreak(trx, actor, {
    name: DEMO_OUTBREAK,
    disease: '新型冠状病毒肺炎',
    presetId: 'covid-ed2',
    overlayId: null,
    overlayText: '出院病例第 2、4 周及恢复期第 28 天采样（血清、肛拭子、咽拭子）',
    startDate: '2020-01-25',
    divisionCode: '141102',
    caseNumberMask: 'LS-2020-####',
  });
  for (const demo of demoCases()) {
    const kase = await reportCase(
      trx,
      actor,
      {
        outbreakId: outbreak.id,
        person: demo.person,
        receivedAt: new Date(demo.receivedAt).toISOString(),
        reportingInstitution: demo.reportingInstitution,
        discoveryRoute: demo.discoveryRoute,
        classification: demo.classification,
        onsetDate: demo.onsetDate ?? null,
        hospital: demo.hospital,
        leadUserId: Number(lead.id),
        team: [Number(lead.id), Number(investigator.id)],
      },
      settings,
    );
    await backdateHistory(trx, kase.id, null, demo.receivedAt);
    let version = 1;
    for (const [to, at] of demo.steps) {
      if (to === 'investigating' && (demo.coreInfoAt !== undefined || demo.form !== undefined)) {
        const step = await transitionInvestigation(
          trx,
          actor,
          kase.id,
          { to, at: new Date(at).toISOString() },
          settings,
        );
        const edited = await editInvestigation(
          trx,
          actor,
          kase.id,
          {
            version: step.version,
            ...(demo.form === undefined ? {} : { form: demo.form }),
            ...(demo.coreInfoAt === undefined ? {} : { coreInfoAt: new Date(demo.coreInfoAt).toISOString() }),
          },
          settings,
        );
        version = edited.version;
        continue;
      }
      version = (
        await transitionInvestigation(
          trx,
          actor,
          kase.id,
          { to, at: new Date(at).toISOString(), version },
          settings,
        )
      ).version;
    }
    if (demo.reclassify) {
      const { to, reason, evidence, at } = demo.reclassify;
      await changeClassification(trx, actor, kase.id, { to, reason, evidence });
      await backdateHistory(trx, kase.id, to, at);
    }
  }
  return true;
}

/** The demo retells 2020: its classification history carries the story's times, not the load time. */
async function backdateHistory(
  trx: Executor,
  caseId: number,
  to: Classification | null,
  at: string,
): Promise<void> {
  let query = trx
    .updateTable('case_classification_history')
    .set({ at: new Date(at).toISOString() })
    .where('case_id', '=', caseId);
  query =
    to === null ? query.where('from_classification', 'is', null) : query.where('to_classification', '=', to);
  await query.execute();
}
