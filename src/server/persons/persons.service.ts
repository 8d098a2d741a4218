import { z } from 'zod';
import { parseDocument, type DocumentType } from '../../core/identity/documents.ts';
import { maskAddress, maskDocumentNumber, maskName, maskPhone } from '../../core/identity/masking.ts';
import { normalizePhone } from '../../core/identity/phone.ts';
import { dateIn } from '../../core/time/zone.ts';
import { diff, recordAudit } from '../audit/audit.service.ts';
import type { NewPersonRow, PersonRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import type { CreatePersonInput, Person, UpdatePersonInput } from './persons.schema.ts';
import {
  findPerson,
  findPersonByDocument,
  insertPerson,
  likelyDuplicates,
  searchPersons,
  updatePerson,
  type PersonWithScope,
} from './persons.repository.ts';
import { personalFields } from '../../core/identity/personal-fields.ts';
import { auditOf, seesPersonal, type RecordActor } from './record-actor.ts';

/** The person fields that identify someone: masked in lists and kept out of the audit log. */
export const personalFieldNames = personalFields.person;

function isInside(row: PersonWithScope): boolean {
  return row.inside === true || row.inside === 1;
}

function unmasked(row: PersonRow): Person {
  return {
    id: Number(row.id),
    name: row.name,
    documentType: row.document_type as Person['documentType'],
    documentNumber: row.document_number,
    sex: row.sex as Person['sex'],
    birthDate: row.birth_date,
    phone: row.phone,
    populationCategory: row.population_category as Person['populationCategory'],
    workplace: row.workplace,
    currentAddress: row.current_address,
    divisionCode: row.division_code,
    householdAddress: row.household_address,
    ethnicity: row.ethnicity,
    masked: false,
    archived: row.archived === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

const mask = <T extends string | null>(value: T, f: (v: string) => string): T | string =>
  value === null ? value : f(value);

/** The person as the actor may see it: personal fields masked unless role and jurisdiction allow. */
export function presentPerson(actor: RecordActor, row: PersonWithScope): Person {
  const person = unmasked(row);
  if (seesPersonal(actor, isInside(row))) {
    return person;
  }
  return {
    ...person,
    name: maskName(person.name),
    documentNumber: mask(person.documentNumber, maskDocumentNumber),
    birthDate: person.birthDate === null ? null : `${person.birthDate.slice(0, 4)}-**-**`,
    phone: mask(person.phone, maskPhone),
    workplace: mask(person.workplace, maskAddress),
    currentAddress: mask(person.currentAddress, maskAddress),
    householdAddress: mask(person.householdAddress, maskAddress),
    masked: true,
  };
}

const documentProblems = {
  format: 'id_format',
  birth_date: 'id_birth_date',
  future_birth_date: 'id_future_birth_date',
  checksum: 'id_checksum',
} as const;

/** Validates and normalises a document; resident IDs also give sex and birth date. */
function readDocument(
  type: DocumentType | null | undefined,
  number: string | null | undefined,
  today: string,
): { document_type: string | null; document_number: string | null; sex?: string; birth_date?: string } {
  if (number === null || number === undefined) {
    return { document_type: type ?? null, document_number: null };
  }
  if (type === null || type === undefined) {
    throw fieldError('documentType', 'document_type_required');
  }
  const parsed = parseDocument(type, number, today);
  if (!parsed.ok) {
    const isId = type === 'resident_id' || type === 'residence_permit';
    throw fieldError('documentNumber', isId ? documentProblems[parsed.problem] : 'document_format');
  }
  const { value } = parsed;
  return {
    document_type: type,
    document_number: value.number,
    ...(value.sex === null ? {} : { sex: value.sex }),
    ...(value.birthDate === null ? {} : { birth_date: value.birthDate }),
  };
}

async function assertNoDuplicate(
  trx: Executor,
  document: { document_type: string | null; document_number: string | null },
  exceptId: number | null,
): Promise<void> {
  if (document.document_type === null || document.document_number === null) {
    return;
  }
  const existing = await findPersonByDocument(trx, document.document_type, document.document_number);
  if (existing && Number(existing.id) !== exceptId) {
    throw new AppError('DUPLICATE', {
      params: { entity: '证件号码 / document number' },
      details: [
        { field: 'documentNumber', code: 'duplicate_document', params: { existingId: Number(existing.id) } },
      ],
      extra: { existingId: Number(existing.id) },
    });
  }
}

export type PersonSettings = { timeZone: string };

/** Creates a person; a document number already on file is a 409 carrying the existing person's id. */
export async function createPerson(
  trx: Executor,
  actor: RecordActor,
  input: CreatePersonInput,
  settings: PersonSettings,
): Promise<Person> {
  const today = dateIn(new Date(), settings.timeZone);
  const document = readDocument(input.documentType, input.documentNumber, today);
  if (input.birthDate !== undefined && input.birthDate > today) {
    throw fieldError('birthDate', 'in_future');
  }
  await assertNoDuplicate(trx, document, null);
  const at = now();
  const row: NewPersonRow = {
    name: input.name,
    document_type: document.document_type,
    document_number: document.document_number,
    sex: document.sex ?? input.sex ?? null,
    birth_date: document.birth_date ?? input.birthDate ?? null,
    phone: input.phone ?? null,
    population_category: input.populationCategory ?? null,
    workplace: input.workplace ?? null,
    current_address: input.currentAddress ?? null,
    division_code: input.divisionCode ?? null,
    household_address: input.householdAddress ?? null,
    ethnicity: input.ethnicity ?? null,
    created_at: at,
    updated_at: at,
    version: 1,
    archived: 0,
    archived_reason: null,
  };
  const id = await insertPerson(trx, row);
  const created = await requirePerson(trx, '', id);
  const person = unmasked(created);
  await recordAudit(trx, auditOf(actor), {
    action: 'person.create',
    entity: 'person',
    entityId: id,
    changes: diff(null, auditable(person), personalFieldNames),
  });
  return presentPerson(actor, { ...created, inside: 1 });
}

function auditable(person: Person): Record<string, unknown> {
  const { version: _v, updatedAt: _u, createdAt: _c, masked: _m, id: _i, ...fields } = person;
  return fields;
}

async function requirePerson(trx: Executor, scope: string, id: number): Promise<PersonWithScope> {
  const row = await findPerson(trx, id, scope);
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: '人员 / person' } });
  }
  return row;
}

