import { groupByDay } from '../../core/trajectory/days.ts';
import { flagTrajectory } from '../../core/trajectory/flags.ts';
import { presetById } from '../../core/protocols/presets.ts';
import { lookBackWindow } from '../../core/trajectory/window.ts';
import { localDateOf } from '../../core/trajectory/zoned.ts';
import { diff, recordAudit } from '../audit/audit.service.ts';
import type { EvidenceItemRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { requireCaseInScope, type CaseContext } from './case-scope.ts';
import { evidenceRow, presentEntry } from './trajectory-present.ts';
import {
  findEntry,
  insertEntry,
  insertEvidence,
  listEntries,
  listEvidence,
  updateEntry,
} from './trajectory.repository.ts';
import type { CreateEntryInput, Trajectory, TrajectoryEntry, UpdateEntryInput } from './trajectory.schema.ts';
import { personalFields } from '../../core/identity/personal-fields.ts';
import { auditOf, type CaseActor } from './case-actor.ts';

/** Fields of an entry that say where a person went with whom; the audit log records only that they changed. */
const personalEntryFields = personalFields.trajectoryEntry;

/** The case's live entries with their evidence, oldest first. */
export async function loadEntries(db: Executor, caseId: number): Promise<TrajectoryEntry[]> {
  const rows = await listEntries(db, caseId);
  const evidence = await listEvidence(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((row) => presentEntry(row, evidence));
}

/**
 * The look-back window of PROTOCOLS §3 for this case, from the outbreak's preset: from (onset − the
 * preset's days; for an asymptomatic case the first positive sample, taken here as the report's day) to
 * isolation. A case reported by a hospital is isolated there, so the report's receipt is taken as the
 * isolation time; without an onset date the window is anchored on the day the report was received.
 */
export function caseWindow(c: CaseContext, timeZone: string) {
  const rule = presetById(c.presetId)?.lookBack;
  if (!rule || !rule.determined) {
    return null;
  }
  const days =
    c.classification === 'asymptomatic' ? rule.firstPositiveSample.daysBefore : rule.onset.daysBefore;
  const receivedDate = localDateOf(c.receivedAt, timeZone);
  const anchorDate = c.classification === 'asymptomatic' ? receivedDate : (c.onsetDate ?? receivedDate);
  const window = lookBackWindow({
    anchorDate,
    lookBackDays: days,
    isolatedAt: c.receivedAt,
    now: now(),
    timeZone,
  });
  return { window, lookBackDays: days, anchorDate };
}

export type TrajectorySettings = { timeZone: string; gapThresholdMinutes: number };

export async function getTrajectory(
  db: Executor,
  actor: CaseActor,
  caseId: number,
  settings: TrajectorySettings,
): Promise<Trajectory> {
  const c = await requireCaseInScope(db, actor.scope, caseId);
  const entries = await loadEntries(db, caseId);
  const computed = caseWindow(c, settings.timeZone);
  const flags = flagTrajectory(
    entries.map((e) => ({
      id: e.id,
      startAt: e.startAt,
      endAt: e.endAt,
      residence: e.placeKind === 'home' || e.placeKind === 'residence',
    })),
    computed?.window ?? null,
    { gapThresholdMinutes: settings.gapThresholdMinutes },
  );
  return {
    caseId,
    timeZone: settings.timeZone,
    window: computed
      ? {
          start: new Date(computed.window.startMs).toISOString(),
          end: new Date(computed.window.endMs).toISOString(),
          lookBackDays: computed.lookBackDays,
          anchorDate: computed.anchorDate,
        }
      : null,
    gapThresholdMinutes: settings.gapThresholdMinutes,
    entries,
    flags,
    days: groupByDay(entries, settings.timeZone).map((d) => ({
      date: d.date,
      entryIds: d.entries.map((e) => e.id),
    })),
  };
}

function assertOrder(startAt: string, endAt: string): void {
  if (Date.parse(endAt) < Date.parse(startAt)) {
    throw fieldError('endAt', 'end_before_start');
  }
}

/** The API object without bookkeeping, for the audit diff. */
function auditable(entry: TrajectoryEntry): Record<string, unknown> {
  const { evidence: _e, version: _v, updatedAt: _u, createdAt: _c, ...fields } = entry;
  return fields;
}

export async function addEntry(
  trx: Executor,
  actor: CaseActor,
  caseId: number,
  input: CreateEntryInput,
): Promise<TrajectoryEntry> {
  await requireCaseInScope(trx, actor.scope, caseId);
  assertOrder(input.startAt, input.endAt);
  const at = now();
  const row = await insertEntry(trx, {
    case_id: caseId,
    start_at: input.startAt,
    end_at: input.endAt,
    place_name: input.placeName,
    place_kind: input.placeKind,
    address: input.address ?? null,
    division_code: input.divisionCode ?? null,
    place_id: null,
    activity: input.activity ?? null,
    transport_kind: input.transportKind ?? null,
    vehicle_number: input.vehicleNumber ?? null,
    seat: input.seat ?? null,
    companions: input.companions ?? null,
    protection: input.protection ?? null,
    created_at: at,
    updated_at: at,
    version: 1,
    archived: 0,
    archived_reason: null,
  });
  const entryId = Number(row.id);
  const evidence: EvidenceItemRow[] = [];
  for (const item of input.evidence) {
    evidence.push(await insertEvidence(trx, evidenceRow(actor, entryId, item, null, at)));
  }
  const entry = presentEntry(row, evidence);
  await recordAudit(trx, auditOf(actor), {
    action: 'trajectory.create',
    entity: 'case',
    entityId: caseId,
    changes: diff(
      null,
      { entryId, ...auditable(entry), evidence: input.evidence.map((e) => e.source) },
      personalEntryFields,
    ),
  });
  return entry;
}

/** Applies an edit made on `input.version`; a stale version is a 409 and nothing is written. */
export async function editEntry(
  trx: Executor,
  actor: CaseActor,
  caseId: number,
  entryId: number,
  input: UpdateEntryInput,
): Promise<TrajectoryEntry> {
  await requireCaseInScope(trx, actor.scope, caseId);
  const beforeRow = await findEntry(trx, caseId, entryId);
  if (!beforeRow) {
    throw new AppError('NOT_FOUND', { params: { entity: 'trajectory entry' } });
  }
  if (beforeRow.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: beforeRow.version } });
  }
  assertOrder(input.startAt ?? beforeRow.start_at, input.endAt ?? beforeRow.end_at);
  const row = await updateEntry(trx, entryId, input.version, {
    start_at: input.startAt,
    end_at: input.endAt,
    place_name: input.placeName,
    place_kind: input.placeKind,
    address: input.address,
    division_code: input.divisionCode,
    activity: input.activity,
    transport_kind: input.transportKind,
    vehicle_number: input.vehicleNumber,
    seat: input.seat,
    companions: input.companions,
    protection: input.protection,
    updated_at: now(),
  });
  if (!row) {
    throw new AppError('VERSION_CONFLICT');
  }
  const evidence = await listEvidence(trx, [entryId]);
  const before = presentEntry(beforeRow, evidence);
  const after = presentEntry(row, evidence);
  await recordAudit(trx, auditOf(actor), {
    action: 'trajectory.update',
    entity: 'case',
    entityId: caseId,
    changes: {
      entryId: { after: entryId },
      ...diff(auditable(before), auditable(after), personalEntryFields),
    },
  });
  return after;
}

/** Archives an entry with a reason (nothing is hard-deleted); stale version → 409. */
export async function archiveEntry(
  trx: Executor,
  actor: CaseActor,
  caseId: number,
  entryId: number,
  input: { version: number; reason: string },
): Promise<void> {
  await requireCaseInScope(trx, actor.scope, caseId);
  const current = await findEntry(trx, caseId, entryId);
  if (!current) {
    throw new AppError('NOT_FOUND', { params: { entity: 'trajectory entry' } });
  }
  const row = await updateEntry(trx, entryId, input.version, {
    archived: 1,
    archived_reason: input.reason,
    updated_at: now(),
  });
  if (!row) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: current.version } });
  }
  await recordAudit(trx, auditOf(actor), {
    action: 'trajectory.archive',
    entity: 'case',
    entityId: caseId,
    changes: { entryId: { after: entryId }, reason: { after: input.reason } },
  });
}
