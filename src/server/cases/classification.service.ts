import { checkClassificationChange, type Classification } from '../../core/cases/classification.ts';
import { presetIds } from '../../core/protocols/ids.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { findOutbreak } from '../outbreaks/outbreaks.repository.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import type { Case, ClassificationInput } from './cases.schema.ts';
import { insertHistory, updateCase } from './cases.repository.ts';
import { getCase, requireCase } from './cases.service.ts';

/** 诊疗方案 edition 7 (in force with the `covid-ed7` preset) added negative antibodies as a way to exclude. */
function acceptsAntibodyExclusion(presetId: string): boolean {
  const index = (presetIds as readonly string[]).indexOf(presetId);
  return index >= (presetIds as readonly string[]).indexOf('covid-ed7');
}

/**
 * Changes a case's classification following PROTOCOLS §1 and keeps the change, its reason and evidence in
 * the history. An exclusion needs two consecutive negative NATs ≥ 24 h apart among the evidence items.
 */
export async function changeClassification(
  trx: Executor,
  actor: RecordActor,
  caseId: number,
  input: ClassificationInput,
): Promise<Case> {
  const row = await requireCase(trx, actor, caseId);
  if (input.version !== undefined && input.version !== row.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: row.version } });
  }
  const from = row.classification as Classification;
  const outbreak = await findOutbreak(trx, Number(row.outbreak_id));
  const problem = checkClassificationChange({
    from,
    to: input.to,
    evidence: input.evidence,
    onsetDate: row.onset_date,
    antibodyExclusion: outbreak ? acceptsAntibodyExclusion(outbreak.preset_id) : false,
  });
  if (problem === 'same_classification') {
    throw fieldError('to', 'same_classification');
  }
  if (problem === 'transition_not_allowed') {
    throw fieldError('to', 'classification_transition', { from, to: input.to });
  }
  if (problem === 'exclusion_evidence') {
    throw fieldError('evidence', 'exclusion_evidence');
  }
  const at = now();
  const updated = await updateCase(trx, caseId, row.version, { classification: input.to, updated_at: at });
  if (!updated) {
    throw new AppError('VERSION_CONFLICT');
  }
  await insertHistory(trx, {
    case_id: caseId,
    at,
    user_id: actor.userId,
    username: actor.username,
    from_classification: from,
    to_classification: input.to,
    reason: input.reason,
    evidence: JSON.stringify(input.evidence),
  });
  await recordAudit(trx, auditOf(actor), {
    action: 'case.classify',
    entity: 'case',
    entityId: caseId,
    changes: {
      classification: { before: from, after: input.to },
      reason: { after: input.reason },
      evidenceCount: { after: input.evidence.length },
    },
  });
  return getCase(trx, actor, caseId);
}
