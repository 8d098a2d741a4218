import { labCriteria } from '../../core/lab/criteria.ts';
import {
  contactPositiveSuggestion,
  dischargeSuggestion,
  exclusionSuggestion,
  repositiveAlert,
  type LabTarget,
  type Qualitative,
  type Suggestion,
  type TestedSample,
} from '../../core/lab/rules.ts';
import { isPresetId } from '../../core/protocols/index.ts';
import { dateIn } from '../../core/time/zone.ts';
import { protocolOfOutbreak } from '../contacts/contact-context.ts';
import { openStatuses } from '../contacts/contacts.repository.ts';
import { now, type Executor } from '../db/transaction.ts';

const isQualitative = (v: string): v is Qualitative =>
  v === 'positive' || v === 'negative' || v === 'inconclusive';
const isTarget = (v: string): v is LabTarget => v === 'ORF1ab' || v === 'N' || v === 'IgM' || v === 'IgG';

/**
 * The tested samples of one subject with their results. A negative pool's result counts for each member; a
 * positive pool does not (its members are retested one by one).
 */
export async function testedSamplesOf(
  trx: Executor,
  subjectType: string,
  subjectId: number,
): Promise<Array<TestedSample & { collectedDay: string | null }>> {
  const samples = await trx
    .selectFrom('samples')
    .select(['id', 'collected_at', 'tested_at', 'pool_id'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'tested')
    .execute();
  if (samples.length === 0) {
    return [];
  }
  const ids = samples.map((s) => Number(s.id));
  const poolIds = samples.flatMap((s) => (s.pool_id === null ? [] : [Number(s.pool_id)]));
  const results = await trx
    .selectFrom('lab_results as r')
    .leftJoin('sample_pools as p', 'p.id', 'r.pool_id')
    .select(['r.id', 'r.sample_id', 'r.pool_id', 'r.target', 'r.ct', 'r.result', 'p.result as pool_result'])
    .where((eb) =>
      eb.or([
        eb('r.sample_id', 'in', ids),
        ...(poolIds.length === 0 ? [] : [eb('r.pool_id', 'in', poolIds)]),
      ]),
    )
    .orderBy('r.id')
    .execute();
  return samples.map((s) => ({
    sampleId: Number(s.id),
    collectedAt: s.collected_at ?? s.tested_at ?? '',
    collectedDay: null,
    results: results
      .filter(
        (r) =>
          Number(r.sample_id) === Number(s.id) ||
          (r.pool_id !== null && Number(r.pool_id) === Number(s.pool_id) && r.pool_result === 'negative'),
      )
      .flatMap((r) =>
        isTarget(r.target) && isQualitative(r.result)
          ? [
              {
                id: Number(r.id),
                target: r.target,
                ct: r.ct === null ? null : Number(r.ct),
                result: r.result,
              },
            ]
          : [],
      ),
  }));
}

/** Runs the lab rules on one subject and stores what they suggest (once per subject, kind and evidence). */
export async function evaluateSubject(
  trx: Executor,
  subjectType: string,
  subjectId: number,
  timeZone: string,
): Promise<void> {
  const samples = await testedSamplesOf(trx, subjectType, subjectId);
  if (samples.length === 0) {
    return;
  }
  if (subjectType === 'contact') {
    const contact = await trx
      .selectFrom('contacts')
      .select(['status', 'division_code'])
      .where('id', '=', subjectId)
      .executeTakeFirst();
    if (contact && (openStatuses as readonly string[]).includes(contact.status)) {
      await store(trx, 'contact', subjectId, contact.division_code, contactPositiveSuggestion(samples));
    }
    return;
  }
  if (subjectType !== 'case') {
    return;
  }
  const kase = await trx
    .selectFrom('cases')
    .select(['classification', 'status', 'onset_date', 'outbreak_id', 'division_code'])
    .where('id', '=', subjectId)
    .executeTakeFirst();
  if (!kase) {
    return;
  }
  const preset = await protocolOfOutbreak(trx, Number(kase.outbreak_id));
  if (!isPresetId(preset.id)) {
    return;
  }
  const criteria = labCriteria[preset.id];
  await store(
    trx,
    'case',
    subjectId,
    kase.division_code,
    exclusionSuggestion(criteria.exclusion, kase.classification, samples, kase.onset_date),
  );
  await store(
    trx,
    'case',
    subjectId,
    kase.division_code,
    dischargeSuggestion(criteria.discharge, kase, samples),
  );
  const discharge = await trx
    .selectFrom('case_discharges')
    .select('discharge_date')
    .where('case_id', '=', subjectId)
    .executeTakeFirst();
  if (discharge) {
    const dated = samples.map((s) => ({
      ...s,
      collectedDay: s.collectedAt === '' ? '' : dateIn(new Date(s.collectedAt), timeZone),
    }));
    await store(trx, 'case', subjectId, kase.division_code, repositiveAlert(discharge.discharge_date, dated));
  }
}

async function store(
  trx: Executor,
  subjectType: string,
  subjectId: number,
  divisionCode: string,
  suggestion: Suggestion | null,
): Promise<void> {
  if (!suggestion) {
    return;
  }
  const restsOn = JSON.stringify([...suggestion.restsOn].sort((a, b) => a - b));
  const existing = await trx
    .selectFrom('lab_suggestions')
    .select(['id', 'status', 'rests_on'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('kind', '=', suggestion.kind)
    .execute();
  // One open suggestion of a kind per subject; a decided one is not raised again on the same results.
  if (existing.some((s) => s.status === 'open' || s.rests_on === restsOn)) {
    return;
  }
  await trx
    .insertInto('lab_suggestions')
    .values({
      kind: suggestion.kind,
      subject_type: subjectType,
      subject_id: subjectId,
      division_code: divisionCode,
      rests_on: restsOn,
      reason: suggestion.reason,
      status: 'open',
      created_at: now(),
      decided_at: null,
      decided_by: null,
      note: null,
      version: 1,
    })
    .execute();
}
