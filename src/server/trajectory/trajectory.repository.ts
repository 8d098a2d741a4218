import type {
  EvidenceItemRow,
  NewEvidenceItemRow,
  NewTrajectoryEntryRow,
  TrajectoryEntryRow,
  TrajectoryEntryUpdate,
} from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

const entryColumns = [
  'id',
  'case_id',
  'start_at',
  'end_at',
  'place_name',
  'place_kind',
  'address',
  'division_code',
  'place_id',
  'activity',
  'transport_kind',
  'vehicle_number',
  'seat',
  'companions',
  'protection',
  'created_at',
  'updated_at',
  'version',
  'archived',
  'archived_reason',
] as const;

const evidenceColumns = [
  'id',
  'entry_id',
  'source',
  'reference',
  'confidence',
  'attachment_name',
  'attachment_size',
  'attachment_type',
  'attachment_path',
  'created_at',
  'created_by',
  'archived',
  'archived_reason',
] as const;

/** The case's live entries, oldest first. */
export async function listEntries(db: Executor, caseId: number): Promise<TrajectoryEntryRow[]> {
  return db
    .selectFrom('trajectory_entries')
    .select(entryColumns)
    .where('case_id', '=', caseId)
    .where('archived', '=', 0)
    .orderBy('start_at')
    .orderBy('id')
    .execute();
}

export async function findEntry(
  db: Executor,
  caseId: number,
  entryId: number,
): Promise<TrajectoryEntryRow | undefined> {
  return db
    .selectFrom('trajectory_entries')
    .select(entryColumns)
    .where('id', '=', entryId)
    .where('case_id', '=', caseId)
    .where('archived', '=', 0)
    .executeTakeFirst();
}

export async function insertEntry(db: Executor, row: NewTrajectoryEntryRow): Promise<TrajectoryEntryRow> {
  return db.insertInto('trajectory_entries').values(row).returning(entryColumns).executeTakeFirstOrThrow();
}

/** Updates an entry only at the version the caller read; undefined on a stale write. */
export async function updateEntry(
  db: Executor,
  entryId: number,
  expectedVersion: number,
  patch: TrajectoryEntryUpdate,
): Promise<TrajectoryEntryRow | undefined> {
  return db
    .updateTable('trajectory_entries')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', entryId)
    .where('version', '=', expectedVersion)
    .returning(entryColumns)
    .executeTakeFirst();
}

/** Live evidence of several entries at once, by entry then id. */
export async function listEvidence(db: Executor, entryIds: readonly number[]): Promise<EvidenceItemRow[]> {
  if (entryIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('evidence_items')
    .select(evidenceColumns)
    .where('entry_id', 'in', entryIds)
    .where('archived', '=', 0)
    .orderBy('entry_id')
    .orderBy('id')
    .execute();
}

export async function findEvidence(
  db: Executor,
  entryId: number,
  evidenceId: number,
): Promise<EvidenceItemRow | undefined> {
  return db
    .selectFrom('evidence_items')
    .select(evidenceColumns)
    .where('id', '=', evidenceId)
    .where('entry_id', '=', entryId)
    .where('archived', '=', 0)
    .executeTakeFirst();
}

export async function insertEvidence(db: Executor, row: NewEvidenceItemRow): Promise<EvidenceItemRow> {
  return db.insertInto('evidence_items').values(row).returning(evidenceColumns).executeTakeFirstOrThrow();
}

export async function archiveEvidence(db: Executor, evidenceId: number, reason: string): Promise<void> {
  await db
    .updateTable('evidence_items')
    .set({ archived: 1, archived_reason: reason })
    .where('id', '=', evidenceId)
    .execute();
}
