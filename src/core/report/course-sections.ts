import { chineseDate, dateTime, joinOr, NONE, text, timeSpan, UNKNOWN } from './format.ts';
import { confidenceLabels, evidenceSourceLabels, transportKindLabels } from './labels.ts';
import type { DocBlock, InvestigationReportInput, ReportTrajectoryEntry } from './types.ts';

/** The trajectory table's columns; the .docx gives them these relative widths. */
export const trajectoryColumns = ['时间', '地点', '活动', '交通方式', '同行人员/防护', '证据来源（可信度）'];

function transportText(entry: ReportTrajectoryEntry): string {
  if (!entry.transportKind) {
    return NONE;
  }
  return joinOr(
    [
      transportKindLabels[entry.transportKind],
      entry.vehicleNumber ? `车次/车牌 ${entry.vehicleNumber}` : null,
      entry.seat ? `座位 ${entry.seat}` : null,
    ],
    '\n',
    NONE,
  );
}

function evidenceText(entry: ReportTrajectoryEntry): string {
  return joinOr(
    entry.evidence.map((e) => {
      const ref = e.reference && e.reference.trim() !== '' ? `：${e.reference.trim()}` : '';
      return `${evidenceSourceLabels[e.source]}（${confidenceLabels[e.confidence]}）${ref}`;
    }),
    '；\n',
    NONE,
  );
}

/** One trajectory row per entry, oldest first. */
export function trajectoryRows(input: InvestigationReportInput): string[][] {
  return [...input.trajectory]
    .sort((a, b) => Date.parse(a.startAt) - Date.parse(b.startAt))
    .map((entry) => [
      timeSpan(entry.startAt, entry.endAt, input.timeZone),
      joinOr([entry.placeName, entry.address ? `（${entry.address}）` : null], '', UNKNOWN),
      text(entry.activity),
      transportText(entry),
      joinOr(
        [
          entry.companions ? `同行：${entry.companions}` : null,
          entry.protection ? `防护：${entry.protection}` : null,
        ],
        '\n',
        NONE,
      ),
      evidenceText(entry),
    ]);
}

/** 接触史, then the activity trajectory in the look-back window with the evidence for each point. */
export function contactBlocks(input: InvestigationReportInput): DocBlock[] {
  const blocks: DocBlock[] = [{ type: 'paragraph', text: text(input.contactHistory, NONE) }];
  if (input.trajectory.length === 0) {
    blocks.push({ type: 'paragraph', label: '活动轨迹', text: NONE });
    return blocks;
  }
  blocks.push({
    type: 'table',
    caption: '活动轨迹及佐证',
    columns: trajectoryColumns,
    widths: [15, 19, 13, 14, 13, 26],
    rows: trajectoryRows(input),
  });
  return blocks;
}

/** 就诊情况: one row per visit. */
export function visitBlocks(input: InvestigationReportInput): DocBlock[] {
  if (input.medicalVisits.length === 0) {
    return [{ type: 'paragraph', text: NONE }];
  }
  return [
    {
      type: 'table',
      columns: ['就诊时间', '医疗机构', '科室', '诊断', '处置'],
      rows: input.medicalVisits.map((v) => [
        dateTime(v.at, input.timeZone),
        text(v.institution),
        text(v.department),
        text(v.diagnosis),
        text(v.treatment),
      ]),
    },
  ];
}

/** 发病时间 and the symptoms with their dates. */
export function onsetBlocks(input: InvestigationReportInput): DocBlock[] {
  const o = input.onset;
  const date = chineseDate(o.date);
  return [
    {
      type: 'fields',
      rows: [
        { label: '发病日期', value: o.date && o.approximate ? `${date}（约）` : date },
        {
          label: '症状',
          value: joinOr(
            o.symptoms.map((s) => (s.date ? `${s.name}（${chineseDate(s.date)}）` : s.name)),
            '、',
            NONE,
          ),
        },
        { label: '补充说明', value: text(o.notes, NONE) },
      ],
    },
  ];
}

/** 采样及检测结果. */
export function samplingBlocks(input: InvestigationReportInput): DocBlock[] {
  if (input.sampling.length === 0) {
    return [{ type: 'paragraph', text: NONE }];
  }
  return [
    {
      type: 'table',
      columns: ['采样时间', '标本类型', '检测项目', '结果', '检测机构'],
      rows: input.sampling.map((s) => [
        dateTime(s.sampledAt, input.timeZone),
        text(s.specimen),
        text(s.test),
        text(s.result, '待检'),
        text(s.lab),
      ]),
    },
  ];
}
