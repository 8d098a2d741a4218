import { z } from 'zod';
import { phaseTypes } from '../../core/protocols/index.ts';
import { alertSchema, followUpSchema, missedDaySchema } from '../follow-ups/follow-ups.schema.ts';
import { placementSchema } from '../quarantine/quarantine.schema.ts';
import {
  contactSchema,
  contactStatuses,
  exposureSchema,
  plannedTestSchema,
  tracingAttemptSchema,
} from './contacts.schema.ts';

export const contactDetailSchema = contactSchema
  .extend({
    /** The statuses this contact can move to next (the UI's action buttons). */
    nextStatuses: z.array(z.enum(contactStatuses)),
    protocol: z.object({ presetId: z.string(), overlayId: z.string().nullable() }),
    exposures: z.array(exposureSchema),
    /** Phases counted from the last exposure; tests with their done state (completed tests survive restarts). */
    plan: z.object({
      determined: z.boolean(),
      phases: z.array(z.object({ type: z.enum(phaseTypes), start: z.string(), end: z.string() })),
      tests: z.array(plannedTestSchema),
    }),
    placements: z.array(placementSchema),
    tracing: z.array(tracingAttemptSchema),
    followUpsPerDay: z.number(),
    followUps: z.array(followUpSchema),
    /** Days under observation before today with fewer follow-ups than expected. */
    missedFollowUps: z.array(missedDaySchema),
    alerts: z.array(alertSchema),
  })
  .meta({ id: 'ContactDetail' });
