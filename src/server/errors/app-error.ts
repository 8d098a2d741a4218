import { messages, type ErrorCode, type Locale } from './messages.ts';

/** One problem with one input field: `field` is a dotted path such as `documentNumber` or `rows.3.phone`. */
export type ErrorDetail = {
  field?: string;
  code: string;
  /** Set when the message is already written; otherwise it is rendered from `code` and `params`. */
  message?: string;
  params?: Record<string, unknown>;
};

const statusByCode = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  VERSION_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} satisfies Record<ErrorCode, number>;

/**
 * The one error class of the server. Its message is chosen per request from `messages` by the
 * caller's Accept-Language; `params` fill the message's {placeholders}.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, string | number>;
  readonly details: ErrorDetail[];
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    options: {
      params?: Record<string, string | number>;
      details?: ErrorDetail[];
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(code);
    this.code = code;
    this.status = statusByCode[code];
    this.params = options.params ?? {};
    this.details = options.details ?? [];
    this.extra = options.extra ?? {};
  }

  localizedMessage(locale: Locale): string {
    return formatMessage(messages[this.code][locale], this.params);
  }
}

export function formatMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Shorthand for a 400 on one field. */
export function fieldError(
  field: string,
  detailCode: string,
  params: Record<string, unknown> = {},
): AppError {
  return new AppError('VALIDATION_FAILED', { details: [{ field, code: detailCode, params }] });
}
