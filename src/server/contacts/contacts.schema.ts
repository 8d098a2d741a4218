import { z } from 'zod';
import { phaseTypes } from '../../core/protocols/index.ts';
import { isoDate, isoInstant, limitSchema } from '../http/schemas.ts';
import { createPersonBody, phoneSchema } from '../persons/persons.schema.ts';

/** The nine kinds of close contact of editions 8/9 (PROTOCOLS §3). */
export const exposureKinds = [
  'household',
  'care',
  'aerosol_procedure',
  'same_space',
  'shared_meal_or_entertainment',
  'visitor',
  'same_vehicle',
  'contaminated_environment',
  'other_judged',
] as const;

export const proximities = ['within_1m', 'within_2m', 'same_room', 'same_vehicle', 'unknown'] as const;
export const contactClassifications = ['close', 'secondary', 'general'] as const;
export type ContactClassification = (typeof contactClassifications)[number];

/** identified → notified → placed → home_monitoring → released; or converted; or lost. */
export const contactStatuses = [
  'identified',
  'notified',
  'placed',
  'home_monitoring',
  'released',
  'converted',
  'lost',
] as const;
export type ContactStatus = (typeof contactStatuses)[number];

/** Where a contact under observation is kept: a centralized site, or at home. */
export const placementKinds = ['home', 'site'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

/** What happened between the source and the contact. */
export const exposureFields = {
  kind: z.enum(exposureKinds),
  /** The setting within the kind, e.g. office / workshop / class / lift / canteen for `same_space`. */
  setting: text(100).optional(),
  firstExposureAt: isoInstant,
  lastExposureAt: isoInstant,
  proximity: z.enum(proximities).optional(),
  durationMinutes: z.number().int().min(0).max(100_000).optional(),
  /** Where, as text; `placeId` links the places registry once it exists. */
  place: text(300).optional(),
  placeId: z.number().int().positive().optional(),
  vehicle: text(100).optional(),
  seat: text(32).optional(),
};
export const exposureBody = z.strictObject({
  ...exposureFields,
  /** Record an exposure outside the source's look-back window (otherwise refused with `outside_lookback`). */
  confirmOutsideWindow: z.boolean().optional(),
});
export type ExposureInput = z.infer<typeof exposureBody>;

export const createContactBody = z.strictObject({
  /** An existing person, or `person` to create (or find by document number) in the same transaction. */
  personId: z.number().int().positive().optional(),
  person: createPersonBody.optional(),
  classification: z.enum(['close', 'general']).default('close'),
  exposure: exposureBody,
});
export type CreateContactInput = z.infer<typeof createContactBody>;

export const createSecondaryBody = createContactBody.omit({ classification: true });
export type CreateSecondaryInput = z.infer<typeof createSecondaryBody>;

/** One row of the grid pasted from a spreadsheet: a person and one exposure to the route's case. */
export const bulkRowSchema = z
  .strictObject({
    ...createPersonBody.shape,
    classification: z.enum(['close', 'general']).default('close'),
    ...exposureFields,
    confirmOutsideWindow: z.boolean().optional(),
  })
  .meta({ id: 'BulkContactRow' });
export type BulkRow = z.infer<typeof bulkRowSchema>;

export const bulkBody = z.strictObject({
  rows: z
    .array(z.record(z.string(), z.unknown()))
    .min(1)
    .max(2000)
    .describe(
      'Rows of BulkContactRow (person fields + classification + exposure fields). Every row is checked; ' +
        'any bad row answers 400 with details[].field = rows.<index>.<field> for all bad rows and nothing is written.',
    ),
});

export const versionBody = z.strictObject({ version: z.number().int().positive() });

export const statusBody = z.strictObject({
  version: z.number().int().positive(),
  to: z.enum(['notified', 'home_monitoring', 'lost']),
  /** Required for `lost`: why follow-up failed. */
  reason: text(500).optional(),
});

export const releaseBody = z.strictObject({
  version: z.number().int().positive(),
  /** Required when releasing before the end of the plan. */
  reason: text(500).optional(),
});

export const tracingOutcomes = ['reached', 'no_answer', 'wrong_number', 'refused', 'other'] as const;
export const tracingBody = z.strictObject({
  at: isoInstant,
  /** Normalised on the way in (`+86 138-1234-5678` → `13812345678`). */
  phone: phoneSchema,
  outcome: z.enum(tracingOutcomes),
  note: text(500).optional(),
});

export const testResultBody = z.strictObject({
  result: z.enum(['negative', 'positive']),
  sampledAt: isoInstant.optional(),
});

export const convertBody = z.strictObject({
  version: z.number().int().positive(),
  classification: z.enum(['suspected', 'confirmed', 'asymptomatic']),
  receivedAt: isoInstant,
  reportingInstitution: text(200),
  onsetDate: z.iso.date().optional(),
  diagnosedAt: isoInstant.optional(),
  hospital: text(200).optional(),
  reason: text(1000),
});
export type ConvertInput = z.infer<typeof convertBody>;

export const listContactsQuery = z.strictObject({
  caseId: z.coerce.number().int().positive().optional(),
  status: z.enum(contactStatuses).optional(),
  classification: z.enum(contactClassifications).optional(),
  siteId: z.coerce.number().int().positive().optional(),
  /**
   * Contacts under observation (placed or home monitoring) with an open placement of this kind: the
   * dashboard's home-observation and at-a-site figures.
   */
  placement: z.enum(placementKinds).optional(),
  /** Contacts with a planned test due today (deployment time zone) not yet done. */
  dueToday: z.enum(['true', 'false']).optional(),
  /** Contacts under observation whose plan has ended (today or earlier): ready for release. */
  releaseDue: z.enum(['true', 'false']).optional(),
  /**
   * Contacts under observation whose plan ended on or before this day (deployment time zone): the
   * dashboard's "releases due" for its date. Takes precedence over `releaseDue`.
   */
  releaseDueBy: isoDate.optional(),
  /** A division code prefix inside the caller's jurisdiction (a street or a village). */
  divisionCode: z
    .string()
    .regex(/^\d{6,12}$/, 'division_code')
    .optional(),
  /** Name, document number or phone. */
  q: z.string().trim().max(64).optional(),
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});
export type ListContactsQuery = z.infer<typeof listContactsQuery>;

export const contactPersonSchema = z.object({
  id: z.number(),
  name: z.string(),
  documentType: z.string().nullable(),
  documentNumber: z.string().nullable(),
  sex: z.string().nullable(),
  phone: z.string().nullable(),
  currentAddress: z.string().nullable(),
  divisionCode: z.string().nullable(),
  /** True when the personal fields are masked for the caller. */
  masked: z.boolean(),
});

export const contactSchema = z
  .object({
    id: z.number(),
    person: contactPersonSchema,
    outbreakId: z.number(),
    sourceCaseId: z.number(),
    sourceContactId: z.number().nullable(),
    classification: z.enum(contactClassifications),
    status: z.enum(contactStatuses),
    divisionCode: z.string(),
    lastExposureAt: z.string(),
    /** The last day of observation; null when the protocol determines no regime for this contact. */
    observationEnd: z.string().nullable(),
    placedOn: z.string().nullable(),
    notifiedAt: z.string().nullable(),
    releasedOn: z.string().nullable(),
    releaseReason: z.string().nullable(),
    lostReason: z.string().nullable(),
    convertedCaseId: z.number().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof contactSchema>;

export const exposureSchema = z
  .object({
    id: z.number(),
    sourceCaseId: z.number().nullable(),
    sourceContactId: z.number().nullable(),
    kind: z.enum(exposureKinds),
    setting: z.string().nullable(),
    firstExposureAt: z.string(),
    lastExposureAt: z.string(),
    proximity: z.string().nullable(),
    durationMinutes: z.number().nullable(),
    place: z.string().nullable(),
    placeId: z.number().nullable(),
    vehicle: z.string().nullable(),
    seat: z.string().nullable(),
    /** Recorded although outside the look-back window, on the user's confirmation. */
    outsideWindow: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Exposure' });
export type Exposure = z.infer<typeof exposureSchema>;

/** An exposure on the cross-contact list: whose it is, and whether its personal fields are masked. */
export const exposureListItemSchema = exposureSchema
  .extend({
    contactId: z.number(),
    /** True when place and seat are masked for the caller. */
    masked: z.boolean(),
  })
  .meta({ id: 'ExposureListItem' });
export type ExposureListItem = z.infer<typeof exposureListItemSchema>;

export const listExposuresQuery = z.strictObject({
  contactId: z.coerce.number().int().positive().optional(),
  /** Exposures to this case directly (an exposure to one of its contacts names that contact instead). */
  caseId: z.coerce.number().int().positive().optional(),
  /** The last exposure time from this instant (inclusive) … */
  from: isoInstant.optional(),
  /** … to this one (exclusive). */
  to: isoInstant.optional(),
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});
export type ListExposuresQuery = z.infer<typeof listExposuresQuery>;

export const plannedTestSchema = z.object({
  id: z.number(),
  taskId: z.number(),
  phase: z.enum(phaseTypes),
  dayOfPhase: z.number(),
  /** The day the protocol names. */
  plannedDate: z.string(),
  /** The day it is due: the planned day, or the placement day when that came later. */
  dueDate: z.string(),
  status: z.enum(['pending', 'done', 'cancelled']),
  result: z.enum(['negative', 'positive']).nullable(),
  doneAt: z.string().nullable(),
});
export type PlannedTest = z.infer<typeof plannedTestSchema>;

export const tracingAttemptSchema = z.object({
  id: z.number(),
  at: z.string(),
  phone: z.string(),
  outcome: z.enum(tracingOutcomes),
  note: z.string().nullable(),
  username: z.string().nullable(),
});
