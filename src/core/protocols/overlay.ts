import { z } from 'zod';
import { ProtocolInputError } from './errors.ts';
import { presetIds } from './ids.ts';
import {
  certainties,
  dischargeSamplingSchema,
  phaseTypes,
  specimens,
  textSchema,
  type Certainty,
  type PhaseRule,
  type Preset,
  type Regime,
  type Specimen,
  type TestDay,
} from './model.ts';

/**
 * A local overlay: a jurisdiction's stricter rules on top of a national preset. It can only add — lengthen
 * phases, add test days, add specimens, add discharge sampling — never shorten or remove what the national
 * rule requires.
 */

const dayNumber = z.int().min(1).max(366);
const specimenList = z.array(z.enum(specimens));

const regimeAdjustmentSchema = z.strictObject({
  /** Each named phase becomes at least `minDays` long. */
  lengthen: z.array(z.strictObject({ phase: z.enum(phaseTypes), minDays: dayNumber })).default([]),
  addTests: z
    .array(
      z.strictObject({
        phase: z.enum(phaseTypes),
        day: dayNumber,
        specimens: specimenList.default([]),
        doubleSampling: z.boolean().default(false),
        note: textSchema.optional(),
      }),
    )
    .default([]),
  /** Adds specimens to the tests of a phase (every phase when absent), or to one day of it. */
  addSpecimens: z
    .array(
      z.strictObject({
        phase: z.enum(phaseTypes).optional(),
        day: dayNumber.optional(),
        specimens: specimenList.min(1),
      }),
    )
    .default([]),
});
export type RegimeAdjustment = z.output<typeof regimeAdjustmentSchema>;

export const overlaySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'overlay_id'),
    name: textSchema,
    description: textSchema,
    /** The jurisdiction whose rule this is (GB/T 2260 code). */
    jurisdictionCode: z.string().regex(/^(\d{6}|\d{12})$/, 'division_code'),
    /** The presets the overlay was written for; absent means any. */
    appliesTo: z.array(z.enum(presetIds)).min(1).optional(),
    certainty: z.enum(certainties),
    close: regimeAdjustmentSchema.optional(),
    secondary: regimeAdjustmentSchema.optional(),
    discharge: z.strictObject({ sampling: z.array(dischargeSamplingSchema).min(1) }).optional(),
  })
  .meta({ id: 'ProtocolOverlay' });
export type Overlay = z.output<typeof overlaySchema>;
export type OverlayInput = z.input<typeof overlaySchema>;

/** Validates an overlay from outside (a file, a setting); the first problem is reported by its field. */
export function parseOverlay(input: unknown): Overlay {
  const result = overlaySchema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const issue = result.error.issues[0];
  if (!issue) {
    throw new ProtocolInputError('overlay', 'invalid');
  }
  const path = ['overlay', ...issue.path.map(String)];
  if (issue.code === 'unrecognized_keys') {
    path.push(issue.keys[0] ?? '');
  }
  // The schema's own messages are detail-message keys (snake_case); zod's default sentences are not.
  const code = /^[a-z_]+$/.test(issue.message) ? issue.message : issue.code;
  throw new ProtocolInputError(path.join('.'), code);
}

/** The preset with the overlay's additions; the result is again a preset and plans like one. */
export function layerOverlay(preset: Preset, overlay: Overlay): Preset {
  if (overlay.appliesTo && !overlay.appliesTo.includes(preset.id)) {
    throw new ProtocolInputError('overlay', 'overlay_not_applicable', {
      overlay: overlay.id,
      preset: preset.id,
    });
  }
  const dischargeSampling = overlay.discharge?.sampling ?? [];
  return {
    ...preset,
    close: adjustRegime(preset.close, overlay.close, overlay.certainty),
    secondary: adjustRegime(preset.secondary, overlay.secondary, overlay.certainty),
    discharge: {
      ...preset.discharge,
      sampling: [...preset.discharge.sampling, ...dischargeSampling].sort((a, b) => a.fromDay - b.fromDay),
    },
    overlays: [...preset.overlays, overlay.id],
  };
}

function adjustRegime(
  regime: Regime,
  adjustment: RegimeAdjustment | undefined,
  certainty: Certainty,
): Regime {
  if (!adjustment || isEmpty(adjustment)) {
    return regime;
  }
  if (!regime.determined) {
    // A local rule tightens a national one; it does not invent a regime the nation did not determine.
    throw new ProtocolInputError('overlay', 'overlay_regime_undetermined');
  }
  const phases = regime.phases.map((phase) => ({ ...phase, tests: phase.tests.map((t) => ({ ...t })) }));
  const phaseOf = (type: PhaseRule['type']): PhaseRule => {
    const phase = phases.find((p) => p.type === type);
    if (!phase) {
      throw new ProtocolInputError('overlay', 'overlay_phase_missing', { phase: type });
    }
    return phase;
  };
  for (const { phase, minDays } of adjustment.lengthen) {
    const target = phaseOf(phase);
    target.days = Math.max(target.days, minDays);
  }
  for (const added of adjustment.addTests) {
    const target = phaseOf(added.phase);
    if (added.day > target.days) {
      throw new ProtocolInputError('overlay', 'overlay_test_day', { phase: added.phase, day: added.day });
    }
    const existing = target.tests.find((t) => t.day === added.day);
    if (existing) {
      existing.specimens = union(existing.specimens, added.specimens);
      existing.doubleSampling = existing.doubleSampling || added.doubleSampling;
    } else {
      const test: TestDay = {
        day: added.day,
        specimens: [...added.specimens],
        doubleSampling: added.doubleSampling,
      };
      target.tests = [...target.tests, added.note ? { ...test, note: added.note } : test].sort(
        (a, b) => a.day - b.day,
      );
    }
  }
  for (const added of adjustment.addSpecimens) {
    const targets = added.phase ? [phaseOf(added.phase)] : phases;
    for (const phase of targets) {
      for (const test of phase.tests) {
        if (added.day === undefined || added.day === test.day) {
          test.specimens = union(test.specimens, added.specimens);
        }
      }
    }
  }
  const lengthened = adjustment.lengthen.length > 0;
  const tested = adjustment.addTests.length > 0 || adjustment.addSpecimens.length > 0;
  return {
    ...regime,
    phases,
    certainty: lengthened ? weaker(regime.certainty, certainty) : regime.certainty,
    testCertainty: tested ? weaker(regime.testCertainty, certainty) : regime.testCertainty,
  };
}

function isEmpty(adjustment: RegimeAdjustment): boolean {
  return adjustment.lengthen.length + adjustment.addTests.length + adjustment.addSpecimens.length === 0;
}

function union(a: readonly Specimen[], b: readonly Specimen[]): Specimen[] {
  return specimens.filter((s) => a.includes(s) || b.includes(s));
}

/** A disputed number stays disputed; a verified one layered with a local rule becomes local. */
function weaker(a: Certainty, b: Certainty): Certainty {
  const rank: Record<Certainty, number> = { verified: 0, local: 1, disputed: 2 };
  return rank[a] >= rank[b] ? a : b;
}
