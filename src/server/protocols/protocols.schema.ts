import { z } from 'zod';
import { isIsoDate, isIsoInstant } from '../../core/protocols/calendar.ts';
import {
  certainties,
  contactKinds,
  dischargeObservationTypes,
  phaseTypes,
  specimens,
  textSchema,
  visitItems,
} from '../../core/protocols/model.ts';
import { presetIds } from '../../core/protocols/ids.ts';

export { presetSchema } from '../../core/protocols/model.ts';

export const protocolParams = z.strictObject({ id: z.string().min(1).max(64) });

const overlayId = z.string().min(1).max(64);

/** Stricter than the shared instant: Date.parse would roll 30 February into March. */
const instant = z.string().refine(isIsoInstant, 'iso_instant');
const date = z.string().refine(isIsoDate, 'iso_date');

export const protocolQuery = z.strictObject({ overlay: overlayId.optional() });

export const planQuery = z.strictObject({
  kind: z.enum(contactKinds),
  lastExposure: instant,
  overlay: overlayId.optional(),
});

export const dischargePlanQuery = z.strictObject({
  dischargeDate: date,
  overlay: overlayId.optional(),
});

const certaintyNoteSchema = z.object({
  subject: z.string(),
  certainty: z.enum(certainties),
  note: textSchema.nullable(),
});

export const protocolSummarySchema = z
  .object({
    id: z.enum(presetIds),
    name: textSchema,
    source: textSchema,
    effectiveDate: z.string(),
    /** The numbers of the preset that are not verified ([?] disputed, [L] local). */
    certaintyNotes: z.array(certaintyNoteSchema),
  })
  .meta({ id: 'ProtocolSummary' });

export const overlaySummarySchema = z
  .object({
    id: z.string(),
    name: textSchema,
    description: textSchema,
    jurisdictionCode: z.string(),
    appliesTo: z.array(z.enum(presetIds)).nullable(),
    certainty: z.enum(certainties),
  })
  .meta({ id: 'ProtocolOverlaySummary' });

export const protocolListSchema = z.object({
  items: z.array(protocolSummarySchema),
  overlays: z.array(overlaySummarySchema),
});

export const planSchema = z
  .object({
    phases: z.array(z.object({ type: z.enum(phaseTypes), start: z.string(), end: z.string() })),
    tests: z.array(z.object({ phase: z.enum(phaseTypes), dayOfPhase: z.number(), date: z.string() })),
    determined: z.boolean(),
  })
  .meta({ id: 'ProtocolPlan' });

export const dischargePlanSchema = z
  .object({
    determined: z.boolean(),
    observation: z
      .object({ type: z.enum(dischargeObservationTypes), start: z.string(), end: z.string() })
      .nullable(),
    events: z.array(
      z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('visit'),
          label: textSchema,
          start: z.string(),
          end: z.string(),
          items: z.array(z.enum(visitItems)),
        }),
        z.object({
          kind: z.literal('sampling'),
          label: textSchema,
          start: z.string(),
          end: z.string(),
          specimens: z.array(z.enum(specimens)),
          certainty: z.enum(certainties),
        }),
      ]),
    ),
  })
  .meta({ id: 'DischargePlan' });
