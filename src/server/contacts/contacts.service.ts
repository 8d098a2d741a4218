import { isWithin } from '../../core/divisions/scope.ts';
import { personalFields } from '../../core/identity/personal-fields.ts';
import type { Preset } from '../../core/protocols/index.ts';
import { dateIn } from '../../core/time/zone.ts';
import { diff, recordAudit } from '../audit/audit.service.ts';
import type { ContactRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import type { CreatePersonInput } from '../persons/persons.schema.ts';
import { createPerson } from '../persons/persons.service.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { findPersonByDocument } from '../persons/persons.repository.ts';
import { protocolOfOutbreak, requireSourceCase, type SourceCase } from './contact-context.ts';
import { syncPlan } from './contact-plan.ts';
import { presentContacts } from './contact-view.ts';
import {
  findContact,
  findOpenContactOfPerson,
  insertContact,
  insertExposure,
  openStatuses,
} from './contacts.repository.ts';
import type { Contact, ContactClassification, CreateContactInput, ExposureInput } from './contacts.schema.ts';
import {
  lookBackProblem,
  normaliseDocument,
  outsideLookBackError,
  timeProblems,
  windowOf,
  type ContactSettings,
  type ExposureSource,
} from './exposure-rules.ts';

export async function requireContact(trx: Executor, actor: RecordActor, id: number): Promise<ContactRow> {
  const row = await findContact(trx, id, actor.scope);
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: '密接 / contact' } });
  }
  return row;
}

export async function presentOne(trx: Executor, actor: RecordActor, id: number): Promise<Contact> {
  const [contact] = await presentContacts(trx, actor, [await requireContact(trx, actor, id)]);
  if (!contact) {
    throw new AppError('NOT_FOUND', { params: { entity: '密接 / contact' } });
  }
  return contact;
}

/** An existing person by id, the person already on file with this document, or a new person. */
export async function resolvePerson(
  trx: Executor,
  actor: RecordActor,
  input: { personId?: number | undefined; person?: CreatePersonInput | undefined },
  settings: ContactSettings,
  field = '',
): Promise<{ id: number; divisionCode: string | null }> {
  if (input.personId !== undefined) {
    const row = await trx
      .selectFrom('persons')
      .select(['id', 'division_code'])
      .where('id', '=', input.personId)
      .executeTakeFirst();
    if (!row) {
      throw fieldError(`${field}personId`, 'unknown_person');
    }
    return { id: Number(row.id), divisionCode: row.division_code };
  }
  if (input.person === undefined) {
    throw fieldError(`${field}person`, 'required');
  }
  const today = dateIn(new Date(), settings.timeZone);
  const document = normaliseDocument(input.person.documentType, input.person.documentNumber, today);
  if (document && !document.ok) {
    throw fieldError(`${field}person.${document.field}`, document.code);
  }
  if (document) {
    const existing = await findPersonByDocument(trx, document.type, document.number);
    if (existing) {
      const row = await trx
        .selectFrom('persons')
        .select(['division_code'])
        .where('id', '=', Number(existing.id))
        .executeTakeFirstOrThrow();
      return { id: Number(existing.id), divisionCode: row.division_code };
    }
  }
  const person = await createPerson(trx, actor, input.person, { timeZone: settings.timeZone });
  return { id: person.id, divisionCode: input.person.divisionCode ?? null };
}

/**
 * The contact belongs to the investigating district (the county-level part of the source's code); a person
 * living inside that district is followed where they live — their village, not the source's — so the day
 * lists and the village filters find them at home. Someone living elsewhere stays with the source's division.
 */
function contactDivision(source: SourceCase, personDivision: string | null): string {
  const district = source.divisionCode.slice(0, 6);
  return personDivision !== null && isWithin(district, personDivision) ? personDivision : source.divisionCode;
}

const exposureAuditFields = (input: ExposureInput) => ({
  kind: input.kind,
  setting: input.setting ?? null,
  firstExposureAt: input.firstExposureAt,
  lastExposureAt: input.lastExposureAt,
  proximity: input.proximity ?? null,
  durationMinutes: input.durationMinutes ?? null,
  place: input.place ?? null,
  vehicle: input.vehicle ?? null,
  seat: input.seat ?? null,
  outsideWindow: input.confirmOutsideWindow === true,
});

