/** Fetch wrapper for the saolei API: same-origin cookie, CSRF header on writes, one error type. */

export type ApiErrorDetail = { field?: string; code: string; message?: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let language = 'zh-CN';
let onUnauthenticated: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(value: string): void {
  language = value;
}

export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function api<T>(method: Method, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': language };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['x-csrf-token'] = csrfToken;
  }
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = isErrorBody(json)
      ? json.error
      : { code: 'HTTP_' + response.status, message: response.statusText, details: [] };
    if (response.status === 401 && !url.endsWith('/auth/login')) {
      onUnauthenticated();
    }
    throw new ApiError(
      response.status,
      error.code,
      error.message,
      error.details ?? [],
      isErrorBody(json) ? json.error : {},
    );
  }
  return json as T;
}

function isErrorBody(value: unknown): value is {
  error: { code: string; message: string; details?: ApiErrorDetail[] } & Record<string, unknown>;
} {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** Maps an API validation error onto the Ant Design form fields named in `names`. */
export function fieldErrors<N extends string>(
  error: unknown,
  names: readonly N[],
): { name: N; errors: string[] }[] {
  if (!(error instanceof ApiError)) {
    return [];
  }
  const result: { name: N; errors: string[] }[] = [];
  for (const detail of error.details) {
    const name = names.find((n) => n === detail.field);
    if (name !== undefined) {
      result.push({ name, errors: [detail.message ?? detail.code] });
    }
  }
  return result;
}

/** The first field-level message of an API error (a duplicate or unknown code), else its message. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    return error.details.find((d) => d.message)?.message ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The PATCH body that archives a record with the reason given, or restores it (`reason` undefined), at the
 * version read (DESIGN §6: records are archived with a reason, never deleted).
 */
export function archivePatch(version: number, reason: string | undefined) {
  return reason === undefined
    ? { version, archived: false }
    : { version, archived: true, archivedReason: reason };
}

export const isVersionConflict = (error: unknown): boolean =>
  error instanceof ApiError && error.code === 'VERSION_CONFLICT';
