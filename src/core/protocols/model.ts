import { z } from 'zod';
import { presetIds } from './ids.ts';

/**
 * The shape of a protocol preset (domain/PROTOCOLS.md §3–§5). The presets themselves are data checked
 * against these schemas; the server reuses them to describe its responses.
 */

/** PROTOCOLS.md marks: [V] seen in the official text, [L] a local rule, [?] sources disagree. */
export const certainties = ['verified', 'local', 'disputed'] as const;
export type Certainty = (typeof certainties)[number];

export const phaseTypes = [
  'centralized',
  'home_quarantine',
  'home_monitoring',
  'medical_observation',
] as const;
export type PhaseType = (typeof phaseTypes)[number];

export const contactKinds = ['close', 'secondary'] as const;
export type ContactKind = (typeof contactKinds)[number];

export const specimens = [
  'throat_swab',
  'nasal_swab',
  'nasopharyngeal_swab',
  'sputum',
  'bal',
  'serum',
  'anal_swab',
  'stool',
] as const;
export type Specimen = (typeof specimens)[number];

/** What a discharged case does after leaving hospital (PROTOCOLS.md §5). */
export const dischargeObservationTypes = [
  'self_monitoring',
  'isolation_observation',
  'home_monitoring',
] as const;
export type DischargeObservationType = (typeof dischargeObservationTypes)[number];

/** Items of a post-discharge follow-up visit (the 2020-04 follow-up plan lists them). */
export const visitItems = ['visit', 'blood_count', 'biochemistry', 'nat', 'ct_if_pneumonia'] as const;
export type VisitItem = (typeof visitItems)[number];

export const textSchema = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type Text = z.infer<typeof textSchema>;

const certaintySchema = z.enum(certainties);

function strictlyAscendingWithin(days: readonly number[], last: number): boolean {
  return days.every((day, i) => day <= last && (i === 0 || (days[i - 1] ?? 0) < day));
}
const dayNumber = z.int().min(1).max(366);

export const testDaySchema = z.strictObject({
  /** Day of the phase, counted from 1 (docs/decisions/004-day-counting.md). */
  day: dayNumber,
  specimens: z.array(z.enum(specimens)),
  /** Edition 8's release test: two swabs, two reagents, two laboratories. */
  doubleSampling: z.boolean(),
  note: textSchema.optional(),
});
export type TestDay = z.infer<typeof testDaySchema>;

export const phaseRuleSchema = z
  .strictObject({
    type: z.enum(phaseTypes),
    days: dayNumber,
    tests: z.array(testDaySchema),
    note: textSchema.optional(),
  })
  .refine(
    (phase) =>
      strictlyAscendingWithin(
        phase.tests.map((test) => test.day),
        phase.days,
      ),
    'test_days',
  );
export type PhaseRule = z.infer<typeof phaseRuleSchema>;

/** Release rules a regime may carry; editions 8/9 release a secondary contact on the linked close contact's tests. */
export const releaseRules = ['linked_close_first_two_negative'] as const;

export const regimeSchema = z.discriminatedUnion('determined', [
  z.strictObject({
    determined: z.literal(true),
    phases: z.array(phaseRuleSchema).min(1),
    /** Certainty of the phases (kind and length). */
    certainty: certaintySchema,
    /** Certainty of the test days, which the sources often disagree on separately. */
    testCertainty: certaintySchema,
    releaseRule: z.enum(releaseRules).optional(),
    note: textSchema.optional(),
  }),
  z.strictObject({ determined: z.literal(false), note: textSchema }),
]);
export type Regime = z.infer<typeof regimeSchema>;

const anchorRuleSchema = z.strictObject({ daysBefore: z.int().min(0).max(30), certainty: certaintySchema });

export const lookBackSchema = z.discriminatedUnion('determined', [
  z.strictObject({
    determined: z.literal(true),
    /** Suspected and confirmed cases: counted back from symptom onset. */
    onset: anchorRuleSchema,
    /** Asymptomatic infections: counted back from the sampling date of the first positive specimen. */
    firstPositiveSample: anchorRuleSchema,
    /**
     * Where sources disagree ([?]), the number of days is a setting: these are the values offered, and the
     * chosen one replaces `daysBefore` for both anchors.
     */
    daysBeforeOptions: z.array(z.int().min(0).max(30)).min(2).optional(),
    note: textSchema.optional(),
  }),
  z.strictObject({ determined: z.literal(false), note: textSchema }),
]);
export type LookBackRule = z.infer<typeof lookBackSchema>;

/** A window of days after discharge, day 0 being the discharge date: week 2 is days 8–14. */
const dayWindow = { fromDay: dayNumber, toDay: dayNumber, label: textSchema };

export const dischargeVisitSchema = z
  .strictObject({ ...dayWindow, items: z.array(z.enum(visitItems)).min(1) })
  .refine((v) => v.fromDay <= v.toDay, 'day_window');
export type DischargeVisit = z.infer<typeof dischargeVisitSchema>;

export const dischargeSamplingSchema = z
  .strictObject({ ...dayWindow, specimens: z.array(z.enum(specimens)).min(1), certainty: certaintySchema })
  .refine((v) => v.fromDay <= v.toDay, 'day_window');
export type DischargeSampling = z.infer<typeof dischargeSamplingSchema>;

export const dischargeSchema = z
  .strictObject({
    determined: z.boolean(),
    /** The 诊疗方案 edition the rule comes from. */
    source: textSchema.nullable(),
    observation: z.strictObject({ type: z.enum(dischargeObservationTypes), days: dayNumber }).nullable(),
    visits: z.array(dischargeVisitSchema),
    /** National rules add none; local overlays add sampling here. */
    sampling: z.array(dischargeSamplingSchema),
    certainty: certaintySchema,
    note: textSchema.optional(),
  })
  .refine((d) => d.determined === (d.observation !== null), 'discharge_observation');
export type DischargeRule = z.infer<typeof dischargeSchema>;

export const presetSchema = z
  .strictObject({
    id: z.enum(presetIds),
    name: textSchema,
    /** The edition or notice the numbers come from, as users know it. */
    source: textSchema,
    effectiveDate: z.iso.date(),
    lookBack: lookBackSchema,
    close: regimeSchema,
    secondary: regimeSchema,
    discharge: dischargeSchema,
    /** Ids of the local overlays layered on the national preset, in order; empty for a national preset. */
    overlays: z.array(z.string()),
  })
  .meta({ id: 'ProtocolPreset' });
export type Preset = z.infer<typeof presetSchema>;