/**
 * Records one exposure on a contact and restarts its plan. Times are checked, and an exposure outside the
 * source's window is refused (409, `outside_lookback`) unless the user confirmed it.
 */
export async function recordExposure(
  trx: Executor,
  actor: RecordActor,
  contact: ContactRow,
  source: ExposureSource,
  input: ExposureInput,
  preset: Preset,
  settings: ContactSettings,
  field = 'exposure.',
): Promise<void> {
  const problems = timeProblems(field, input);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', { details: problems });
  }
  const outside = lookBackProblem(
    `${field}lastExposureAt`,
    await windowOf(trx, source, preset),
    input,
    settings.timeZone,
  );
  if (outside && input.confirmOutsideWindow !== true) {
    throw outsideLookBackError(outside);
  }
  const exposureId = await insertExposure(trx, {
    contact_id: Number(contact.id),
    source_case_id: source.type === 'case' ? source.source.id : null,
    source_contact_id: source.type === 'contact' ? Number(source.contact.id) : null,
    kind: input.kind,
    setting: input.setting ?? null,
    first_at: input.firstExposureAt,
    last_at: input.lastExposureAt,
    proximity: input.proximity ?? null,
    duration_minutes: input.durationMinutes ?? null,
    place_text: input.place ?? null,
    place_id: input.placeId ?? null,
    vehicle: input.vehicle ?? null,
    seat: input.seat ?? null,
    outside_window: outside ? 1 : 0,
    created_at: now(),
    created_by: actor.userId,
  });
  const sync = await syncPlan(trx, contact, preset, settings.timeZone);
  await recordAudit(trx, auditOf(actor), {
    action: 'exposure.create',
    entity: 'contact',
    entityId: Number(contact.id),
    changes: {
      ...diff(
        null,
        { exposureId, ...exposureAuditFields(input), outsideWindow: outside !== null },
        personalFields.exposure,
      ),
      observationEnd: { before: contact.observation_end, after: sync.observationEnd },
    },
  });
}

/**
 * A person exposed to a source: joins the person's open contact record in the outbreak (another exposure),
 * or starts a new contact. A close exposure upgrades a secondary or general contact to close.
 */
export async function addContact(
  trx: Executor,
  actor: RecordActor,
  source: ExposureSource,
  person: { id: number; divisionCode: string | null },
  classification: ContactClassification,
  exposure: ExposureInput,
  settings: ContactSettings,
  field = 'exposure.',
): Promise<number> {
  const sourceCase = source.type === 'case' ? source.source : source.sourceCase;
  const preset = await protocolOfOutbreak(trx, sourceCase.outbreakId);
  if (classification === 'secondary' && !preset.secondary.determined) {
    throw fieldError('classification', 'secondary_not_determined', { preset: preset.id });
  }
  const existing = await findOpenContactOfPerson(trx, person.id, sourceCase.outbreakId);
  if (existing) {
    const upgrade = classification === 'close' && existing.classification !== 'close';
    if (upgrade) {
      await trx
        .updateTable('contacts')
        .set({ classification: 'close', updated_at: now() })
        .where('id', '=', existing.id)
        .execute();
      await recordAudit(trx, auditOf(actor), {
        action: 'contact.reclassify',
        entity: 'contact',
        entityId: Number(existing.id),
        changes: { classification: { before: existing.classification, after: 'close' } },
      });
    }
    const current = upgrade ? { ...existing, classification: 'close' } : existing;
    await recordExposure(trx, actor, current, source, exposure, preset, settings, field);
    return Number(existing.id);
  }
  const at = now();
  const id = await insertContact(trx, {
    person_id: person.id,
    outbreak_id: sourceCase.outbreakId,
    source_case_id: sourceCase.id,
    source_contact_id: source.type === 'contact' ? Number(source.contact.id) : null,
    classification,
    status: 'identified',
    division_code: contactDivision(sourceCase, person.divisionCode),
    last_exposure_at: exposure.lastExposureAt,
    observation_end: null,
    plan: JSON.stringify({ determined: false, phases: [] }),
    placed_on: null,
    notified_at: null,
    released_on: null,
    release_reason: null,
    lost_reason: null,
    converted_case_id: null,
    created_at: at,
    updated_at: at,
    version: 1,
  });
  await recordAudit(trx, auditOf(actor), {
    action: 'contact.create',
    entity: 'contact',
    entityId: id,
    changes: diff(null, {
      personId: person.id,
      sourceCaseId: sourceCase.id,
      sourceContactId: source.type === 'contact' ? Number(source.contact.id) : null,
      classification,
      status: 'identified',
    }),
  });
  const row = await requireContact(trx, { ...actor, scope: '' }, id);
  await recordExposure(trx, actor, row, source, exposure, preset, settings, field);
  return id;
}

