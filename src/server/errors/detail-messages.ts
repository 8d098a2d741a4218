import type { Locale } from './messages.ts';

/**
 * Field-level messages. Schemas refer to them by key (`z.string().refine(f, 'id_checksum')`) so that the
 * error handler can answer in the caller's language; zod's own issue codes map here too.
 */
export const detailMessages = {
  required: { 'zh-CN': '必填', en: 'is required' },
  invalid_type: { 'zh-CN': '类型错误，应为 {expected}', en: 'must be of type {expected}' },
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
} satisfies Record<string, Record<Locale, string>>;

export type DetailMessageKey = keyof typeof detailMessages;

export function isDetailMessageKey(key: string): key is DetailMessageKey {
  return Object.hasOwn(detailMessages, key);
}
