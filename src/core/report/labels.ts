import type { Confidence, ContactKind, EvidenceSource, ReportKind, TransportKind } from './types.ts';

/** Chinese labels of the report's own codes (GLOSSARY). */
export const reportKindLabels = {
  initial: '初次报告',
  progress: '进程报告',
  closing: '结案报告',
} satisfies Record<ReportKind, string>;

export const evidenceSourceLabels = {
  self_report: '本人陈述',
  e_payment: '电子支付凭证',
  cctv: '监控视频',
  family_testimony: '家属佐证',
  venue_scan: '场所码扫码记录',
  transit_card: '交通卡记录',
  telecom: '通信大数据',
  other: '其他',
} satisfies Record<EvidenceSource, string>;

export const confidenceLabels = { high: '高', medium: '中', low: '低' } satisfies Record<Confidence, string>;

export const transportKindLabels = {
  walk: '步行',
  bicycle: '自行车/电动车',
  private_car: '私家车',
  taxi: '出租车/网约车',
  bus: '公交车',
  coach: '长途客车',
  train: '火车',
  subway: '地铁',
  aircraft: '飞机',
  ship: '船舶',
  other: '其他',
} satisfies Record<TransportKind, string>;

export const contactKindLabels = {
  close: '密切接触者',
  secondary: '密接的密接',
  general: '一般接触者',
} satisfies Record<ContactKind, string>;

/**
 * Labels for codes the case records carry. Unknown codes print as they are, so a value added later is
 * still shown rather than dropped.
 */
const caseCodeLabels: Record<string, string> = {
  suspected: '疑似病例',
  confirmed: '确诊病例',
  asymptomatic: '无症状感染者',
  excluded: '排除',
  mild: '轻型',
  moderate: '普通型',
  severe: '重型',
  critical: '危重型',
  clinic_visit: '就诊发现',
  contact_screening: '密接筛查',
  mass_screening: '人群筛查',
  entry_quarantine: '入境检疫',
  other: '其他',
  male: '男',
  female: '女',
  unknown: '不详',
  in_hospital: '住院',
  discharged: '出院',
  died: '死亡',
};

export function caseCodeLabel(code: string | null | undefined): string | null {
  if (code === null || code === undefined || code.trim() === '') {
    return null;
  }
  return caseCodeLabels[code] ?? code;
}
