import type { Executor } from '../db/transaction.ts';
import type { Investigation } from '../investigations/investigations.schema.ts';
import { getInvestigation, type SlaSettings } from '../investigations/investigations.service.ts';
import type { Outbreak } from '../outbreaks/outbreaks.schema.ts';
import { getOutbreak } from '../outbreaks/outbreaks.service.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import type { Case } from './cases.schema.ts';
import { getCase } from './cases.service.ts';

/** Everything the 流调报告 is composed from that this feature owns. */
export type CaseDossier = {
  case: Case;
  person: Case['person'];
  outbreak: Outbreak;
  investigation: Investigation;
  classificationHistory: Case['classificationHistory'];
};

/**
 * Loads a case with its person, outbreak, investigation (with the form and clocks) and classification
 * history, as the actor may see them: 404 outside the actor's jurisdiction, personal fields masked for
 * roles without `personal:read`.
 */
export async function loadCaseDossier(
  db: Executor,
  actor: RecordActor,
  caseId: number,
  settings: SlaSettings,
): Promise<CaseDossier> {
  const kase = await getCase(db, actor, caseId);
  const investigation = await getInvestigation(db, actor, caseId, settings);
  const outbreak = await getOutbreak(db, { ...actor, scope: '' }, kase.outbreakId);
  return {
    case: kase,
    person: kase.person,
    outbreak,
    investigation,
    classificationHistory: kase.classificationHistory,
  };
}
