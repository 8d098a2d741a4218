import { describe, expect, it } from 'vitest';
import { caseSummary, composeDailyReport, countPhrase } from './compose.ts';
import type { DailyReportInput } from './types.ts';

const input: DailyReportInput = {
  date: '2020-02-01',
  timeZone: 'Asia/Shanghai',
  unit: '离石区疾病预防控制中心',
  jurisdiction: '离石区',
  author: '李组长',
  number: 1,
  createdAt: '2020-02-01T14:00:00.000Z',
  newCases: { today: { suspected: 1, asymptomatic: 1 }, yesterday: { confirmed: 2 } },
  cumulative: { confirmed: 3, suspected: 1, asymptomatic: 1 },
  zeroStreak: {
    jurisdiction: { lastConfirmedOn: '2020-01-31', days: 1 },
    divisions: [{ name: '莲花池街道', lastConfirmedOn: '2020-01-26', days: 6 }],
  },
  cases: [
    {
      caseNumber: 'LS-2020-0003',
      name: '王*',
      sex: 'female',
      age: 44,
      division: '莲花池街道龙凤社区',
      classification: 'suspected',
      severity: 'mild',
      onsetDate: '2020-01-30',
      receivedAt: '2020-02-01T00:00:00.000Z',
      discoveryRoute: 'clinic_visit',
      hospital: '吕梁市人民医院',
      contacts: 3,
    },
  ],
  contacts: {
    total: 5,
    byStatus: { placed: 2, converted: 1 },
    underObservation: [{ regime: 'centralized', site: '某酒店', count: 2 }],
    releasesDueToday: 1,
    releasesOverdue: 0,
    becameCases: 1,
  },
  tests: { dueToday: 2, doneToday: 1, pendingOverdue: 1, positive: 1 },
  measures: ['某超市已暂停营业'],
  recommendations: '加强发热门诊预检分诊。',
};

describe('the 疫情日报', () => {
  it('counts by classification in the order reports use', () => {
    expect(countPhrase({ suspected: 1, confirmed: 2 })).toBe('确诊病例2例、疑似病例1例');
    expect(countPhrase({})).toBe('无');
  });

  it('retells a new case in one paragraph', () => {
    const first = input.cases[0];
    expect(first).toBeDefined();
    if (first) {
      expect(caseSummary(first, 'Asia/Shanghai')).toBe(
        'LS-2020-0003，王*，女，44岁，现住莲花池街道龙凤社区。2020年01月30日发病，2020年02月01日 08:00经就诊发现报告，' +
          '现为疑似病例（轻型），现在吕梁市人民医院隔离治疗。已判定密切接触者3人。',
      );
    }
  });

  it('has the six sections with the day’s counts, streaks, contacts, tests, measures and recommendations', () => {
    const doc = composeDailyReport(input);
    expect(doc.sections.map((s) => s.title)).toEqual([
      '一、疫情概况',
      '二、新增病例情况',
      '三、密切接触者管理',
      '四、采样检测',
      '五、场所管控措施',
      '六、下一步工作建议',
    ]);
    const text = JSON.stringify(doc);
    expect(text).toContain('无症状感染者1例、疑似病例1例');
    expect(text).toContain('离石区连续1天零新增');
    expect(text).toContain('当日应检测2人次');
    expect(text).toContain('某超市已暂停营业');
    expect(text).toContain('加强发热门诊预检分诊。');
  });
});
