import { startOfDay } from '../../core/time/zone.ts';
import { caseWindow, protocolOfOutbreak, type SourceCase } from '../contacts/contact-context.ts';
import type { Executor } from '../db/transaction.ts';

/** A case's look-back window as instants; a null side is open (unknown onset, or no isolation yet). */
export type LookBack = { start: string | null; end: string | null; excluded: boolean };

/**
 * The look-back windows (PROTOCOLS §3) of some cases, from `lookBackStart` of their outbreak's protocol to
 * isolation; the start day begins at local midnight in the deployment time zone.
 */
export async function lookBackOfCases(
  db: Executor,
  caseIds: readonly number[],
  timeZone: string,
): Promise<Map<number, LookBack>> {
  const result = new Map<number, LookBack>();
  if (caseIds.length === 0) {
    return result;
  }
  const rows = await db
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
    .where('cases.id', 'in', [...caseIds])
    .execute();
  for (const row of rows) {
    const source: SourceCase = {
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
    const window = await caseWindow(db, source, await protocolOfOutbreak(db, source.outbreakId));
    result.set(source.id, {
      start: window.start === null ? null : startOfDay(window.start, timeZone),
      end: window.end,
      excluded: window.why === 'excluded case',
    });
  }
  return result;
}

/** The part of [start, end] inside the look-back window, or null when they do not meet. */
export function clipToLookBack(
  lookBack: LookBack,
  start: string,
  end: string,
): { start: string; end: string } | null {
  if (lookBack.excluded) {
    return null;
  }
  const from = lookBack.start !== null && lookBack.start > start ? lookBack.start : start;
  const to = lookBack.end !== null && lookBack.end < end ? lookBack.end : end;
  return from <= to ? { start: from, end: to } : null;
}
