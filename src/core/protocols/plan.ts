import { addDays, calendarDayIn, isIsoDate, isIsoInstant, laterDate } from './calendar.ts';
import { ProtocolInputError } from './errors.ts';
import type { ContactKind, PhaseType, Preset, TestDay } from './model.ts';

/**
 * What a preset says for one exposure, by the convention of docs/decisions/004-day-counting.md: day 0 is
 * the calendar day of the last exposure in the deployment time zone, day k is that date + k days, each
 * phase runs from its day 1 to the end of its last day, and the next phase starts the day after.
 */

export type PlanPhase = { type: PhaseType; start: string; end: string };
export type PlanTest = { phase: PhaseType; dayOfPhase: number; date: string };
export type Plan = { phases: PlanPhase[]; tests: PlanTest[]; determined: boolean };

const undeterminedPlan = (): Plan => ({ phases: [], tests: [], determined: false });

/** The plan for a contact whose last exposure was `lastExposure` (an ISO-8601 instant). */
export function planFor(preset: Preset, kind: ContactKind, lastExposure: string, timeZone: string): Plan {
  if (!isIsoInstant(lastExposure)) {
    throw new ProtocolInputError('lastExposure', 'iso_instant');
  }
  return planFromExposureDay(preset, kind, calendarDayIn(lastExposure, timeZone));
}

/** The same plan from day 0 given directly as a calendar date (the last exposure's day in the zone). */
export function planFromExposureDay(preset: Preset, kind: ContactKind, exposureDay: string): Plan {
  if (!isIsoDate(exposureDay)) {
    throw new ProtocolInputError('exposureDay', 'iso_date');
  }
  const regime = preset[kind];
  if (!regime.determined) {
    return undeterminedPlan();
  }
  const phases: PlanPhase[] = [];
  const tests: PlanTest[] = [];
  let dayZero = exposureDay;
  for (const phase of regime.phases) {
    phases.push({ type: phase.type, start: addDays(dayZero, 1), end: addDays(dayZero, phase.days) });
    for (const test of phase.tests) {
      tests.push({ phase: phase.type, dayOfPhase: test.day, date: addDays(dayZero, test.day) });
    }
    // The next phase's day 0 is this phase's last day, so its day 1 is the day after.
    dayZero = addDays(dayZero, phase.days);
  }
  return { phases, tests, determined: true };
}

/** The last day of observation (the end of the last phase), or null when the preset determines nothing. */
export function observationEnd(plan: Plan): string | null {
  return plan.phases.at(-1)?.end ?? null;
}

/** The preset's rule for one planned test: specimens, double sampling, note. */
export function testRuleOf(preset: Preset, kind: ContactKind, test: PlanTest): TestDay | null {
  const regime = preset[kind];
  if (!regime.determined) {
    return null;
  }
  const phase = regime.phases.find((p) => p.type === test.phase);
  return phase?.tests.find((t) => t.day === test.dayOfPhase) ?? null;
}

/** A test day that falls before the person was placed is done on the day of placement. */
export function testDateGivenPlacement(testDate: string, placementDate: string): string {
  if (!isIsoDate(testDate)) {
    throw new ProtocolInputError('testDate', 'iso_date');
  }
  if (!isIsoDate(placementDate)) {
    throw new ProtocolInputError('placementDate', 'iso_date');
  }
  return laterDate(testDate, placementDate);
}

/** A planned test with the day it is actually due once the placement date is known. */
export type PlacedTest = PlanTest & { dueDate: string };

/**
 * The plan's tests as due after placement. Tests whose day has passed move to the placement day; each keeps
 * its identity (phase, day) so the record shows which protocol tests a sampling on that day satisfied.
 */
export function testsAfterPlacement(plan: Plan, placementDate: string): PlacedTest[] {
  return plan.tests.map((test) => ({ ...test, dueDate: testDateGivenPlacement(test.date, placementDate) }));
}

export type RestartedPlan = Plan & {
  /** The latest exposure, the one the plan counts from, normalised to UTC. */
  lastExposure: string;
  /** Tests already done, kept whatever the new plan says (sorted, without duplicates). */
  completedTests: string[];
  /** Tests of the new plan not yet satisfied by a completed test on the same date. */
  pendingTests: PlanTest[];
};

/**
 * A new exposure restarts the period: the plan is recomputed from the latest of all exposures, and tests
 * already done stay on the record.
 */
export function restartPlan(
  preset: Preset,
  kind: ContactKind,
  exposures: readonly string[],
  completedTestDates: readonly string[],
  timeZone: string,
): RestartedPlan {
  if (exposures.length === 0) {
    throw new ProtocolInputError('exposures', 'required');
  }
  let latest = Number.NEGATIVE_INFINITY;
  exposures.forEach((exposure, i) => {
    if (!isIsoInstant(exposure)) {
      throw new ProtocolInputError(`exposures.${i}`, 'iso_instant');
    }
    latest = Math.max(latest, Date.parse(exposure));
  });
  completedTestDates.forEach((date, i) => {
    if (!isIsoDate(date)) {
      throw new ProtocolInputError(`completedTests.${i}`, 'iso_date');
    }
  });
  const lastExposure = new Date(latest).toISOString();
  const plan = planFor(preset, kind, lastExposure, timeZone);
  const completedTests = [...new Set(completedTestDates)].sort();
  const done = new Set(completedTests);
  return {
    ...plan,
    lastExposure,
    completedTests,
    pendingTests: plan.tests.filter((test) => !done.has(test.date)),
  };
}
