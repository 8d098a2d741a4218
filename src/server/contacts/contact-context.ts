import { isWithin } from '../../core/divisions/scope.ts';
import {
  calendarDayIn,
  lookBackStart,
  ProtocolInputError,
  resolveProtocol,
  type CaseClassification,
  type Preset,
} from '../../core/protocols/index.ts';
import type { Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';

/** The facts about a source case that contact tracing needs. */
export type SourceCase = {
  id: number;
  caseNumber: string;
  outbreakId: number;
  divisionCode: string;
  classification: string;
  onsetDate: string | null;
  receivedAt: string;
  diagnosedAt: string | null;
  presetId: string;
  overlayId: string | null;
};

/** The source case inside the caller's jurisdiction, or a 404 that does not say whether it exists elsewhere. */
export async function requireSourceCase(db: Executor, scope: string, caseId: number): Promise<SourceCase> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('outbreaks', 'outbreaks.id', 'cases.outbreak_id')
    .select([
      'cases.id',
      'cases.case_number',
      'cases.outbreak_id',
      'cases.division_code',
      'cases.classification',
      'cases.onset_date',
      'cases.received_at',
      'cases.diagnosed_at',
      'outbreaks.preset_id',
      'outbreaks.overlay_id',
    ])
    .where('cases.id', '=', caseId)
    .where('cases.division_code', 'like', `${scope}%`)
    .executeTakeFirst();
  if (!row || !isWithin(scope, row.division_code)) {
    throw new AppError('NOT_FOUND', { params: { entity: '病例 / case' } });
  }
  return {
    id: Number(row.id),
    caseNumber: row.case_number,
    outbreakId: Number(row.outbreak_id),
    divisionCode: row.division_code,
    classification: row.classification,
    onsetDate: row.onset_date,
    receivedAt: row.received_at,
    diagnosedAt: row.diagnosed_at,
    presetId: row.preset_id,
    overlayId: row.overlay_id,
  };
}

/** The protocol of an outbreak: its preset with its overlay. */
export async function protocolOfOutbreak(db: Executor, outbreakId: number): Promise<Preset> {
  const row = await db
    .selectFrom('outbreaks')
    .select(['preset_id', 'overlay_id'])
    .where('id', '=', outbreakId)
    .executeTakeFirstOrThrow();
  return resolveProtocol(row.preset_id, row.overlay_id);
}

/** A window in which an exposure counts; `start` is a local calendar day, `end` an instant (or open). */
export type ExposureWindow = { start: string | null; end: string | null; why: string };

/**
 * The case's look-back window (PROTOCOLS §3): from `lookBackStart` (onset, or the first positive sample for
 * an asymptomatic infection) to the case's isolation, taken as the earlier of the report's receipt and the
 * diagnosis — the case table holds no admission time.
 */
export async function caseWindow(db: Executor, source: SourceCase, preset: Preset): Promise<ExposureWindow> {
  const ends = [source.receivedAt, source.diagnosedAt].filter((v): v is string => v !== null).sort();
  const end = ends[0] ?? null;
  const classification = lookBackClassification(source.classification);
  if (classification === null) {
    return { start: null, end, why: 'excluded case' };
  }
  const firstPositive = classification === 'asymptomatic' ? await firstPositiveSample(db, source.id) : null;
  try {
    const start = lookBackStart(preset, {
      classification,
      onsetDate: source.onsetDate,
      firstPositiveSampleDate: firstPositive,
    });
    if (!start.determined) {
      return { start: null, end, why: `${preset.id} sets no look-back window` };
    }
    const anchor = start.anchor === 'onset' ? 'onset' : 'first positive sample';
    return {
      start: start.start,
      end,
      why: `${preset.id}: ${start.daysBefore} day(s) before ${anchor} ${start.anchorDate}, until isolation ${end ?? '-'}`,
    };
  } catch (error) {
    // Without an onset (or first positive sample) date only the end of the window is known.
    if (error instanceof ProtocolInputError) {
      return { start: null, end, why: 'no onset date on the case' };
    }
    throw error;
  }
}

function lookBackClassification(value: string): CaseClassification | null {
  return value === 'suspected' || value === 'confirmed' || value === 'asymptomatic' ? value : null;
}

/** The sampling date of the case's first positive NAT, from the evidence of its classification history. */
async function firstPositiveSample(db: Executor, caseId: number): Promise<string | null> {
  const rows = await db
    .selectFrom('case_classification_history')
    .select(['evidence'])
    .where('case_id', '=', caseId)
    .execute();
  const dates: string[] = [];
  for (const row of rows) {
    const parsed: unknown = JSON.parse(row.evidence);
    if (!Array.isArray(parsed)) {
      continue;
    }
    for (const item of parsed) {
      if (
        typeof item === 'object' &&
        item !== null &&
        'kind' in item &&
        item.kind === 'nat' &&
        'result' in item &&
        item.result === 'positive' &&
        'at' in item &&
        typeof item.at === 'string'
      ) {
        dates.push(item.at);
      }
    }
  }
  return dates.sort()[0]?.slice(0, 10) ?? null;
}

/** Whether an exposure [first, last] misses the window entirely. */
export function outsideWindow(
  window: ExposureWindow,
  exposure: { firstAt: string; lastAt: string },
  timeZone: string,
): boolean {
  if (window.start !== null && calendarDayIn(exposure.lastAt, timeZone) < window.start) {
    return true;
  }
  return window.end !== null && exposure.firstAt > window.end;
}
