import { dischargePlan } from '../protocols/discharge.ts';
import type { ContactKind, Preset, Specimen } from '../protocols/model.ts';
import { planFor, testRuleOf, type PlanTest } from '../protocols/plan.ts';

/** Specimen types a sample record carries (PROTOCOLS.md §6). */
export const sampleSpecimens = [
  'throat_swab',
  'nasopharyngeal_swab',
  'nasal_swab',
  'anal_swab',
  'sputum',
  'serum',
  'other',
] as const;
export type SampleSpecimen = (typeof sampleSpecimens)[number];

/** BAL and stool have no specimen type of their own on a sample: they are recorded as `other`. */
export function isSampleSpecimen(value: string): value is SampleSpecimen {
  return (sampleSpecimens as readonly string[]).includes(value);
}

export function sampleSpecimenOf(specimen: Specimen): SampleSpecimen {
  return isSampleSpecimen(specimen) ? specimen : 'other';
}

/** A test day that names no specimen is sampled by throat swab, as the seed's team did. */
const DEFAULT_SPECIMEN: SampleSpecimen = 'throat_swab';

/**
 * One planned sampling. `date` is the day it is due and, with the subject, the specimen and the replicate,
 * its identity: regenerating a plan matches on that key, so nothing is planned twice and nothing collected
 * is lost. `ref` names the protocol step it satisfies.
 */
export type PlannedSample = {
  date: string;
  windowEnd: string;
  specimen: SampleSpecimen;
  /** 1, or 2 for the second swab of a double sampling (edition 8: two swabs, two reagents, two labs). */
  replicate: number;
  ref: string;
  label: string;
};

/** A planned test with the date it is due (the placement may have moved it later). */
export type DueTest = PlanTest & { due: string };

/** The samples of a contact's (or a key person's) planned tests, with the preset's specimens. */
export function testSamples(preset: Preset, kind: ContactKind, tests: readonly DueTest[]): PlannedSample[] {
  const samples: PlannedSample[] = [];
  for (const test of tests) {
    const rule = testRuleOf(preset, kind, test);
    const specimens =
      rule && rule.specimens.length > 0 ? rule.specimens.map(sampleSpecimenOf) : [DEFAULT_SPECIMEN];
    const replicates = rule?.doubleSampling === true ? 2 : 1;
    for (const specimen of [...new Set(specimens)]) {
      for (let replicate = 1; replicate <= replicates; replicate += 1) {
        samples.push({
          date: test.due,
          windowEnd: test.due,
          specimen,
          replicate,
          ref: `${test.phase}:${test.dayOfPhase}`,
          label: `${test.phase} day ${test.dayOfPhase}`,
        });
      }
    }
  }
  return samples;
}

/**
 * A key person (an inbound traveller and the like) managed by one of the preset's contact rules, counted from
 * the arrival as if it were the last exposure.
 */
export function keyPersonSamples(
  preset: Preset,
  rule: ContactKind,
  arrivedAt: string,
  timeZone: string,
): PlannedSample[] {
  const plan = planFor(preset, rule, arrivedAt, timeZone);
  return testSamples(
    preset,
    rule,
    plan.tests.map((test) => ({ ...test, due: test.date })),
  );
}

/**
 * The samplings of a discharged case's follow-up (PROTOCOLS.md §5): each sampling window of the preset and
 * its overlays, due on the window's first day and open until its last.
 */
export function dischargeSamples(preset: Preset, dischargeDate: string): PlannedSample[] {
  const plan = dischargePlan(preset, dischargeDate);
  const samples: PlannedSample[] = [];
  let index = 0;
  for (const event of plan.events) {
    if (event.kind !== 'sampling') {
      continue;
    }
    index += 1;
    for (const specimen of [...new Set(event.specimens.map(sampleSpecimenOf))]) {
      samples.push({
        date: event.start,
        windowEnd: event.end,
        specimen,
        replicate: 1,
        ref: `discharge:${index}`,
        label: event.label['zh-CN'],
      });
    }
  }
  return samples;
}

/** The identity of a planned sample for one subject. */
export function plannedKey(sample: { date: string; specimen: string; replicate: number }): string {
  return `${sample.date}|${sample.specimen}|${sample.replicate}`;
}
