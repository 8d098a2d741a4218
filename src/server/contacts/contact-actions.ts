import { recordAudit } from '../audit/audit.service.ts';
import { reportCase, type CaseSettings } from '../cases/cases.service.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { raiseAlert } from '../follow-ups/alerts.repository.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { checkOutOpenPlacement } from '../quarantine/placements.repository.ts';
import { cancelPendingTests } from './contact-plan.ts';
import { toPlannedTest, toTracingAttempt } from './contact-view.ts';
import { insertTracingAttempt, setTestStatus, testsOf, updateContact } from './contacts.repository.ts';
import type { Contact, ConvertInput, PlannedTest } from './contacts.schema.ts';
import { presentOne, requireContact } from './contacts.service.ts';
import { assertTransition } from './contact-workflow.ts';

/** One phone call to a contact; the number is stored normalised and kept out of the audit log. */
export async function logTracingAttempt(
  trx: Executor,
  actor: RecordActor,
  contactId: number,
  input: { at: string; phone: string; outcome: string; note?: string | undefined },
) {
  const contact = await requireContact(trx, actor, contactId);
  if (input.at > new Date(Date.now() + 5 * 60_000).toISOString()) {
    throw new AppError('VALIDATION_FAILED', { details: [{ field: 'at', code: 'in_future' }] });
  }
  const row = {
    contact_id: Number(contact.id),
    at: input.at,
    phone: input.phone,
    outcome: input.outcome,
    note: input.note ?? null,
    user_id: actor.userId,
    username: actor.username,
    created_at: now(),
  };
  const id = await insertTracingAttempt(trx, row);
  await recordAudit(trx, auditOf(actor), {
    action: 'contact.trace',
    entity: 'contact',
    entityId: Number(contact.id),
    changes: {
      attemptId: { after: id },
      at: { after: input.at },
      outcome: { after: input.outcome },
      phone: { after: '[personal]' },
    },
  });
  return toTracingAttempt(actor, { id, ...row });
}

/**
 * Records the result of a planned test (until the samples capability records lab results). The test and its
 * task are done; a positive result raises an alert that suggests transfer for diagnosis.
 */
export async function recordTestResult(
  trx: Executor,
  actor: RecordActor,
  contactId: number,
  testId: number,
  input: { result: 'negative' | 'positive'; sampledAt?: string | undefined },
): Promise<PlannedTest> {
  const contact = await requireContact(trx, actor, contactId);
  const test = (await testsOf(trx, contactId)).find((t) => Number(t.id) === testId);
  if (!test) {
    throw new AppError('NOT_FOUND', { params: { entity: '检测 / test' } });
  }
  if (test.status !== 'pending') {
    throw new AppError('CONFLICT', {
      params: { reason: test.status },
      details: [{ field: 'testId', code: 'test_already_recorded' }],
    });
  }
  const at = input.sampledAt ?? now();
  await setTestStatus(trx, testId, { status: 'done', result: input.result, done_at: at });
  await trx
    .updateTable('tasks')
    .set({ status: 'done', closed_at: now(), updated_at: now(), version: (eb) => eb('version', '+', 1) })
    .where('id', '=', test.task_id)
    .execute();
  await recordAudit(trx, auditOf(actor), {
    action: 'contact.test_result',
    entity: 'contact',
    entityId: contactId,
    changes: { testId: { after: testId }, result: { after: input.result }, sampledAt: { after: at } },
  });
  if (input.result === 'positive') {
    await raiseAlert(trx, actor, {
      contactId,
      followUpId: null,
      reasons: ['positive_test'],
      suggestion: 'transfer',
      divisionCode: contact.division_code,
    });
  }
  return toPlannedTest({ ...test, status: 'done', result: input.result, done_at: at });
}

/**
 * The contact became a case: the case is reported through the cases service (person and outbreak of the
 * contact, discovered by contact screening, with its own investigation), linked back, and the contact's
 * observation ends. The exposures stay: they are the transmission edges from the source to the new case.
 */
export async function convertToCase(
  trx: Executor,
  actor: RecordActor,
  contactId: number,
  input: ConvertInput,
  settings: CaseSettings,
): Promise<{ contact: Contact; caseId: number; caseNumber: string }> {
  const contact = await requireContact(trx, actor, contactId);
  if (contact.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: contact.version } });
  }
  assertTransition(contact.status, 'converted');
  const created = await reportCase(
    trx,
    actor,
    {
      outbreakId: Number(contact.outbreak_id),
      personId: Number(contact.person_id),
      classification: input.classification,
      divisionCode: contact.division_code,
      receivedAt: input.receivedAt,
      reportingInstitution: input.reportingInstitution,
      discoveryRoute: 'contact_screening',
      ...(input.onsetDate === undefined ? {} : { onsetDate: input.onsetDate }),
      ...(input.diagnosedAt === undefined ? {} : { diagnosedAt: input.diagnosedAt }),
      ...(input.hospital === undefined ? {} : { hospital: input.hospital }),
    },
    settings,
  );
  return linkConversion(trx, actor, contact.id, input.version, created.id, created.caseNumber, input.reason);
}

/** Links a contact to the case it became (also used when the case was reported first, as in the demo). */
export async function linkConversion(
  trx: Executor,
  actor: RecordActor,
  contactId: number,
  version: number,
  caseId: number,
  caseNumber: string,
  reason: string,
): Promise<{ contact: Contact; caseId: number; caseNumber: string }> {
  const contact = await requireContact(trx, actor, contactId);
  assertTransition(contact.status, 'converted');
  await checkOutOpenPlacement(trx, contactId, now());
  const cancelled = await cancelPendingTests(trx, contactId);
  if (
    !(await updateContact(trx, contactId, version, {
      status: 'converted',
      converted_case_id: caseId,
      updated_at: now(),
    }))
  ) {
    throw new AppError('VERSION_CONFLICT');
  }
  await recordAudit(trx, auditOf(actor), {
    action: 'contact.convert',
    entity: 'contact',
    entityId: contactId,
    changes: {
      status: { before: contact.status, after: 'converted' },
      convertedCaseId: { after: caseId },
      reason: { after: reason },
      cancelledTests: { after: cancelled },
    },
  });
  return { contact: await presentOne(trx, actor, contactId), caseId, caseNumber };
}
