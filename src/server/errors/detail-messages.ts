import type { Locale } from './messages.ts';

/**
 * Field-level messages. Schemas refer to them by key (`z.string().refine(f, 'id_checksum')`) so that the
 * error handler can answer in the caller's language; zod's own issue codes map here too.
 */
export const detailMessages = {
  required: { 'zh-CN': '必填', en: 'is required' },
  invalid_type: { 'zh-CN': '类型错误，应为{expected}', en: 'must be {expected}' },
  too_small_string: { 'zh-CN': '至少 {minimum} 个字符', en: 'must have at least {minimum} characters' },
  too_big_string: { 'zh-CN': '最多 {maximum} 个字符', en: 'must have at most {maximum} characters' },
  too_small_number: { 'zh-CN': '不能小于 {minimum}', en: 'must be at least {minimum}' },
  too_big_number: { 'zh-CN': '不能大于 {maximum}', en: 'must be at most {maximum}' },
  too_small_array: { 'zh-CN': '至少 {minimum} 项', en: 'must have at least {minimum} items' },
  too_big_array: { 'zh-CN': '最多 {maximum} 项', en: 'must have at most {maximum} items' },
  invalid_value: { 'zh-CN': '取值无效，可选：{options}', en: 'must be one of: {options}' },
  invalid_format: { 'zh-CN': '格式无效（{format}）', en: 'has an invalid format ({format})' },
  unrecognized_keys: { 'zh-CN': '不允许的字段', en: 'is not an allowed field' },
  invalid: { 'zh-CN': '取值无效', en: 'is invalid' },
  archive_reason: { 'zh-CN': '归档须写明原因', en: 'give the reason for archiving' },
  duplicate: { 'zh-CN': '“{value}”已存在', en: '"{value}" already exists' },
  duplicate_document: {
    'zh-CN': '该证件号码已登记（人员 {existingId}）',
    en: 'this document number is on file (person {existingId})',
  },
  password_too_short: { 'zh-CN': '密码至少 12 个字符', en: 'the password must have at least 12 characters' },
  username_format: {
    'zh-CN': '用户名为 3–32 位小写字母、数字、点、下划线或连字符',
    en: 'use 3–32 lowercase letters, digits, dots, underscores or hyphens',
  },
  unknown_jurisdiction: { 'zh-CN': '辖区代码不存在', en: 'no such jurisdiction code' },
  outside_jurisdiction: { 'zh-CN': '超出您的辖区', en: 'is outside your jurisdiction' },
  division_code: {
    'zh-CN': '行政区划代码应为 6 位或 12 位数字',
    en: 'a division code has 6 or 12 digits',
  },
  iso_instant: {
    'zh-CN': '时间应为带时区的 ISO 8601 格式，如 2020-01-25T03:00:00+08:00',
    en: 'must be an ISO 8601 time with offset, e.g. 2020-01-25T03:00:00+08:00',
  },
  iso_date: { 'zh-CN': '日期应为 YYYY-MM-DD', en: 'must be a date YYYY-MM-DD' },
  cursor: { 'zh-CN': '翻页游标无效', en: 'is not a valid page cursor' },
  id_format: {
    'zh-CN': '身份证号应为 18 位（末位可为 X）或 15 位数字',
    en: 'a resident ID has 18 characters (the last may be X) or 15 digits',
  },
  id_birth_date: {
    'zh-CN': '身份证号中的出生日期不存在',
    en: 'the birth date in this ID number does not exist',
  },
  id_future_birth_date: {
    'zh-CN': '身份证号中的出生日期晚于今天',
    en: 'the birth date in this ID number is in the future',
  },
  id_checksum: {
    'zh-CN': '身份证号校验码错误，请核对',
    en: 'the check character of this ID number is wrong',
  },
  document_format: { 'zh-CN': '证件号码格式无效', en: 'is not a valid document number' },
  document_type_required: {
    'zh-CN': '填写证件号码时须选择证件类型',
    en: 'choose the document type of the document number',
  },
  phone_format: {
    'zh-CN': '电话应为 11 位手机号或“区号-号码”格式的固定电话',
    en: 'must be an 11-digit mobile or a fixed line with its area code',
  },
  end_before_start: { 'zh-CN': '结束不能早于开始', en: 'the end is before the start' },
  end_after_start: { 'zh-CN': '结束须晚于开始', en: 'must be after the start' },
  attachment_empty: { 'zh-CN': '附件为空', en: 'the file is empty' },
  attachment_type: {
    'zh-CN': '附件类型不支持，可上传：{types}',
    en: 'this file type is not accepted; accepted: {types}',
  },
  investigation_not_ready: {
    'zh-CN': '调查处于“{state}”状态，尚不能报送',
    en: 'the investigation is in state {state} and cannot be submitted yet',
  },
  in_future: { 'zh-CN': '不能晚于当前时间', en: 'cannot be in the future' },
  before_received: { 'zh-CN': '不能早于接报时间', en: 'cannot be before the report was received' },
  unknown_preset: { 'zh-CN': '没有该防控方案版本', en: 'no such protocol preset' },
  case_number_mask: {
    'zh-CN': '病例编号模板须含一段连续的 #，如 LS-2020-####',
    en: 'the case-number mask needs one run of #, e.g. LS-2020-####',
  },
  same_classification: { 'zh-CN': '与当前分类相同', en: 'is the current classification' },
  classification_transition: {
    'zh-CN': '不能从“{from}”改为“{to}”',
    en: 'cannot change from {from} to {to}',
  },
  exclusion_evidence: {
    'zh-CN': '排除须提供两次间隔至少 24 小时的连续核酸阴性结果',
    en: 'an exclusion needs two consecutive negative NATs at least 24 h apart',
  },
  state_transition: {
    'zh-CN': '调查不能从“{from}”转为“{to}”',
    en: 'the investigation cannot move from {from} to {to}',
  },
  unknown_user: { 'zh-CN': '用户不存在或已停用', en: 'no such active user' },
  unknown_person: { 'zh-CN': '人员不存在', en: 'no such person' },
  unknown_outbreak: { 'zh-CN': '疫情不存在', en: 'no such outbreak' },
  unknown_overlay: { 'zh-CN': '没有该本地规则', en: 'no such local overlay' },
  outbreak_archived: {
    'zh-CN': '疫情“{name}”已归档，不能再报告病例',
    en: 'the outbreak “{name}” is archived and takes no new cases',
  },
  overlay_not_applicable: {
    'zh-CN': '本地规则 {overlay} 不适用于 {preset}',
    en: 'the local overlay {overlay} does not apply to {preset}',
  },
  venue_code_taken: { 'zh-CN': '该场所码已登记给其他场所', en: 'this venue code belongs to another place' },
  entry_not_found: { 'zh-CN': '未找到该轨迹条目', en: 'no such trajectory entry' },
  measure_transition: {
    'zh-CN': '当前状态为 {from}，不能执行该操作',
    en: 'not allowed while the measure is {from}',
  },
  measure_kind: { 'zh-CN': '该措施不是 {kind}', en: 'this measure is not a {kind}' },
  candidate_decided: { 'zh-CN': '该候选人已处理（{status}）', en: 'this candidate was already {status}' },
  reason_required: { 'zh-CN': '请填写原因', en: 'a reason is required' },
  visit_file_type: {
    'zh-CN': '访问记录文件应为 .csv 或 .xlsx',
    en: 'a visit file must be .csv or .xlsx',
  },
  import_running: { 'zh-CN': '已有导入正在进行', en: 'another import is running' },
  outside_lookback: {
    'zh-CN':
      '暴露时间不在传染源病例的追溯期内（{start} 至 {end}）：{why}；如确认无误，请勾选“确认窗口外暴露”后重新提交',
    en: 'the exposure lies outside the source case’s look-back window ({start} to {end}): {why}; resend with confirmOutsideWindow to record it anyway',
  },
  secondary_not_determined: {
    'zh-CN': '当前方案（{preset}）不判定密接的密接',
    en: 'the outbreak’s protocol ({preset}) does not determine secondary contacts',
  },
  source_not_close_contact: {
    'zh-CN': '密接的密接的来源须为本疫情的密切接触者',
    en: 'a secondary contact’s source must be a close contact of the same outbreak',
  },
  contact_transition: { 'zh-CN': '不能从“{from}”变为“{to}”', en: 'cannot go from {from} to {to}' },
  early_release_reason: {
    'zh-CN': '观察期至 {end} 结束，提前解除须填写原因',
    en: 'observation ends on {end}; an early release needs a reason',
  },
  secondary_awaiting: {
    'zh-CN': '关联密接的前两次核酸结果尚未均为阴性，暂不能解除',
    en: 'the linked close contact’s first two tests are not both negative yet; the secondary contact cannot be released',
  },
  room_full: { 'zh-CN': '房间 {room} 已满（{beds} 床）', en: 'room {room} is full ({beds} beds)' },
  site_full: {
    'zh-CN': '隔离点 {site} 已满（容量 {capacity}）',
    en: 'site {site} is full (capacity {capacity})',
  },
  room_not_in_site: { 'zh-CN': '房间不属于该隔离点', en: 'the room is not in this site' },
  already_placed: { 'zh-CN': '该人员已有未结束的安置', en: 'the contact already has an open placement' },
  not_placed: { 'zh-CN': '该人员当前没有安置', en: 'the contact has no open placement' },
  temperature_range: {
    'zh-CN': '体温应在 35.0–42.0 °C 之间',
    en: 'the temperature must be between 35.0 and 42.0 °C',
  },
  not_under_observation: { 'zh-CN': '该人员当前不在观察期', en: 'the contact is not under observation' },
  alert_transition: {
    'zh-CN': '预警不能从“{from}”变为“{to}”',
    en: 'the alert cannot go from {from} to {to}',
  },
  test_already_recorded: { 'zh-CN': '该次检测已记录结果', en: 'this test already has a result' },
  unknown_case: { 'zh-CN': '病例不存在', en: 'no such case' },
  unknown_contact: { 'zh-CN': '密接不存在', en: 'no such contact' },
  unknown_site: { 'zh-CN': '隔离点不存在', en: 'no such quarantine site' },
  duplicate_room: { 'zh-CN': '房间号 {room} 重复', en: 'room number {room} is repeated' },
  capacity_below_occupancy: {
    'zh-CN': '容量不能小于当前入住人数 {occupied}',
    en: 'the capacity cannot be below the current occupancy ({occupied})',
  },
  colour: { 'zh-CN': '颜色应为 #RRGGBB', en: 'must be a colour #RRGGBB' },
  cluster_key: { 'zh-CN': '聚集性疫情编号无效', en: 'is not a cluster key' },
  cluster_unknown: { 'zh-CN': '没有这个聚集性疫情', en: 'no such cluster' },
  export_columns: { 'zh-CN': '请至少选择一列', en: 'choose at least one column' },
  export_not_ready: { 'zh-CN': '导出尚未完成（{status}）', en: 'the export is not ready ({status})' },
  unknown_sample: { 'zh-CN': '没有这个样本编号', en: 'no such sample code' },
  sample_registered: { 'zh-CN': '该样本已登记采集', en: 'this sample is already registered as collected' },
  sample_status: {
    'zh-CN': '样本状态为 {status}，不能执行此操作',
    en: 'the sample is {status}; this is not possible',
  },
  ct_range: { 'zh-CN': 'Ct 值应在 {min}–{max} 之间', en: 'a Ct value must be between {min} and {max}' },
  number: { 'zh-CN': '应为数字', en: 'must be a number' },
  bad_date: { 'zh-CN': '日期时间无效', en: 'is not a valid date and time' },
  qualitative: { 'zh-CN': '结果应为阳性、阴性或可疑', en: 'must be positive, negative or inconclusive' },
  pool_too_large: { 'zh-CN': '每管最多混采 {max} 个样本', en: 'a pool holds at most {max} samples' },
  pool_empty: { 'zh-CN': '混采管至少包含一个样本', en: 'a pool holds at least one sample' },
  pool_duplicate: { 'zh-CN': '同一样本重复加入', en: 'the same sample appears twice' },
  pool_member: {
    'zh-CN': '样本已在其他混采管中或尚未采集',
    en: 'the sample is in another pool or not collected',
  },
  unknown_column: { 'zh-CN': '文件中没有列“{column}”', en: 'the file has no column "{column}"' },
  suggestion_decided: { 'zh-CN': '该建议已处理', en: 'this suggestion has already been decided' },
  discharge_before_report: {
    'zh-CN': '出院日期早于报告日期',
    en: 'the discharge date is before the case was reported',
  },
  xlsx_unreadable: {
    'zh-CN': '无法读取，请上传 .xlsx 工作簿',
    en: 'cannot be read; upload an .xlsx workbook',
  },
  xlsx_empty: {
    'zh-CN': '第一个工作表没有表头或数据行',
    en: 'the first worksheet has no header or no data rows',
  },
  xlsx_too_many_rows: { 'zh-CN': '一次最多导入 {max} 行', en: 'at most {max} rows per file' },
  export_too_large: {
    'zh-CN': '超过 {max} 行，请缩小筛选范围',
    en: 'more than {max} rows; narrow the filters',
  },
} satisfies Record<string, Record<Locale, string>>;

export type DetailMessageKey = keyof typeof detailMessages;

export function isDetailMessageKey(key: string): key is DetailMessageKey {
  return Object.hasOwn(detailMessages, key);
}
