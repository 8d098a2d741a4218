import type { Preset } from './model.ts';
import {
  dischargeFeb2020,
  dischargeFromMar2020,
  lookBack,
  notYetDefinedSecondary,
  testDays,
  text,
  undetermined,
} from './preset-parts.ts';

/** The 2020 presets of PROTOCOLS.md §4: editions 2, 5 and 7. */

export const covidEd2: Preset = {
  id: 'covid-ed2',
  name: text('第二版防控方案', 'Protocol edition 2'),
  source: text(
    '《新型冠状病毒感染的肺炎防控方案（第二版）》',
    'Prevention and Control Protocol for Pneumonia Caused by the Novel Coronavirus, edition 2',
  ),
  effectiveDate: '2020-01-22',
  lookBack: {
    determined: true,
    onset: { daysBefore: 0, certainty: 'verified' },
    firstPositiveSample: { daysBefore: 0, certainty: 'disputed' },
    note: text(
      '第一至四版自病例发病之日起追溯；无症状感染者的起点未见规定，按首次阳性标本采样日计',
      'Editions 1–4 look back to symptom onset; no rule for asymptomatic infections was found, so saolei starts at the first positive sampling date',
    ),
  },
  close: {
    determined: true,
    phases: [
      {
        type: 'medical_observation',
        days: 14,
        tests: [],
        note: text('居家或集中医学观察', 'At home or at a site'),
      },
    ],
    certainty: 'verified',
    testCertainty: 'verified',
    note: text(
      '自最后一次暴露起医学观察 14 天，无常规核酸检测',
      '14 days of medical observation, no routine NAT',
    ),
  },
  secondary: notYetDefinedSecondary,
  discharge: dischargeFeb2020(
    'disputed',
    text(
      '本版早于诊疗方案第五版；采用所见最早的出院随访规定',
      'This edition predates the treatment protocol edition 5; the earliest recorded discharge rule is used',
    ),
  ),
  overlays: [],
};

export const covidEd5: Preset = {
  id: 'covid-ed5',
  name: text('第五版防控方案', 'Protocol edition 5'),
  source: text(
    '《新型冠状病毒肺炎防控方案（第五版）》',
    'COVID-19 Prevention and Control Protocol, edition 5',
  ),
  effectiveDate: '2020-02-21',
  lookBack: lookBack(2),
  close: {
    determined: true,
    phases: [
      {
        type: 'centralized',
        days: 14,
        tests: [],
        note: text(
          '原则上集中隔离，不具备条件的可居家',
          'Centralized preferred; at home where a site is not possible',
        ),
      },
    ],
    certainty: 'verified',
    testCertainty: 'disputed',
    note: text('常规核酸检测来源不一', 'Sources disagree on routine NAT'),
  },
  secondary: notYetDefinedSecondary,
  discharge: dischargeFeb2020('verified'),
  overlays: [],
};

export const covidEd7: Preset = {
  id: 'covid-ed7',
  name: text('第七版防控方案', 'Protocol edition 7'),
  source: text(
    '《新型冠状病毒肺炎防控方案（第七版）》',
    'COVID-19 Prevention and Control Protocol, edition 7',
  ),
  effectiveDate: '2020-09-15',
  lookBack: lookBack(2),
  close: {
    determined: true,
    phases: [{ type: 'centralized', days: 14, tests: testDays([1, 14]) }],
    certainty: 'verified',
    testCertainty: 'disputed',
    note: text(
      '隔离开始和结束时各检测一次（来源不一）',
      'A test at the start and at the end (sources disagree)',
    ),
  },
  secondary: undetermined(
    '本版定义了密接的密接，管理措施由各地确定',
    'Secondary contacts are defined; their management is decided locally',
  ),
  discharge: dischargeFromMar2020,
  overlays: [],
};
