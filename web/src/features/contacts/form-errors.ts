import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';

/**
 * Puts the server's field messages next to the form's fields (`person.phone` → the field ['person',
 * 'phone']); answers the messages no field of `names` shows, for the form to display on its own.
 */
export function showFieldErrors(form: FormInstance, error: unknown, names: readonly string[]): string[] {
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? [error.message] : [];
  }
  const unplaced: string[] = [];
  const fields: { name: string[]; errors: string[] }[] = [];
  for (const detail of error.details) {
    const text = detail.message ?? detail.code;
    if (detail.field !== undefined && names.includes(detail.field)) {
      fields.push({ name: detail.field.split('.'), errors: [text] });
    } else {
      unplaced.push(detail.field ? `${detail.field}: ${text}` : text);
    }
  }
  form.setFields(fields);
  if (error.details.length === 0) {
    unplaced.push(error.message);
  }
  return unplaced;
}

/** The 409 of an exposure outside the source's look-back window, which the user may confirm. */
export function outsideLookBack(error: unknown): string | null {
  if (!(error instanceof ApiError)) {
    return null;
  }
  const detail = error.details.find((d) => d.code === 'outside_lookback');
  return detail ? (detail.message ?? error.message) : null;
}
