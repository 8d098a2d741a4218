import { caseCodeLabel } from '../report/labels.ts';
import { chineseDate, dateTime, NONE, UNKNOWN } from '../report/format.ts';
import type { DocBlock, ReportDocument } from '../report/types.ts';
import type { DailyNewCase, DailyReportInput } from './types.ts';

export const classificationOrder = ['confirmed', 'asymptomatic', 'suspected', 'excluded'] as const;

export const statusLabels: Record<string, string> = {
  identified: '已判定待通知',
  notified: '已通知',
  placed: '集中隔离',
  home_monitoring: '居家医学观察',
  released: '已解除',
  converted: '转为病例',
  lost: '失访',
};

export const regimeLabels: Record<string, string> = {
  centralized: '集中隔离',
  home: '居家隔离',
  home_monitoring: '居家健康监测',
};

const label = (code: string) => caseCodeLabel(code) ?? code;

/** `确诊病例2例、疑似病例1例`, or 无 when nothing was counted. */
export function countPhrase(counts: Record<string, number>): string {
  const known = classificationOrder.filter((c) => (counts[c] ?? 0) > 0);
  const others = Object.keys(counts).filter(
    (c) => !(classificationOrder as readonly string[]).includes(c) && (counts[c] ?? 0) > 0,
  );
  const parts = [...known, ...others].map((c) => `${label(c)}${counts[c] ?? 0}例`);
  return parts.length === 0 ? NONE : parts.join('、');
}

/** One paragraph per new case, the way the daily report retells each. */
export function caseSummary(c: DailyNewCase, timeZone: string): string {
  const who = [c.sex === null ? null : label(c.sex), c.age === null ? null : `${c.age}岁`]
    .filter((x) => x !== null)
    .join('，');
  const onset = c.onsetDate === null ? '无症状或发病日期不详' : `${chineseDate(c.onsetDate)}发病`;
  const severity = c.severity === null ? '' : `（${label(c.severity)}）`;
  const where = c.hospital === null ? '' : `，现在${c.hospital}隔离治疗`;
  return (
    `${c.caseNumber}，${c.name}${who === '' ? '' : `，${who}`}，现住${c.division}。${onset}，` +
    `${dateTime(c.receivedAt, timeZone)}经${label(c.discoveryRoute)}报告，现为${label(c.classification)}${severity}${where}。` +
    `已判定密切接触者${c.contacts}人。`
  );
}

function streakText(s: { lastConfirmedOn: string | null; days: number | null }): string {
  if (s.lastConfirmedOn === null || s.days === null) {
    return '无确诊病例';
  }
  return s.days === 0
    ? '当日有新增确诊'
    : `连续${s.days}天零新增（末例确诊于${chineseDate(s.lastConfirmedOn)}）`;
}

/** A table, or 无 under its caption when it has no rows (an empty bordered table reads as a mistake). */
function tableOrNone(caption: string, columns: string[], rows: string[][], widths: number[]): DocBlock[] {
  if (rows.length > 0) {
    return [{ type: 'table', caption, columns, rows, widths }];
  }
  return [{ type: 'paragraph', label: caption, text: NONE }];
}

/** Composes the 疫情日报 into the document model the .docx renderer draws. */
export function composeDailyReport(input: DailyReportInput): ReportDocument {
  const c = input.contacts;
  const observation = c.underObservation.reduce((a, b) => a + b.count, 0);
  return {
    title: `${input.jurisdiction}疫情日报`,
    subtitle: `${chineseDate(input.date)}（截至当日24时）`,
    header: [
      { label: '报告单位', value: input.unit },
      { label: '报告日期', value: chineseDate(input.date) },
      { label: '版本', value: `第${input.number}版` },
      { label: '编制', value: `${input.author} ${dateTime(input.createdAt, input.timeZone)}` },
    ],
    sections: [
      {
        key: 'discovery',
        title: '一、疫情概况',
        blocks: [
          { type: 'paragraph', label: '当日新增', text: countPhrase(input.newCases.today) },
          { type: 'paragraph', label: '前一日新增', text: countPhrase(input.newCases.yesterday) },
          { type: 'paragraph', label: '累计报告', text: countPhrase(input.cumulative) },
          {
            type: 'paragraph',
            label: '零新增',
            text: `${input.jurisdiction}${streakText(input.zeroStreak.jurisdiction)}`,
          },
          ...tableOrNone(
            '各街道（乡镇）零新增天数',
            ['街道（乡镇）', '末例确诊日期', '零新增天数'],
            input.zeroStreak.divisions.map((d) => [
              d.name,
              d.lastConfirmedOn === null ? NONE : chineseDate(d.lastConfirmedOn),
              d.days === null ? '无确诊病例' : String(d.days),
            ]),
            [3, 3, 2],
          ),
        ],
      },
      {
        key: 'onset',
        title: '二、新增病例情况',
        blocks:
          input.cases.length === 0
            ? [{ type: 'paragraph', text: '当日无新增病例。' }]
            : input.cases.map((kase, i) => ({
                type: 'paragraph' as const,
                text: `${i + 1}. ${caseSummary(kase, input.timeZone)}`,
              })),
      },
      {
        key: 'contacts',
        title: '三、密切接触者管理',
        blocks: [
          {
            type: 'paragraph',
            text:
              `累计判定密切接触者及次密切接触者${c.total}人，现医学观察${observation}人，` +
              `当日应解除${c.releasesDueToday}人，逾期未解除${c.releasesOverdue}人，转为病例${c.becameCases}人。`,
          },
          ...tableOrNone(
            '密切接触者状态',
            ['状态', '人数'],
            Object.entries(c.byStatus).map(([s, n]) => [statusLabels[s] ?? s, String(n)]),
            [3, 1],
          ),
          ...tableOrNone(
            '医学观察人员分布',
            ['方式', '隔离点', '人数'],
            c.underObservation.map((o) => [
              regimeLabels[o.regime] ?? o.regime,
              o.site ?? NONE,
              String(o.count),
            ]),
            [2, 4, 1],
          ),
        ],
      },
      {
        key: 'sampling',
        title: '四、采样检测',
        blocks: [
          {
            type: 'paragraph',
            text:
              `当日应检测${input.tests.dueToday}人次，已完成${input.tests.doneToday}人次，` +
              `逾期未检测${input.tests.pendingOverdue}人次；累计检测阳性${input.tests.positive}人次。`,
          },
        ],
      },
      {
        key: 'measures',
        title: '五、场所管控措施',
        blocks:
          input.measures.length === 0
            ? [{ type: 'paragraph', text: NONE }]
            : [{ type: 'list', items: input.measures.map((m, i) => `${i + 1}. ${m}`) }],
      },
      {
        key: 'recommendations',
        title: '六、下一步工作建议',
        blocks: [
          { type: 'paragraph', text: input.recommendations.trim() === '' ? UNKNOWN : input.recommendations },
        ],
      },
    ],
    signOff: [
      { label: '报告单位', value: input.unit },
      { label: '日期', value: chineseDate(input.date) },
    ],
  };
}
