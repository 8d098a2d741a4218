import type { DischargeRule, LookBackRule, Regime, Specimen, TestDay, Text } from './model.ts';

/** Building blocks the preset files share, so that each preset reads like its row in PROTOCOLS.md §4. */

export function text(zh: string, en: string): Text {
  return { 'zh-CN': zh, en };
}

export function testDays(days: readonly number[], specimens: readonly Specimen[] = []): TestDay[] {
  return days.map((day) => ({ day, specimens: [...specimens], doubleSampling: false }));
}

export function undetermined(zh: string, en: string): Regime {
  return { determined: false, note: text(zh, en) };
}

export const notYetDefinedSecondary = undetermined(
  '本版方案尚未定义密接的密接（自第七版起定义）',
  'This edition does not define secondary contacts (defined from edition 7)',
);

export const abolishedSecondary = undetermined(
  '2022-11-11 起不再判定密接的密接',
  'Secondary contacts are no longer determined from 2022-11-11',
);

export function lookBack(daysBefore: number): LookBackRule {
  return {
    determined: true,
    onset: { daysBefore, certainty: 'verified' },
    firstPositiveSample: { daysBefore, certainty: 'verified' },
  };
}

/** 2022 (edition 9 era): many pages say 4 days, others keep the 2 days of editions 5–8. */
export const lookBack2022: LookBackRule = {
  determined: true,
  onset: { daysBefore: 4, certainty: 'disputed' },
  firstPositiveSample: { daysBefore: 4, certainty: 'disputed' },
  daysBeforeOptions: [2, 4],
  note: text(
    '来源不一：多数页面为发病（或首次阳性标本采样）前 4 天，亦有沿用 2 天者；此为可选设置',
    'Sources disagree: most pages say 4 days before onset (or first positive sampling), some keep 2; this is a setting',
  ),
};

const weekTwo = { fromDay: 8, toDay: 14, label: text('出院后第 2 周', 'Week 2 after discharge') };
const weekFour = { fromDay: 22, toDay: 28, label: text('出院后第 4 周', 'Week 4 after discharge') };

/** 诊疗方案 ed.5–6 (Feb 2020): 14 days of self-monitoring, follow-up visits in week 2 and week 4. */
export function dischargeFeb2020(certainty: 'verified' | 'disputed', note?: Text): DischargeRule {
  return {
    determined: true,
    source: text(
      '新型冠状病毒肺炎诊疗方案（第五、六版）',
      'COVID-19 Diagnosis and Treatment Protocol, editions 5–6',
    ),
    observation: { type: 'self_monitoring', days: 14 },
    visits: [
      { ...weekTwo, items: ['visit'] },
      { ...weekFour, items: ['visit'] },
    ],
    sampling: [],
    certainty,
    ...(note ? { note } : {}),
  };
}

/**
 * 诊疗方案 ed.7 (Mar 2020) onward: 14 days of isolation observation, follow-up in week 2 and week 4, with
 * the items of the 2020-04 follow-up plan (blood count, biochemistry, repeat NAT, CT if pneumonia).
 */
export const dischargeFromMar2020: DischargeRule = {
  determined: true,
  source: text(
    '新型冠状病毒肺炎诊疗方案（第七版起）',
    'COVID-19 Diagnosis and Treatment Protocol, edition 7 onward',
  ),
  observation: { type: 'isolation_observation', days: 14 },
  visits: [
    { ...weekTwo, items: ['visit', 'blood_count', 'biochemistry', 'nat', 'ct_if_pneumonia'] },
    { ...weekFour, items: ['visit', 'blood_count', 'biochemistry', 'nat', 'ct_if_pneumonia'] },
  ],
  sampling: [],
  certainty: 'verified',
};

/** 诊疗方案 ed.9 (2022-03): discharge on two NATs ≥ 24 h apart with Ct ≥ 35, then 7 days of home monitoring. */
export const dischargeFromMar2022: DischargeRule = {
  determined: true,
  source: text('新型冠状病毒肺炎诊疗方案（第九版）', 'COVID-19 Diagnosis and Treatment Protocol, edition 9'),
  observation: { type: 'home_monitoring', days: 7 },
  visits: [],
  sampling: [],
  certainty: 'verified',
  note: text(
    '出院标准：两次核酸检测 N 基因和 ORF 基因 Ct 值均 ≥ 35（间隔 ≥ 24 小时）',
    'Discharge on two NATs at least 24 h apart with Ct ≥ 35 on both N and ORF1ab',
  ),
};

export const dischargeUndetermined: DischargeRule = {
  determined: false,
  source: null,
  observation: null,
  visits: [],
  sampling: [],
  certainty: 'verified',
  note: text('所收集的资料未给出出院后随访规定', 'The sources gathered give no post-discharge rule'),
};
