import { dischargeSamples, keyPersonSamples, testSamples, type PlannedSample } from '../../core/lab/plans.ts';
import type { ContactKind, PhaseType, Preset } from '../../core/protocols/index.ts';
import { phaseTypes } from '../../core/protocols/index.ts';
import { nextDate, startOfDay } from '../../core/time/zone.ts';
import { protocolOfOutbreak } from '../contacts/contact-context.ts';
import type { NewSampleRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { insertTask } from '../tasks/tasks.repository.ts';
import { upsertPlanned } from './samples.repository.ts';

/**
 * Sampling plans on top of the plans the contacts feature keeps. A contact's planned tests are rows of
 * contact_tests, each with its `sample` task; this module gives each pending test its samples (specimens and
 * double sampling from the preset), pointing back with contact_test_id and sharing the test's task. The
 * contacts feature owns when a test is due or cancelled; a planned sample follows its test. Discharged cases
 * and key persons have no contact test: their samples are planned here, each window with one task.
 */

const isPhase = (value: string): value is PhaseType => (phaseTypes as readonly string[]).includes(value);
const isKind = (value: string): value is ContactKind => value === 'close' || value === 'secondary';

export type PlanSyncResult = { planned: number; cancelled: number };

/**
 * Gives every pending contact test without samples its planned samples, and cancels the planned samples of
 * tests the contact's plan has since cancelled (a new exposure restarts the plan; release or conversion ends
 * it). Limited to one outbreak, one due date and/or a scope; running it twice changes nothing.
 */
export async function syncContactSamples(
  trx: Executor,
  filter: { outbreakId?: number; dueDate?: string; scope: string; contactIds?: readonly number[] },
): Promise<PlanSyncResult> {
  let query = trx
    .selectFrom('contact_tests as t')
    .innerJoin('contacts as c', 'c.id', 't.contact_id')
    .select([
      't.id as test_id',
      't.task_id',
      't.phase',
      't.day_of_phase',
      't.planned_date',
      't.due_date',
      'c.id as contact_id',
      'c.person_id',
      'c.outbreak_id',
      'c.classification',
      'c.division_code',
    ])
    .where('t.status', '=', 'pending')
    .where('t.division_code', 'like', `${filter.scope}%`)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('samples as s').select('s.id').whereRef('s.contact_test_id', '=', 't.id'))),
    );
  if (filter.outbreakId !== undefined) {
    query = query.where('c.outbreak_id', '=', filter.outbreakId);
  }
  if (filter.dueDate !== undefined) {
    query = query.where('t.due_date', '=', filter.dueDate);
  }
  if (filter.contactIds !== undefined) {
    if (filter.contactIds.length === 0) {
      return { planned: 0, cancelled: 0 };
    }
    query = query.where('c.id', 'in', [...filter.contactIds]);
  }
  // Cancel first: a test re-planned on a day that already had a sample revives that sample for the new test.
  const at = now();
  let cancelling = trx
    .updateTable('samples')
    .set({ status: 'cancelled', updated_at: at, version: (eb) => eb('version', '+', 1) })
    .where('status', '=', 'planned')
    .where('division_code', 'like', `${filter.scope}%`);
  if (filter.dueDate !== undefined) {
    // A contact test's samples are due on the test's day only (window = that day), so one day's list needs
    // only that day's cancelled: the day index finds them instead of a scan of every sample. Other days'
    // samples of cancelled tests are cancelled by their own day's list, a re-plan (contactIds) or the
    // outbreak-wide sync.
    cancelling = cancelling.where('planned_date', '=', filter.dueDate);
  }
  const cancelled = await cancelling
    .where('contact_test_id', 'in', (eb) => {
      const cancelledTests = eb.selectFrom('contact_tests').select('id').where('status', '=', 'cancelled');
      // One contact's plan restarting looks at that contact's tests only, not at every cancelled test.
      return filter.contactIds === undefined
        ? cancelledTests
        : cancelledTests.where('contact_id', 'in', [...filter.contactIds]);
    })
    .executeTakeFirst();
  const tests = await query.execute();
  const presets = new Map<number, Preset>();
  const rows: NewSampleRow[] = [];
  for (const test of tests) {
    const kind = test.classification;
    if (!isKind(kind) || !isPhase(test.phase)) {
      continue;
    }
    const outbreakId = Number(test.outbreak_id);
    let preset = presets.get(outbreakId);
    if (!preset) {
      preset = await protocolOfOutbreak(trx, outbreakId);
      presets.set(outbreakId, preset);
    }
    const planned = testSamples(preset, kind, [
      { phase: test.phase, dayOfPhase: test.day_of_phase, date: test.planned_date, due: test.due_date },
    ]);
    for (const sample of planned) {
      rows.push({
        ...plannedRow(sample, 'contact_test', at),
        outbreak_id: outbreakId,
        subject_type: 'contact',
        subject_id: Number(test.contact_id),
        person_id: Number(test.person_id),
        division_code: test.division_code,
        contact_test_id: Number(test.test_id),
        task_id: Number(test.task_id),
      });
    }
  }
  await upsertPlanned(trx, rows);
  return { planned: rows.length, cancelled: Number(cancelled.numUpdatedRows) };
}

