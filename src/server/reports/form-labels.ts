/** Chinese names of the case form's codes (investigations/investigation-form.ts), as the report prints them. */
export const conditionLabels: Record<string, string> = {
  hypertension: '高血压',
  diabetes: '糖尿病',
  cardiovascular: '心血管疾病',
  cerebrovascular: '脑血管疾病',
  chronic_lung: '慢性肺病',
  chronic_kidney: '慢性肾病',
  chronic_liver: '慢性肝病',
  immunodeficiency: '免疫缺陷',
  cancer: '恶性肿瘤',
  other: '其他',
};

export const symptomLabels: Record<string, string> = {
  fever: '发热',
  chills: '寒战',
  cough: '咳嗽',
  sputum: '咳痰',
  sore_throat: '咽痛',
  runny_nose: '流涕',
  fatigue: '乏力',
  muscle_ache: '肌肉酸痛',
  headache: '头痛',
  shortness_of_breath: '气促',
  diarrhea: '腹泻',
  loss_of_smell_or_taste: '嗅觉/味觉减退',
  other: '其他',
};

export const exposureKindLabels: Record<string, string> = {
  case_contact: '接触病例',
  risk_area_stay: '中高风险地区旅居',
  market: '农贸/海鲜市场',
  gathering: '聚集性活动',
  healthcare_setting: '医疗机构',
  cold_chain: '冷链物品',
  other: '其他',
};

/** A code's label, or the code itself when it has none. */
export function labelOf(labels: Record<string, string>, code: string | null | undefined): string | null {
  if (code === null || code === undefined) {
    return null;
  }
  return labels[code] ?? code;
}
