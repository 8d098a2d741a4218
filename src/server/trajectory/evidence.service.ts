import { diff, recordAudit } from '../audit/audit.service.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { auditOf, type CaseActor } from './case-actor.ts';
import { requireCaseInScope } from './case-scope.ts';
import { evidenceRow, presentEvidence, type StoredAttachment } from './trajectory-present.ts';
import { archiveEvidence, findEntry, findEvidence, insertEvidence } from './trajectory.repository.ts';
import type { Evidence, EvidenceInput } from './trajectory.schema.ts';

/** Adds one evidence item, with a file already stored under the data folder when there is one. */
export async function addEvidence(
  trx: Executor,
  actor: CaseActor,
  caseId: number,
  entryId: number,
  input: EvidenceInput,
  attachment: StoredAttachment | null,
): Promise<Evidence> {
  await requireCaseInScope(trx, actor.scope, caseId);
  if (!(await findEntry(trx, caseId, entryId))) {
    throw new AppError('NOT_FOUND', { params: { entity: 'trajectory entry' } });
  }
  const row = await insertEvidence(trx, evidenceRow(actor, entryId, input, attachment, now()));
  await recordAudit(trx, auditOf(actor), {
    action: 'evidence.create',
    entity: 'case',
    entityId: caseId,
    changes: diff(null, {
      entryId,
      evidenceId: Number(row.id),
      source: input.source,
      confidence: input.confidence,
      attachment: attachment ? { type: attachment.type, size: attachment.size } : null,
    }),
  });
  return presentEvidence(caseId, row);
}

export async function removeEvidence(
  trx: Executor,
  actor: CaseActor,
  caseId: number,
  entryId: number,
  evidenceId: number,
  reason: string,
): Promise<void> {
  await requireCaseInScope(trx, actor.scope, caseId);
  if (!(await findEntry(trx, caseId, entryId)) || !(await findEvidence(trx, entryId, evidenceId))) {
    throw new AppError('NOT_FOUND', { params: { entity: 'evidence' } });
  }
  await archiveEvidence(trx, evidenceId, reason);
  await recordAudit(trx, auditOf(actor), {
    action: 'evidence.archive',
    entity: 'case',
    entityId: caseId,
    changes: { entryId: { after: entryId }, evidenceId: { after: evidenceId }, reason: { after: reason } },
  });
}

/** The stored file of an evidence item, after the same jurisdiction check as the trajectory itself. */
export async function evidenceAttachment(
  db: Executor,
  actor: CaseActor,
  caseId: number,
  entryId: number,
  evidenceId: number,
): Promise<StoredAttachment> {
  await requireCaseInScope(db, actor.scope, caseId);
  const row = (await findEntry(db, caseId, entryId))
    ? await findEvidence(db, entryId, evidenceId)
    : undefined;
  if (!row || row.attachment_path === null) {
    throw new AppError('NOT_FOUND', { params: { entity: 'attachment' } });
  }
  return {
    name: row.attachment_name ?? 'attachment',
    size: Number(row.attachment_size ?? 0),
    type: row.attachment_type ?? 'application/octet-stream',
    path: row.attachment_path,
  };
}
