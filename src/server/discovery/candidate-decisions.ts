import { recordAudit } from '../audit/audit.service.ts';
import { createContactOfCase } from '../contacts/contacts.service.ts';
import type { ContactSettings } from '../contacts/exposure-rules.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import type { CreatePersonInput } from '../persons/persons.schema.ts';
import { documentTypes } from '../../core/identity/documents.ts';
import { findCandidate } from './discovery.repository.ts';
import type { Candidate } from './discovery.schema.ts';
import { toCandidate } from './discovery.service.ts';

async function pendingCandidate(trx: Executor, actor: RecordActor, id: number, version: number) {
  const row = await findCandidate(trx, id, actor.scope);
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: '候选接触者 / candidate' } });
  }
  if (row.version !== version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: row.version } });
  }
  if (row.status !== 'pending') {
    throw fieldError('status', 'candidate_decided', { status: row.status });
  }
  return row;
}

async function decide(
  trx: Executor,
  actor: RecordActor,
  id: number,
  version: number,
  patch: { status: 'confirmed' | 'dismissed'; reason: string | null; contactId: number | null },
): Promise<Candidate> {
  const updated = await trx
    .updateTable('discovery_candidates')
    .set({
      status: patch.status,
      reason: patch.reason,
      contact_id: patch.contactId,
      decided_at: now(),
      decided_by: actor.username,
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new AppError('VERSION_CONFLICT');
  }
  await recordAudit(trx, auditOf(actor), {
    action: patch.status === 'confirmed' ? 'discovery_candidate.confirm' : 'discovery_candidate.dismiss',
    entity: 'discovery_candidate',
    entityId: id,
    changes: {
      status: { before: 'pending', after: patch.status },
      ...(patch.reason === null ? {} : { reason: { after: patch.reason } }),
      ...(patch.contactId === null ? {} : { contactId: { after: patch.contactId } }),
    },
  });
  const row = await findCandidate(trx, id, actor.scope);
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: 'candidate' } });
  }
  return toCandidate(actor, row);
}

/**
 * Confirms a candidate: creates (or joins) the contact of the candidate's case through the contacts
 * service, with the exposure prefilled from the candidate (kind, place, first and last overlap), and the
 * person from the persons reference.
 */
export async function confirmCandidate(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: { version: number; kind: 'same_space' | 'contaminated_environment'; personId?: number | undefined },
  settings: ContactSettings,
): Promise<Candidate> {
  const row = await pendingCandidate(trx, actor, id, input.version);
  let person: CreatePersonInput | undefined;
  if (input.personId === undefined) {
    const documentType = documentTypes.find((t) => t === row.ref_document_type);
    person = {
      name: row.ref_name ?? `访客 ${row.external_person_id}`,
      ...(row.ref_document_number !== null && documentType
        ? { documentType, documentNumber: row.ref_document_number }
        : {}),
      ...(row.ref_phone !== null ? { phone: row.ref_phone } : {}),
    };
  }
  const minutes = Math.max(0, Math.round(row.overlap_seconds / 60));
  const contact = await createContactOfCase(
    trx,
    actor,
    Number(row.case_id),
    {
      ...(input.personId !== undefined ? { personId: input.personId } : { person }),
      classification: 'close',
      exposure: {
        kind: input.kind,
        setting: row.kind === 'companion' ? '时空伴随' : undefined,
        firstExposureAt: row.first_at,
        lastExposureAt: row.last_at,
        proximity: 'unknown',
        durationMinutes: minutes,
        ...(row.place_name !== null ? { place: row.place_name } : {}),
        ...(row.place_id !== null ? { placeId: Number(row.place_id) } : {}),
      },
    },
    settings,
  );
  return decide(trx, actor, id, input.version, { status: 'confirmed', reason: null, contactId: contact.id });
}

export async function dismissCandidate(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: { version: number; reason: string },
): Promise<Candidate> {
  await pendingCandidate(trx, actor, id, input.version);
  return decide(trx, actor, id, input.version, {
    status: 'dismissed',
    reason: input.reason,
    contactId: null,
  });
}
