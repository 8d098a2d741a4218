import type { Preset } from './model.ts';
import {
  abolishedSecondary,
  dischargeFromMar2020,
  dischargeFromMar2022,
  dischargeUndetermined,
  lookBack,
  lookBack2022,
  testDays,
  text,
  undetermined,
} from './preset-parts.ts';

/** The presets of PROTOCOLS.md §4 from edition 8 (2021) to edition 10 (2023). */

export const covidEd8: Preset = {
  id: 'covid-ed8',
  name: text('第八版防控方案', 'Protocol edition 8'),
  source: text(
    '《新型冠状病毒肺炎防控方案（第八版）》',
    'COVID-19 Prevention and Control Protocol, edition 8',
  ),
  effectiveDate: '2021-05-11',
  lookBack: lookBack(2),
  close: {
    determined: true,
    phases: [
      {
        type: 'centralized',
        days: 14,
        tests: [
          ...testDays([1, 4, 7], ['nasopharyngeal_swab']),
          {
            day: 14,
            specimens: ['nasopharyngeal_swab'],
            doubleSampling: true,
            note: text(
              '双采双检：两份鼻咽拭子，两种试剂、两家实验室',
              'Two swabs, two reagents, two laboratories',
            ),
          },
        ],
      },
      { type: 'home_monitoring', days: 7, tests: testDays([2, 7], ['nasopharyngeal_swab']) },
    ],
    certainty: 'verified',
    testCertainty: 'verified',
  },
  secondary: {
    determined: true,
    phases: [{ type: 'centralized', days: 7, tests: testDays([1, 4, 7], ['nasopharyngeal_swab']) }],
    certainty: 'verified',
    testCertainty: 'verified',
    releaseRule: 'linked_close_first_two_negative',
  },
  discharge: dischargeFromMar2020,
  overlays: [],
};

export const covidEd9: Preset = {
  id: 'covid-ed9',
  name: text('第九版防控方案', 'Protocol edition 9'),
  source: text(
    '《新型冠状病毒肺炎防控方案（第九版）》',
    'COVID-19 Prevention and Control Protocol, edition 9',
  ),
  effectiveDate: '2022-06-28',
  lookBack: lookBack2022,
  close: {
    determined: true,
    phases: [
      { type: 'centralized', days: 7, tests: testDays([1, 2, 3, 5, 7], ['throat_swab']) },
      { type: 'home_monitoring', days: 3, tests: testDays([3], ['throat_swab']) },
    ],
    certainty: 'verified',
    testCertainty: 'verified',
    note: text('口咽拭子，不再双采双检', 'Oropharyngeal swabs, no double sampling'),
  },
  secondary: {
    determined: true,
    phases: [{ type: 'home_quarantine', days: 7, tests: testDays([1, 4, 7], ['throat_swab']) }],
    certainty: 'verified',
    testCertainty: 'verified',
    releaseRule: 'linked_close_first_two_negative',
  },
  discharge: dischargeFromMar2022,
  overlays: [],
};

export const covid202211: Preset = {
  id: 'covid-2022-11',
  name: text('二十条优化措施', 'The twenty measures (2022-11)'),
  source: text(
    '《关于进一步优化新冠肺炎疫情防控措施 科学精准做好防控工作的通知》',
    'Notice on further optimising COVID-19 prevention and control measures (the twenty measures)',
  ),
  effectiveDate: '2022-11-11',
  lookBack: lookBack2022,
  close: {
    determined: true,
    phases: [
      { type: 'centralized', days: 5, tests: testDays([1, 2, 3, 5]) },
      { type: 'home_quarantine', days: 3, tests: testDays([1, 3]) },
    ],
    certainty: 'verified',
    testCertainty: 'verified',
    note: text('“5 天集中隔离 + 3 天居家隔离”', '5 days centralized + 3 days home isolation'),
  },
  secondary: abolishedSecondary,
  discharge: dischargeFromMar2022,
  overlays: [],
};

export const covid202212: Preset = {
  id: 'covid-2022-12',
  name: text('新十条', 'The ten new measures (2022-12)'),
  source: text(
    '《关于进一步优化落实新冠肺炎疫情防控措施的通知》',
    'Notice on further optimising and implementing COVID-19 prevention and control measures (the ten new measures)',
  ),
  effectiveDate: '2022-12-07',
  lookBack: lookBack2022,
  close: {
    determined: true,
    phases: [{ type: 'home_quarantine', days: 5, tests: testDays([5]) }],
    certainty: 'verified',
    testCertainty: 'verified',
    note: text(
      '居家隔离 5 天，第 5 天核酸阴性解除',
      '5 days of home quarantine, released on a negative day-5 NAT',
    ),
  },
  secondary: abolishedSecondary,
  discharge: dischargeFromMar2022,
  overlays: [],
};

export const covidEd10: Preset = {
  id: 'covid-ed10',
  name: text('第十版防控方案', 'Protocol edition 10'),
  source: text(
    '《新型冠状病毒感染防控方案（第十版）》',
    'COVID-19 Prevention and Control Protocol, edition 10',
  ),
  effectiveDate: '2023-01-08',
  lookBack: {
    determined: false,
    note: text('不再判定密切接触者，无追溯期', 'No close-contact determination, so no look-back window'),
  },
  close: undetermined('不再判定密切接触者', 'Close contacts are no longer determined'),
  secondary: undetermined('不再判定密接的密接', 'Secondary contacts are no longer determined'),
  discharge: dischargeUndetermined,
  overlays: [],
};
