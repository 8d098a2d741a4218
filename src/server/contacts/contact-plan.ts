import {
  restartPlan,
  testDateGivenPlacement,
  type ContactKind,
  type Plan,
  type PlanPhase,
  type Preset,
} from '../../core/protocols/index.ts';
import { nextDate, startOfDay } from '../../core/time/zone.ts';
import type { ContactRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { syncContactSamples } from '../samples/sampling-plans.ts';
import { insertTask } from '../tasks/tasks.repository.ts';
import {
  exposuresOf,
  insertContactTest,
  setTestStatus,
  testsOf,
  updateContact,
} from './contacts.repository.ts';

/** The stored part of a plan: its phases (the tests are rows of contact_tests). */
export type StoredPlan = { determined: boolean; phases: PlanPhase[] };

export function parseStoredPlan(text: string): StoredPlan {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed === 'object' && parsed !== null && 'determined' in parsed && 'phases' in parsed) {
    const { determined, phases } = parsed;
    return { determined: determined === true, phases: Array.isArray(phases) ? phases : [] };
  }
  return { determined: false, phases: [] };
}

const phaseNames: Record<string, string> = {
  centralized: '集中隔离',
  home_quarantine: '居家隔离',
  home_monitoring: '居家健康监测',
  medical_observation: '医学观察',
};

function kindOf(classification: string): ContactKind | null {
  return classification === 'close' || classification === 'secondary' ? classification : null;
}

export type PlanSync = {
  lastExposure: string;
  observationEnd: string | null;
  created: number;
  cancelled: number;
};

/**
 * Recomputes a contact's plan from all its exposures (a new exposure restarts the period) and brings the
 * planned tests in line: completed tests stay, pending tests the new plan still has stay, the others are
 * cancelled with their tasks, and missing ones are created as dated `sample` tasks on the contact. A test
 * day before the placement day is due on the placement day (docs/decisions/004-day-counting.md).
 */
export async function syncPlan(
  trx: Executor,
  contact: ContactRow,
  preset: Preset,
  timeZone: string,
): Promise<PlanSync> {
  const exposures = await exposuresOf(trx, Number(contact.id));
  const tests = await testsOf(trx, Number(contact.id));
  const done = tests.filter((test) => test.status === 'done');
  const kind = kindOf(contact.classification);
  const restarted = restartPlan(
    preset,
    kind ?? 'close',
    exposures.map((e) => e.last_at),
    done.map((test) => test.due_date),
    timeZone,
  );
  const plan: Plan = kind === null ? { phases: [], tests: [], determined: false } : restarted;
  const pending = kind === null ? [] : restarted.pendingTests;
  const wanted = new Map<string, (typeof pending)[number] & { due: string }>(
    pending.map((test) => {
      const due =
        contact.placed_on === null ? test.date : testDateGivenPlacement(test.date, contact.placed_on);
      return [`${test.phase}|${test.dayOfPhase}|${due}`, { ...test, due }] as const;
    }),
  );
  const at = now();
  let cancelled = 0;
  for (const test of tests) {
    if (test.status !== 'pending') {
      continue;
    }
    const key = `${test.phase}|${test.day_of_phase}|${test.due_date}`;
    if (wanted.has(key)) {
      wanted.delete(key);
      continue;
    }
    await cancelTest(trx, Number(test.id), Number(test.task_id), at);
    cancelled += 1;
  }
  for (const test of wanted.values()) {
    const taskId = await insertTask(trx, {
      type: 'sample',
      subject_type: 'contact',
      subject_id: Number(contact.id),
      title: `核酸检测：${phaseNames[test.phase] ?? test.phase}第 ${test.dayOfPhase} 天（${test.due}）`,
      assignee_id: null,
      division_code: contact.division_code,
      // Due by the end of the day in the deployment zone.
      due_at: startOfDay(nextDate(test.due), timeZone),
      status: 'open',
      priority: 'normal',
      created_at: at,
      updated_at: at,
      closed_at: null,
      version: 1,
    });
    await insertContactTest(trx, {
      contact_id: Number(contact.id),
      task_id: taskId,
      phase: test.phase,
      day_of_phase: test.dayOfPhase,
      planned_date: test.date,
      due_date: test.due,
      status: 'pending',
      result: null,
      done_at: null,
      division_code: contact.division_code,
    });
  }
  // The planned samples follow the tests in the same transaction: those of cancelled tests are cancelled,
  // new tests get theirs, collected samples stay.
  await syncContactSamples(trx, { scope: '', contactIds: [Number(contact.id)] });
  const observationEnd = plan.phases.at(-1)?.end ?? null;
  const stored: StoredPlan = { determined: plan.determined, phases: plan.phases };
  await updateContact(trx, Number(contact.id), null, {
    last_exposure_at: restarted.lastExposure,
    observation_end: observationEnd,
    plan: JSON.stringify(stored),
    updated_at: at,
  });
  return { lastExposure: restarted.lastExposure, observationEnd, created: wanted.size, cancelled };
}

/** Cancels a pending test and its task (release, conversion, a plan that no longer has it). */
export async function cancelTest(trx: Executor, testId: number, taskId: number, at: string): Promise<void> {
  await setTestStatus(trx, testId, { status: 'cancelled' });
  await trx
    .updateTable('tasks')
    .set({ status: 'cancelled', closed_at: at, updated_at: at, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', taskId)
    .where('status', '=', 'open')
    .execute();
}

/** Cancels every pending test of a contact whose observation has ended. */
export async function cancelPendingTests(trx: Executor, contactId: number): Promise<number> {
  const at = now();
  const tests = await testsOf(trx, contactId);
  let n = 0;
  for (const test of tests) {
    if (test.status === 'pending') {
      await cancelTest(trx, Number(test.id), Number(test.task_id), at);
      n += 1;
    }
  }
  if (n > 0) {
    // Their planned samples go with them, in the same transaction: day lists and the dashboard's counts
    // must not wait for a later sync to drop a released or converted contact's tubes.
    await syncContactSamples(trx, { scope: '', contactIds: [contactId] });
  }
  return n;
}
