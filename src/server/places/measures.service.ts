import type { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { PlaceMeasureRow, PlaceMeasureUpdate } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { addTask } from '../tasks/tasks.service.ts';
import { findMeasure, insertMeasure, measuresOfPlaces, updateMeasure } from './measures.repository.ts';
import type {
  enforceBody,
  liftBody,
  PlaceMeasure,
  planDisinfectionBody,
  recommendSuspensionBody,
  recordDisinfectionBody,
} from './measures.schema.ts';
import { getPlace } from './places.service.ts';

type Status = PlaceMeasure['status'];
const statuses: readonly Status[] = ['recommended', 'approved', 'in_force', 'lifted', 'planned', 'done'];

export function toMeasure(row: PlaceMeasureRow): PlaceMeasure {
  return {
    id: Number(row.id),
    placeId: Number(row.place_id),
    kind: row.kind === 'disinfection' ? 'disinfection' : 'suspension',
    status: statuses.find((s) => s === row.status) ?? 'recommended',
    caseId: row.case_id === null ? null : Number(row.case_id),
    reason: row.reason,
    recommendedAt: row.recommended_at,
    recommendedBy: row.recommended_by,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by,
    startsOn: row.starts_on,
    liftedOn: row.lifted_on,
    scope: row.scope,
    agent: row.agent,
    concentration: row.concentration,
    performedAt: row.performed_at,
    operator: row.operator,
    evaluation: row.evaluation,
    taskId: row.task_id === null ? null : Number(row.task_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

const empty = {
  case_id: null,
  reason: null,
  recommended_at: null,
  recommended_by: null,
  approved_at: null,
  approved_by: null,
  starts_on: null,
  lifted_on: null,
  scope: null,
  agent: null,
  concentration: null,
  performed_at: null,
  operator: null,
  evaluation: null,
  task_id: null,
};

async function reload(trx: Executor, actor: RecordActor, id: number): Promise<PlaceMeasure> {
  const row = await findMeasure(trx, id, actor.scope);
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: '场所措施 / place measure' } });
  }
  return toMeasure(row);
}

export async function measuresOfPlace(
  db: Executor,
  actor: RecordActor,
  placeId: number,
): Promise<PlaceMeasure[]> {
  const place = await getPlace(db, { audit: auditOf(actor), scope: actor.scope }, placeId);
  return (await measuresOfPlaces(db, [place.id])).map(toMeasure);
}

export async function recommendSuspension(
  trx: Executor,
  actor: RecordActor,
  placeId: number,
  input: z.infer<typeof recommendSuspensionBody>,
): Promise<PlaceMeasure> {
  const place = await getPlace(trx, { audit: auditOf(actor), scope: actor.scope }, placeId);
  const at = now();
  const id = await insertMeasure(trx, {
    ...empty,
    place_id: place.id,
    kind: 'suspension',
    status: 'recommended',
    case_id: input.caseId ?? null,
    reason: input.reason,
    recommended_at: at,
    recommended_by: actor.username,
    starts_on: input.startsOn ?? null,
    created_at: at,
    updated_at: at,
    version: 1,
  });
  await recordAudit(trx, auditOf(actor), {
    action: 'place_measure.recommend_suspension',
    entity: 'place_measure',
    entityId: id,
    changes: {
      placeId: { after: place.id },
      reason: { after: input.reason },
      status: { after: 'recommended' },
    },
  });
  return reload(trx, actor, id);
}

