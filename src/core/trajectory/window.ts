import type { PresetId } from '../protocols/ids.ts';
import { addDays, startOfLocalDate } from './zoned.ts';

/**
 * Days before the anchor date (onset, or first positive sampling for an asymptomatic case) at which the
 * look-back window opens, per protocol preset (PROTOCOLS §3). Editions 1–4 looked back to onset itself;
 * 5–8 two days; the 2022 presets four days, which sources disagree on [?]. Edition 10 made no close-contact
 * determination, so it has no window.
 */
export const lookBackDaysByPreset = {
  'covid-ed2': 0,
  'covid-ed5': 2,
  'covid-ed7': 2,
  'covid-ed8': 2,
  'covid-ed9': 4,
  'covid-2022-11': 4,
  'covid-2022-12': 4,
  'covid-ed10': null,
} satisfies Record<PresetId, number | null>;

/** A half-open interval of instants, [startMs, endMs). */
export type Window = { startMs: number; endMs: number };

/**
 * The case's look-back window: from the start of (anchor date − lookBackDays) in the deployment time zone
 * to the isolation time, or to `now` while the case is not isolated.
 */
export function lookBackWindow(input: {
  anchorDate: string;
  lookBackDays: number;
  isolatedAt: string | null;
  now: string;
  timeZone: string;
}): Window {
  const startMs = startOfLocalDate(addDays(input.anchorDate, -input.lookBackDays), input.timeZone);
  const endMs = Date.parse(input.isolatedAt ?? input.now);
  return { startMs, endMs: Math.max(startMs, endMs) };
}