function plannedRow(sample: PlannedSample, source: string, at: string) {
  return {
    source,
    plan_ref: sample.ref,
    planned_date: sample.date,
    window_end: sample.windowEnd,
    specimen: sample.specimen,
    replicate: sample.replicate,
    label: sample.label,
    status: 'planned',
    created_at: at,
    updated_at: at,
    version: 1,
  } as const;
}

type Subject = {
  type: 'case' | 'key_person';
  id: number;
  personId: number;
  outbreakId: number;
  divisionCode: string;
  title: string;
};

/**
 * Brings a subject's own planned samples (discharge follow-up, key person) in line with `wanted`: planned
 * samples the plan no longer has are cancelled with their task, a protocol step already collected is not
 * planned again, and the rest is inserted or revived by its identity. One `sample` task per window.
 */
export async function syncSubjectSamples(
  trx: Executor,
  subject: Subject,
  source: 'discharge' | 'key_person',
  wanted: readonly PlannedSample[],
  timeZone: string,
): Promise<PlanSyncResult> {
  const at = now();
  const existing = await trx
    .selectFrom('samples')
    .select(['id', 'status', 'planned_date', 'specimen', 'replicate', 'plan_ref', 'task_id'])
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('source', '=', source)
    .execute();
  const key = (s: { planned_date: string | null; specimen: string; replicate: number }) =>
    `${s.planned_date ?? ''}|${s.specimen}|${s.replicate}`;
  const wantedKeys = new Set(
    wanted.map((s) => key({ planned_date: s.date, specimen: s.specimen, replicate: s.replicate })),
  );
  const done = new Set(
    existing
      .filter((s) => s.status !== 'planned' && s.status !== 'cancelled')
      .map((s) => `${s.plan_ref ?? ''}|${s.specimen}`),
  );
  let cancelled = 0;
  for (const sample of existing) {
    if (sample.status === 'planned' && !wantedKeys.has(key(sample))) {
      await trx
        .updateTable('samples')
        .set({ status: 'cancelled', updated_at: at, version: (eb) => eb('version', '+', 1) })
        .where('id', '=', sample.id)
        .execute();
      if (sample.task_id !== null) {
        await trx
          .updateTable('tasks')
          .set({ status: 'cancelled', closed_at: at, updated_at: at, version: (eb) => eb('version', '+', 1) })
          .where('id', '=', sample.task_id)
          .where('status', '=', 'open')
          .execute();
      }
      cancelled += 1;
    }
  }
  const current = new Set(existing.filter((s) => s.status !== 'cancelled').map(key));
  const toPlan = wanted.filter(
    (s) =>
      !done.has(`${s.ref}|${s.specimen}`) &&
      !current.has(key({ planned_date: s.date, specimen: s.specimen, replicate: s.replicate })),
  );
  const tasks = new Map<string, number>();
  const rows: NewSampleRow[] = [];
  for (const sample of toPlan) {
    let taskId = tasks.get(sample.ref);
    if (taskId === undefined) {
      taskId = await insertTask(trx, {
        type: 'sample',
        subject_type: subject.type === 'case' ? 'case' : 'key_person',
        subject_id: subject.id,
        title: `${subject.title}：${sample.label}（${sample.date}${sample.windowEnd === sample.date ? '' : ` 至 ${sample.windowEnd}`}）`,
        assignee_id: null,
        division_code: subject.divisionCode,
        due_at: startOfDay(nextDate(sample.windowEnd), timeZone),
        status: 'open',
        priority: 'normal',
        created_at: at,
        updated_at: at,
        closed_at: null,
        version: 1,
      });
      tasks.set(sample.ref, taskId);
    }
    rows.push({
      ...plannedRow(sample, source, at),
      outbreak_id: subject.outbreakId,
      subject_type: subject.type,
      subject_id: subject.id,
      person_id: subject.personId,
      division_code: subject.divisionCode,
      contact_test_id: null,
      task_id: taskId,
    });
  }
  await upsertPlanned(trx, rows);
  return { planned: rows.length, cancelled };
}

export function dischargeWanted(preset: Preset, dischargeDate: string): PlannedSample[] {
  return dischargeSamples(preset, dischargeDate);
}

export function keyPersonWanted(
  preset: Preset,
  rule: ContactKind,
  arrivedAt: string,
  timeZone: string,
): PlannedSample[] {
  return keyPersonSamples(preset, rule, arrivedAt, timeZone);
}
