import { maskAddress, maskDocumentNumber, maskName, maskPhone } from '../../core/identity/masking.ts';
import type { ContactRow, ContactTestRow, ExposureRow, TracingAttemptRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { seesPersonal, type RecordActor } from '../persons/record-actor.ts';
import type {
  Contact,
  ContactClassification,
  ContactStatus,
  Exposure,
  PlannedTest,
} from './contacts.schema.ts';
import {
  contactClassifications,
  contactStatuses,
  exposureKinds,
  tracingOutcomes,
} from './contacts.schema.ts';

type PersonFields = {
  id: number;
  name: string;
  document_type: string | null;
  document_number: string | null;
  sex: string | null;
  phone: string | null;
  current_address: string | null;
  division_code: string | null;
};

export type ContactPerson = Contact['person'];

/** Loads the persons of some contacts in one query. */
export async function personsByIds(db: Executor, ids: readonly number[]): Promise<Map<number, PersonFields>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('persons')
    .select([
      'id',
      'name',
      'document_type',
      'document_number',
      'sex',
      'phone',
      'current_address',
      'division_code',
    ])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [Number(row.id), { ...row, id: Number(row.id) }]));
}

const maybe = (value: string | null, f: (v: string) => string): string | null =>
  value === null ? null : f(value);

/** The person as the actor may see them; contacts are listed only inside the jurisdiction. */
export function presentContactPerson(actor: RecordActor, row: PersonFields): ContactPerson {
  const person = {
    id: row.id,
    name: row.name,
    documentType: row.document_type,
    documentNumber: row.document_number,
    sex: row.sex,
    phone: row.phone,
    currentAddress: row.current_address,
    divisionCode: row.division_code,
    masked: false,
  };
  if (seesPersonal(actor, true)) {
    return person;
  }
  return {
    ...person,
    name: maskName(person.name),
    documentNumber: maybe(person.documentNumber, maskDocumentNumber),
    phone: maybe(person.phone, maskPhone),
    currentAddress: maybe(person.currentAddress, maskAddress),
    masked: true,
  };
}

function pick<T extends string>(values: readonly T[], value: string, fallback: T): T {
  return values.find((v) => v === value) ?? fallback;
}

export function toContact(row: ContactRow, person: ContactPerson): Contact {
  return {
    id: Number(row.id),
    person,
    outbreakId: Number(row.outbreak_id),
    sourceCaseId: Number(row.source_case_id),
    sourceContactId: row.source_contact_id === null ? null : Number(row.source_contact_id),
    classification: pick<ContactClassification>(contactClassifications, row.classification, 'general'),
    status: pick<ContactStatus>(contactStatuses, row.status, 'identified'),
    divisionCode: row.division_code,
    lastExposureAt: row.last_exposure_at,
    observationEnd: row.observation_end,
    placedOn: row.placed_on,
    notifiedAt: row.notified_at,
    releasedOn: row.released_on,
    releaseReason: row.release_reason,
    lostReason: row.lost_reason,
    convertedCaseId: row.converted_case_id === null ? null : Number(row.converted_case_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Contacts as the actor may see them, persons loaded in one query. */
export async function presentContacts(
  db: Executor,
  actor: RecordActor,
  rows: readonly ContactRow[],
): Promise<Contact[]> {
  const persons = await personsByIds(
    db,
    rows.map((row) => Number(row.person_id)),
  );
  return rows.flatMap((row) => {
    const person = persons.get(Number(row.person_id));
    return person ? [toContact(row, presentContactPerson(actor, person))] : [];
  });
}

/**
 * The exposure as the actor may see it: place and seat are its personal fields (personal-fields.ts),
 * masked for a role without personal:read (the place down to its street). The contact is inside the
 * actor's jurisdiction wherever exposures are shown, so the role alone decides.
 */
export function presentExposure(actor: RecordActor, row: ExposureRow): Exposure & { masked: boolean } {
  const exposure = toExposure(row);
  if (seesPersonal(actor, true)) {
    return { ...exposure, masked: false };
  }
  return {
    ...exposure,
    place: exposure.place === null ? null : maskAddress(exposure.place),
    seat: exposure.seat === null ? null : '***',
    masked: true,
  };
}

export function toExposure(row: ExposureRow): Exposure {
  return {
    id: Number(row.id),
    sourceCaseId: row.source_case_id === null ? null : Number(row.source_case_id),
    sourceContactId: row.source_contact_id === null ? null : Number(row.source_contact_id),
    kind: pick(exposureKinds, row.kind, 'other_judged'),
    setting: row.setting,
    firstExposureAt: row.first_at,
    lastExposureAt: row.last_at,
    proximity: row.proximity,
    durationMinutes: row.duration_minutes,
    place: row.place_text,
    placeId: row.place_id === null ? null : Number(row.place_id),
    vehicle: row.vehicle,
    seat: row.seat,
    outsideWindow: row.outside_window === 1,
    createdAt: row.created_at,
  };
}

export function toPlannedTest(row: ContactTestRow): PlannedTest {
  return {
    id: Number(row.id),
    taskId: Number(row.task_id),
    phase: pick(
      ['centralized', 'home_quarantine', 'home_monitoring', 'medical_observation'],
      row.phase,
      'centralized',
    ),
    dayOfPhase: row.day_of_phase,
    plannedDate: row.planned_date,
    dueDate: row.due_date,
    status: pick(['pending', 'done', 'cancelled'], row.status, 'pending'),
    result: row.result === 'negative' || row.result === 'positive' ? row.result : null,
    doneAt: row.done_at,
  };
}

export function toTracingAttempt(actor: RecordActor, row: TracingAttemptRow) {
  return {
    id: Number(row.id),
    at: row.at,
    phone: seesPersonal(actor, true) ? row.phone : maskPhone(row.phone),
    outcome: pick(tracingOutcomes, row.outcome, 'other'),
    note: row.note,
    username: row.username,
  };
}
