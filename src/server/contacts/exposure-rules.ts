import { calendarDayIn } from '../../core/protocols/index.ts';
import { parseDocument, type DocumentType } from '../../core/identity/documents.ts';
import type { Preset } from '../../core/protocols/index.ts';
import type { Executor } from '../db/transaction.ts';
import { AppError, type ErrorDetail } from '../errors/app-error.ts';
import { now } from '../db/transaction.ts';
import { caseWindow, outsideWindow, type ExposureWindow, type SourceCase } from './contact-context.ts';
import type { ContactRow } from '../db/schema.ts';

export type ContactSettings = { timeZone: string; followUpsPerDay: number };

/** Where an exposure came from: a case, or (for a secondary contact) a close contact. */
export type ExposureSource =
  { type: 'case'; source: SourceCase } | { type: 'contact'; contact: ContactRow; sourceCase: SourceCase };

type Times = { firstExposureAt: string; lastExposureAt: string };

/** The problems of an exposure's times, each on its field (prefix: `exposure.` or `rows.3.`). */
export function timeProblems(prefix: string, times: Times): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const at = now();
  if (times.firstExposureAt > at) {
    problems.push({ field: `${prefix}firstExposureAt`, code: 'in_future' });
  }
  if (times.lastExposureAt > at) {
    problems.push({ field: `${prefix}lastExposureAt`, code: 'in_future' });
  }
  if (times.lastExposureAt < times.firstExposureAt) {
    problems.push({ field: `${prefix}lastExposureAt`, code: 'end_before_start' });
  }
  return problems;
}

/** The window an exposure to this source must fall in. */
export type SourceWindow = ExposureWindow & { firstInstant?: string };

export async function windowOf(db: Executor, source: ExposureSource, preset: Preset): Promise<SourceWindow> {
  if (source.type === 'case') {
    return caseWindow(db, source.source, preset);
  }
  // A secondary contact: between the close contact's first exposure and their isolation (PROTOCOLS §3).
  const contactId = Number(source.contact.id);
  const first = await db
    .selectFrom('exposures')
    .select((eb) => eb.fn.min<string>('first_at').as('first'))
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  const placed = await db
    .selectFrom('placements')
    .select((eb) => eb.fn.min<string>('check_in_at').as('placed'))
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return {
    start: null,
    end: placed?.placed ?? null,
    why: `from the close contact’s first exposure ${first?.first ?? '-'} until their isolation`,
    ...(first?.first ? { firstInstant: first.first } : {}),
  };
}

/** The outside-window problem on `field`, or null when the exposure overlaps the window. */
export function lookBackProblem(
  field: string,
  window: SourceWindow,
  times: Times,
  timeZone: string,
): ErrorDetail | null {
  const misses =
    outsideWindow(window, { firstAt: times.firstExposureAt, lastAt: times.lastExposureAt }, timeZone) ||
    (window.firstInstant !== undefined && times.lastExposureAt < window.firstInstant);
  if (!misses) {
    return null;
  }
  return {
    field,
    code: 'outside_lookback',
    params: {
      start: window.start ?? (window.firstInstant ? calendarDayIn(window.firstInstant, timeZone) : '-'),
      end: window.end ?? '-',
      why: window.why,
    },
  };
}

/** The 409 for an exposure outside the window: it says why, and how to record it anyway. */
export function outsideLookBackError(detail: ErrorDetail): AppError {
  return new AppError('CONFLICT', { params: { reason: 'OUTSIDE_LOOKBACK' }, details: [detail] });
}

/** A document as typed, normalised; or the problem with it. */
export function normaliseDocument(
  type: DocumentType | undefined,
  number: string | undefined,
  today: string,
): { ok: true; type: DocumentType; number: string } | { ok: false; field: string; code: string } | null {
  if (number === undefined) {
    return null;
  }
  if (type === undefined) {
    return { ok: false, field: 'documentType', code: 'document_type_required' };
  }
  const parsed = parseDocument(type, number, today);
  if (!parsed.ok) {
    const isId = type === 'resident_id' || type === 'residence_permit';
    return {
      ok: false,
      field: 'documentNumber',
      code: isId ? idProblems[parsed.problem] : 'document_format',
    };
  }
  return { ok: true, type, number: parsed.value.number };
}

const idProblems = {
  format: 'id_format',
  birth_date: 'id_birth_date',
  future_birth_date: 'id_future_birth_date',
  checksum: 'id_checksum',
} as const;
