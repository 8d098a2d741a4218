import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, formatMessage, type ErrorDetail } from './app-error.ts';
import { detailMessages, isDetailMessageKey, type DetailMessageKey } from './detail-messages.ts';
import { localeOf, type Locale } from './messages.ts';

type ValidationIssue = {
  keyword: string;
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
};

/** The one error handler: every failure leaves the server as `{ error: { code, message, details } }`. */
export function errorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const locale = localeOf(request.headers['accept-language']);
  const appError = toAppError(error, locale, request);
  if (appError.status >= 500) {
    const correlationId = randomUUID();
    request.log.error({ err: error, correlationId }, 'request failed');
    const internal = new AppError(appError.code, { params: { ...appError.params, correlationId } });
    void sendError(reply, internal, locale);
    return;
  }
  void sendError(reply, appError, locale);
}

export function sendError(reply: FastifyReply, error: AppError, locale: Locale): FastifyReply {
  return reply.status(error.status).send({
    error: {
      code: error.code,
      message: error.localizedMessage(locale),
      details: error.details.map((detail) => localizeDetail(detail, locale)),
      ...error.extra,
    },
  });
}

function toAppError(error: FastifyError | Error, locale: Locale, request: FastifyRequest): AppError {
  if (error instanceof AppError) {
    return error;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext;
    const sent = context === undefined ? undefined : sentData(request, context);
    return new AppError('VALIDATION_FAILED', {
      details: error.validation.map((issue) => validationDetail(issue, context, sent)),
    });
  }
  const fastifyCode = 'code' in error ? error.code : undefined;
  if (isUniqueViolation(fastifyCode)) {
    // Two writers raced past the service's own duplicate check; the database's unique index decided.
    return new AppError('CONFLICT', {
      params: { reason: locale === 'en' ? 'the record already exists' : '记录已存在' },
    });
  }
  const status = 'statusCode' in error ? error.statusCode : undefined;
  switch (fastifyCode) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('MALFORMED_REQUEST', {
        params: { reason: locale === 'en' ? 'the body is not valid JSON' : '请求体不是有效的 JSON' },
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_VALIDATION':
      return new AppError('VALIDATION_FAILED', { details: [{ code: 'invalid' }] });
    default:
      break;
  }
  if (status === 429) {
    return new AppError('RATE_LIMITED');
  }
  if (status === 413) {
    return new AppError('PAYLOAD_TOO_LARGE');
  }
  if (status === 415) {
    return new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return new AppError('MALFORMED_REQUEST', { params: { reason: error.message } });
  }
  return new AppError('INTERNAL');
}

/** SQLite (better-sqlite3) and PostgreSQL (pg) codes for a unique-index violation. */
function isUniqueViolation(code: unknown): boolean {
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** What the request sent in the part that failed validation (body, querystring, params, headers). */
function sentData(request: FastifyRequest, context: string): unknown {
  switch (context) {
    case 'body':
      return request.body;
    case 'querystring':
      return request.query;
    case 'params':
      return request.params;
    case 'headers':
      return request.headers;
    default:
      return undefined;
  }
}

/** The value at a validation path of what was sent; undefined when any step of the path is missing. */
function valueAt(sent: unknown, path: readonly string[]): unknown {
  let value = sent;
  for (const step of path) {
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function validationDetail(issue: ValidationIssue, context: string | undefined, sent: unknown): ErrorDetail {
  const path = issue.instancePath.split('/').filter(Boolean);
  const params = issue.params;
  if (issue.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
    path.push(String(params.keys[0]));
  }
  const field = path.length > 0 ? path.join('.') : (context ?? 'body');
  if (issue.keyword !== 'invalid_type' && issue.message && isDetailMessageKey(issue.message)) {
    return { field, code: issue.message, params };
  }
  // Zod reports a missing field and one of the wrong type alike; what was sent tells them apart (a
  // coerced number given text fails as NaN: the field was there).
  if (issue.keyword === 'invalid_type') {
    const missing = valueAt(sent, path) === undefined && params.received !== 'NaN';
    return missing
      ? { field, code: 'required' }
      : { field, code: 'invalid_type', params: { expected: params.expected } };
  }
  if (issue.keyword === 'too_small' || issue.keyword === 'too_big') {
    const origin = params.origin;
    const kind = origin === 'string' ? 'string' : origin === 'array' || origin === 'set' ? 'array' : 'number';
    return { field, code: issue.keyword, params: { ...params, kind } };
  }
  if (issue.keyword === 'invalid_union' && Array.isArray(params.options)) {
    // A discriminated union's tag (the path names it) outside its options.
    return { field, code: 'invalid_value', params: { values: params.options } };
  }
  // Any other issue keeps zod's code, with the generic message in the caller's language (zod's own
  // messages are English).
  return { field, code: issue.keyword, params };
}

/** Zod's names of the expected types, as a user reads them. */
const typeNames: Record<string, Record<Locale, string>> = {
  number: { 'zh-CN': '数字', en: 'a number' },
  int: { 'zh-CN': '整数', en: 'a whole number' },
  string: { 'zh-CN': '文本', en: 'text' },
  boolean: { 'zh-CN': '是或否（true/false）', en: 'true or false' },
  array: { 'zh-CN': '列表', en: 'a list' },
  object: { 'zh-CN': '对象', en: 'an object' },
  date: { 'zh-CN': '日期', en: 'a date' },
};

/** Details carry a code and parameters; the message is written here in the caller's language. */
function localizeDetail(detail: ErrorDetail, locale: Locale): ErrorDetail {
  const { params = {}, message, ...rest } = detail;
  if (message !== undefined) {
    return { ...rest, message };
  }
  const key = messageKeyOf(detail.code, params);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') {
      values[name] = value;
    } else if (typeof value === 'bigint') {
      values[name] = Number(value);
    }
  }
  if (Array.isArray(params.values)) {
    values.options = params.values.map(String).join(', ');
  }
  if (detail.code === 'invalid_type' && typeof params.expected === 'string') {
    values.expected = typeNames[params.expected]?.[locale] ?? params.expected;
  }
  return { ...rest, message: formatMessage(detailMessages[key ?? 'invalid'][locale], values) };
}

function messageKeyOf(code: string, params: Record<string, unknown>): DetailMessageKey | null {
  if (code === 'too_small' || code === 'too_big') {
    const kind = typeof params.kind === 'string' ? params.kind : 'number';
    const key = `${code}_${kind}`;
    return isDetailMessageKey(key) ? key : null;
  }
  return isDetailMessageKey(code) ? code : null;
}