/** Moves a measure from one status to the next; any other status is refused and nothing is written. */
async function transition(
  trx: Executor,
  actor: RecordActor,
  id: number,
  version: number,
  kind: 'suspension' | 'disinfection',
  from: Status,
  to: Status,
  patch: PlaceMeasureUpdate,
): Promise<PlaceMeasure> {
  const before = await reload(trx, actor, id);
  if (before.kind !== kind) {
    throw fieldError('kind', 'measure_kind', { kind });
  }
  if (before.version !== version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: before.version } });
  }
  if (before.status !== from) {
    throw fieldError('status', 'measure_transition', { from: before.status });
  }
  if (!(await updateMeasure(trx, id, version, { ...patch, status: to, updated_at: now() }))) {
    throw new AppError('VERSION_CONFLICT');
  }
  const after = await reload(trx, actor, id);
  await recordAudit(trx, auditOf(actor), {
    action: `place_measure.${to}`,
    entity: 'place_measure',
    entityId: id,
    changes: Object.fromEntries(
      Object.entries(after)
        .filter(
          ([key, value]) =>
            key !== 'version' && key !== 'updatedAt' && before[key as keyof PlaceMeasure] !== value,
        )
        .map(([key, value]) => [key, { before: before[key as keyof PlaceMeasure], after: value }]),
    ),
  });
  return after;
}

export function approveSuspension(trx: Executor, actor: RecordActor, id: number, version: number) {
  return transition(trx, actor, id, version, 'suspension', 'recommended', 'approved', {
    approved_at: now(),
    approved_by: actor.username,
  });
}

export function enforceSuspension(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: z.infer<typeof enforceBody>,
) {
  return transition(trx, actor, id, input.version, 'suspension', 'approved', 'in_force', {
    starts_on: input.startsOn,
  });
}

export function liftSuspension(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: z.infer<typeof liftBody>,
) {
  return transition(trx, actor, id, input.version, 'suspension', 'in_force', 'lifted', {
    lifted_on: input.liftedOn,
    ...(input.reason === undefined ? {} : { reason: input.reason }),
  });
}

/** Plans a terminal disinfection (终末消毒) with a 'disinfect' task on the board for the 消杀组. */
export async function planDisinfection(
  trx: Executor,
  actor: RecordActor,
  placeId: number,
  input: z.infer<typeof planDisinfectionBody>,
): Promise<PlaceMeasure> {
  const place = await getPlace(trx, { audit: auditOf(actor), scope: actor.scope }, placeId);
  const task = await addTask(trx, actor, {
    type: 'disinfect',
    subject_type: 'place',
    subject_id: place.id,
    title: `终末消毒：${place.name}`,
    assignee_id: null,
    division_code: place.divisionCode,
    due_at: input.dueAt ?? null,
    priority: 'high',
  });
  const at = now();
  const id = await insertMeasure(trx, {
    ...empty,
    place_id: place.id,
    kind: 'disinfection',
    status: 'planned',
    case_id: input.caseId ?? null,
    scope: input.scope,
    agent: input.agent,
    concentration: input.concentration,
    task_id: task.id,
    created_at: at,
    updated_at: at,
    version: 1,
  });
  await recordAudit(trx, auditOf(actor), {
    action: 'place_measure.plan_disinfection',
    entity: 'place_measure',
    entityId: id,
    changes: {
      placeId: { after: place.id },
      scope: { after: input.scope },
      agent: { after: input.agent },
      concentration: { after: input.concentration },
      taskId: { after: task.id },
    },
  });
  return reload(trx, actor, id);
}

/** Records the disinfection as done with its evaluation, and closes its task. */
export async function recordDisinfection(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: z.infer<typeof recordDisinfectionBody>,
): Promise<PlaceMeasure> {
  const measure = await transition(trx, actor, id, input.version, 'disinfection', 'planned', 'done', {
    performed_at: input.performedAt,
    operator: input.operator,
    evaluation: input.evaluation,
    ...(input.agent === undefined ? {} : { agent: input.agent }),
    ...(input.concentration === undefined ? {} : { concentration: input.concentration }),
  });
  if (measure.taskId !== null) {
    const at = now();
    await trx
      .updateTable('tasks')
      .set({ status: 'done', closed_at: at, updated_at: at, version: (eb) => eb('version', '+', 1) })
      .where('id', '=', measure.taskId)
      .where('status', '=', 'open')
      .execute();
  }
  return measure;
}
