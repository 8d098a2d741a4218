import { contactBlocks, onsetBlocks, samplingBlocks, visitBlocks } from './course-sections.ts';
import { dateTime, joinOr, NONE, text } from './format.ts';
import { contactKindLabels, reportKindLabels } from './labels.ts';
import {
  basicBlocks,
  discoveryBlocks,
  exposureBlocks,
  healthBlocks,
  travelBlocks,
} from './person-sections.ts';
import {
  contactKinds,
  type DocBlock,
  type InvestigationReportInput,
  type ReportDocument,
  type ReportSection,
  type SectionKey,
} from './types.ts';

/**
 * The section titles of PROTOCOLS §10, in order. The ten of the national outline (基本情况 … 建议) are
 * headings of their own, so a reader (or a test) finds each one in every report.
 */
export const sectionTitles = {
  discovery: '发现与报告经过',
  basic: '基本情况',
  health: '基础疾病史',
  travel: '旅居史',
  exposure: '暴露情况',
  contact: '接触史',
  visits: '就诊情况',
  onset: '发病时间',
  sampling: '采样及检测结果',
  contacts: '密切接触者及其他风险人员',
  measures: '应对措施',
  risk: '风险评估',
  recommendations: '建议',
} satisfies Record<SectionKey, string>;

/** The ten titles every 流调报告 must carry as headings. */
export const requiredSectionTitles = [
  '基本情况',
  '基础疾病史',
  '旅居史',
  '暴露情况',
  '接触史',
  '就诊情况',
  '发病时间',
  '应对措施',
  '风险评估',
  '建议',
] as const;

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四'];

function contactsBlocks(input: InvestigationReportInput): DocBlock[] {
  const rows = contactKinds.map((kind) => {
    const found = input.contacts.filter((c) => c.kind === kind);
    const sum = (key: 'identified' | 'traced' | 'sampled' | 'placed') =>
      String(found.reduce((n, c) => n + c[key], 0));
    return [contactKindLabels[kind], sum('identified'), sum('traced'), sum('sampled'), sum('placed')];
  });
  return [
    {
      type: 'table',
      caption: '密切接触者及其他风险人员统计',
      columns: ['类别', '判定人数', '已追踪', '已采样', '已管控（隔离/监测）'],
      rows,
    },
  ];
}

function listOrNone(items: string[]): DocBlock[] {
  const kept = items.map((s) => s.trim()).filter((s) => s !== '');
  if (kept.length === 0) {
    return [{ type: 'paragraph', text: NONE }];
  }
  return [{ type: 'list', items: kept.map((item, i) => `${i + 1}. ${item}`) }];
}

const builders: Record<SectionKey, (input: InvestigationReportInput) => DocBlock[]> = {
  discovery: discoveryBlocks,
  basic: basicBlocks,
  health: healthBlocks,
  travel: travelBlocks,
  exposure: exposureBlocks,
  contact: contactBlocks,
  visits: visitBlocks,
  onset: onsetBlocks,
  sampling: samplingBlocks,
  contacts: contactsBlocks,
  measures: (input) => listOrNone(input.measures),
  risk: (input) => [{ type: 'paragraph', text: text(input.riskAssessment, '待评估') }],
  recommendations: (input) => listOrNone(input.recommendations),
};

/** Composes the 流调报告 from the case's data; pure, so preview and .docx always agree. */
export function composeInvestigationReport(input: InvestigationReportInput): ReportDocument {
  const h = input.header;
  const keys = Object.keys(sectionTitles) as SectionKey[];
  const sections: ReportSection[] = keys.map((key, i) => ({
    key,
    title: `${numerals[i] ?? String(i + 1)}、${sectionTitles[key]}`,
    blocks: builders[key](input),
  }));
  const numberText = h.number === null || h.number === undefined ? '' : `（第${h.number}版）`;
  return {
    title: `${text(h.caseNumber)}病例流行病学调查报告`,
    subtitle: `${reportKindLabels[h.kind]}${numberText}`,
    header: [
      { label: '病例编号', value: text(h.caseNumber) },
      { label: '报告单位', value: text(h.reportingUnit) },
      { label: '报告类型', value: reportKindLabels[h.kind] },
      { label: '报告时间', value: dateTime(h.reportedAt, input.timeZone) },
      { label: '报送单位', value: joinOr(h.recipients, '、', NONE) },
    ],
    sections,
    signOff: [
      { label: '调查人员', value: joinOr(input.signOff.investigators, '、', text(null)) },
      { label: '调查单位', value: text(input.signOff.unit) },
      {
        label: '日期',
        value: input.signOff.date ? dateTime(input.signOff.date, input.timeZone) : text(null),
      },
    ],
  };
}
