export type Locale = 'zh-CN' | 'en';

/** The closed set of error codes, each with its message in every UI language. */
export const messages = {
  VALIDATION_FAILED: { 'zh-CN': '输入有误，请检查标出的字段', en: 'Some fields are invalid' },
  MALFORMED_REQUEST: { 'zh-CN': '请求格式错误：{reason}', en: 'Malformed request: {reason}' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please log in' },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  FORBIDDEN: { 'zh-CN': '您的角色或辖区无权执行此操作', en: 'Your role or jurisdiction does not allow this' },
  CSRF_FAILED: {
    'zh-CN': '请求缺少有效的防跨站令牌，请刷新页面后重试',
    en: 'The request lacks a valid anti-forgery token; reload the page and try again',
  },
  ACCOUNT_LOCKED: {
    'zh-CN': '登录失败次数过多，账户已锁定至 {until}',
    en: 'Too many failed logins: the account is locked until {until}',
  },
  ACCOUNT_DISABLED: {
    'zh-CN': '账户已停用，请联系管理员',
    en: 'This account is disabled; contact an administrator',
  },
  NOT_FOUND: { 'zh-CN': '未找到{entity}', en: '{entity} not found' },
  CONFLICT: { 'zh-CN': '操作与现有数据冲突：{reason}', en: 'Conflicts with existing data: {reason}' },
  DUPLICATE: { 'zh-CN': '{entity}已存在', en: '{entity} already exists' },
  VERSION_CONFLICT: {
    'zh-CN': '该记录已被他人修改，请刷新后再保存',
    en: 'Someone else changed this record; reload it before saving',
  },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '请求内容过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again shortly' },
  INTERNAL: {
    'zh-CN': '服务器内部错误（编号 {correlationId}）',
    en: 'Internal server error (reference {correlationId})',
  },
  UNAVAILABLE: { 'zh-CN': '服务暂不可用：{reason}', en: 'Service unavailable: {reason}' },
} satisfies Record<string, Record<Locale, string>>;

export type ErrorCode = keyof typeof messages;

/** Picks zh-CN unless the caller prefers English; Chinese is the default UI language. */
export function localeOf(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) {
    return 'zh-CN';
  }
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) {
      return 'zh-CN';
    }
    if (tag.startsWith('en')) {
      return 'en';
    }
  }
  return 'zh-CN';
}
