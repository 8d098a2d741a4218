import { chineseDate, dateTime, joinOr, NONE, text, UNKNOWN } from './format.ts';
import { caseCodeLabel } from './labels.ts';
import type { DocBlock, InvestigationReportInput } from './types.ts';

/** 发现与报告: how the case came to the CDC's attention and how fast the team got there. */
export function discoveryBlocks(input: InvestigationReportInput): DocBlock[] {
  const d = input.discovery;
  const tz = input.timeZone;
  return [
    {
      type: 'fields',
      rows: [
        { label: '发现途径', value: text(caseCodeLabel(d.route)) },
        { label: '报告单位', value: text(d.institution) },
        { label: '接报时间', value: dateTime(d.receivedAt, tz) },
        { label: '调查组派出时间', value: dateTime(d.dispatchedAt, tz) },
        { label: '调查组到达时间', value: dateTime(d.arrivedAt, tz) },
        { label: '病例分类', value: text(caseCodeLabel(d.classification)) },
        { label: '临床严重程度', value: text(caseCodeLabel(d.severity)) },
        { label: '诊断时间', value: dateTime(d.diagnosedAt, tz) },
      ],
    },
  ];
}

/** 基本情况: demographics, occupation, workplace, residence and household. */
export function basicBlocks(input: InvestigationReportInput): DocBlock[] {
  const p = input.person;
  const age = p.age === null || p.age === undefined ? UNKNOWN : `${p.age}岁`;
  return [
    {
      type: 'fields',
      rows: [
        { label: '姓名', value: text(p.name) },
        { label: '性别', value: text(caseCodeLabel(p.sex)) },
        { label: '出生日期', value: chineseDate(p.birthDate) },
        { label: '年龄', value: age },
        { label: '民族', value: text(p.ethnicity) },
        { label: '有效证件号', value: text(p.documentNumber) },
        { label: '联系电话', value: text(p.phone) },
        { label: '职业（人群分类）', value: text(p.occupation) },
        { label: '工作单位/学校', value: text(p.workplace, NONE) },
        { label: '现住址', value: text(p.currentAddress) },
        { label: '户籍地址', value: text(p.householdAddress) },
      ],
    },
  ];
}

/** 基础疾病史, with pregnancy and vaccination. */
export function healthBlocks(input: InvestigationReportInput): DocBlock[] {
  const h = input.health;
  return [
    {
      type: 'fields',
      rows: [
        { label: '基础疾病', value: joinOr(h.underlyingDiseases, '、', NONE) },
        { label: '补充说明', value: text(h.underlyingNotes, NONE) },
        { label: '妊娠情况', value: text(h.pregnancy) },
        { label: '疫苗接种', value: text(h.vaccination) },
      ],
    },
  ];
}

/** 旅居史: one row per stay or trip. */
export function travelBlocks(input: InvestigationReportInput): DocBlock[] {
  if (input.travel.length === 0) {
    return [{ type: 'paragraph', text: '发病前14天内无外地旅居史。' }];
  }
  return [
    {
      type: 'table',
      columns: ['起始日期', '结束日期', '地点', '事由', '交通方式'],
      widths: [19, 19, 24, 17, 21],
      rows: input.travel.map((t) => [
        chineseDate(t.from),
        chineseDate(t.to),
        text(t.place),
        text(t.purpose),
        text(t.transport),
      ]),
    },
  ];
}

/** 暴露情况, the suspected source and the chain of evidence for it. */
export function exposureBlocks(input: InvestigationReportInput): DocBlock[] {
  const e = input.exposure;
  const blocks: DocBlock[] = [];
  if (e.rows.length === 0) {
    blocks.push({ type: 'paragraph', text: '未发现明确暴露史。' });
  } else {
    blocks.push({
      type: 'table',
      columns: ['时间', '场所', '暴露经过'],
      widths: [28, 24, 48],
      rows: e.rows.map((r) => [
        r.to && r.to !== r.from ? `${chineseDate(r.from)}—${chineseDate(r.to)}` : chineseDate(r.from),
        text(r.setting),
        text(r.description),
      ]),
    });
  }
  blocks.push({ type: 'paragraph', label: '可疑感染来源', text: text(e.suspectedSource) });
  blocks.push(
    e.evidenceChain.length === 0
      ? { type: 'paragraph', label: '证据链', text: NONE }
      : { type: 'list', items: e.evidenceChain.map((item, i) => `${i + 1}. ${item}`) },
  );
  return blocks;
}