export async function getPerson(trx: Executor, actor: RecordActor, id: number): Promise<Person> {
  return presentPerson(actor, await requirePerson(trx, actor.scope, id));
}

/** Edits a person inside the actor's jurisdiction; a stale version is a 409 and nothing is written. */
export async function editPerson(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: UpdatePersonInput,
  settings: PersonSettings,
): Promise<Person> {
  const row = await requirePerson(trx, actor.scope, id);
  if (!isInside(row)) {
    throw new AppError('FORBIDDEN');
  }
  if (row.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: row.version } });
  }
  const today = dateIn(new Date(), settings.timeZone);
  const documentChanged = input.documentType !== undefined || input.documentNumber !== undefined;
  const document = documentChanged
    ? readDocument(
        input.documentType === undefined ? (row.document_type as DocumentType | null) : input.documentType,
        input.documentNumber === undefined ? row.document_number : input.documentNumber,
        today,
      )
    : null;
  if (document) {
    await assertNoDuplicate(trx, document, id);
  }
  if (input.birthDate !== undefined && input.birthDate !== null && input.birthDate > today) {
    throw fieldError('birthDate', 'in_future');
  }
  const updated = await updatePerson(trx, id, input.version, {
    name: input.name,
    ...(document ?? {}),
    sex: document?.sex ?? input.sex,
    birth_date: document?.birth_date ?? input.birthDate,
    phone: input.phone,
    population_category: input.populationCategory,
    workplace: input.workplace,
    current_address: input.currentAddress,
    division_code: input.divisionCode,
    household_address: input.householdAddress,
    ethnicity: input.ethnicity,
    updated_at: now(),
  });
  if (!updated) {
    throw new AppError('VERSION_CONFLICT');
  }
  const after = await requirePerson(trx, actor.scope, id);
  await recordAudit(trx, auditOf(actor), {
    action: 'person.update',
    entity: 'person',
    entityId: id,
    changes: diff(auditable(unmasked(row)), auditable(unmasked(after)), personalFieldNames),
  });
  return presentPerson(actor, after);
}

const cursorSchema = z.object({ id: cursorValue.id });

export async function listPersons(
  trx: Executor,
  actor: RecordActor,
  query: { q?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: Person[]; nextCursor: string | null }> {
  const beforeId = cursorOf(query.cursor, cursorSchema)?.id;
  const text = query.q === undefined || query.q === '' ? undefined : query.q;
  const rows = await searchPersons(trx, {
    scope: actor.scope,
    q:
      text === undefined
        ? undefined
        : {
            text,
            documentNumber: text.replace(/\s+/g, '').toUpperCase(),
            phone: normalizePhone(text)?.value ?? null,
          },
    beforeId,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => presentPerson(actor, row)),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ id: Number(last.id) }) : null,
  };
}

export async function findDuplicates(
  trx: Executor,
  actor: RecordActor,
  match: { name: string; phone?: string | undefined; birthDate?: string | undefined },
): Promise<{ items: Person[] }> {
  const rows = await likelyDuplicates(trx, actor.scope, match);
  return { items: rows.map((row) => presentPerson(actor, row)) };
}

/**
 * Break the glass: the unmasked record for a user whose role may reveal, with the written reason in the
 * audit log (same transaction as the answer, so no reveal goes unrecorded).
 */
export async function revealPerson(
  trx: Executor,
  actor: RecordActor,
  id: number,
  reason: string,
): Promise<Person> {
  const row = await requirePerson(trx, actor.scope, id);
  await recordAudit(trx, auditOf(actor), {
    action: 'person.reveal',
    entity: 'person',
    entityId: id,
    changes: { reason: { after: reason } },
  });
  return unmasked(row);
}