export async function createContactOfCase(
  trx: Executor,
  actor: RecordActor,
  caseId: number,
  input: CreateContactInput,
  settings: ContactSettings,
): Promise<Contact> {
  const source = await requireSourceCase(trx, actor.scope, caseId);
  const person = await resolvePerson(trx, actor, input, settings);
  const id = await addContact(
    trx,
    actor,
    { type: 'case', source },
    person,
    input.classification,
    input.exposure,
    settings,
  );
  return presentOne(trx, actor, id);
}

/** A secondary contact (editions 7–9) of a close contact. */
export async function createSecondaryContact(
  trx: Executor,
  actor: RecordActor,
  closeContactId: number,
  input: Omit<CreateContactInput, 'classification'>,
  settings: ContactSettings,
): Promise<Contact> {
  const close = await requireContact(trx, actor, closeContactId);
  if (close.classification !== 'close') {
    throw fieldError('sourceContactId', 'source_not_close_contact');
  }
  const sourceCase = await requireSourceCase(trx, '', Number(close.source_case_id));
  const person = await resolvePerson(trx, actor, input, settings);
  const id = await addContact(
    trx,
    actor,
    { type: 'contact', contact: close, sourceCase },
    person,
    'secondary',
    input.exposure,
    settings,
  );
  return presentOne(trx, actor, id);
}

/** Another exposure of a contact still being worked on; the source defaults to the contact's own. */
export async function addExposure(
  trx: Executor,
  actor: RecordActor,
  contactId: number,
  input: ExposureInput & { sourceCaseId?: number | undefined; sourceContactId?: number | undefined },
  settings: ContactSettings,
): Promise<Contact> {
  const contact = await requireContact(trx, actor, contactId);
  if (!(openStatuses as readonly string[]).includes(contact.status)) {
    throw new AppError('CONFLICT', {
      params: { reason: contact.status },
      details: [
        { field: 'status', code: 'contact_transition', params: { from: contact.status, to: 'exposed' } },
      ],
    });
  }
  const preset = await protocolOfOutbreak(trx, Number(contact.outbreak_id));
  const { sourceCaseId, sourceContactId, ...exposure } = input;
  let source: ExposureSource;
  if (sourceContactId !== undefined || (sourceCaseId === undefined && contact.source_contact_id !== null)) {
    const close = await requireContact(trx, actor, sourceContactId ?? Number(contact.source_contact_id));
    const sourceCase = await requireSourceCase(trx, '', Number(close.source_case_id));
    source = { type: 'contact', contact: close, sourceCase };
  } else {
    source = {
      type: 'case',
      source: await requireSourceCase(trx, actor.scope, sourceCaseId ?? Number(contact.source_case_id)),
    };
  }
  const sourceOutbreak = source.type === 'case' ? source.source.outbreakId : source.sourceCase.outbreakId;
  if (sourceOutbreak !== Number(contact.outbreak_id)) {
    throw fieldError(source.type === 'case' ? 'sourceCaseId' : 'sourceContactId', 'invalid');
  }
  await recordExposure(trx, actor, contact, source, exposure, preset, settings, '');
  return presentOne(trx, actor, contactId);
}
