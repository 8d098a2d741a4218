import type { Confidence, EvidenceSource, TransportKind } from '../../core/report/types.ts';
import type { EvidenceItemRow, NewEvidenceItemRow, TrajectoryEntryRow } from '../db/schema.ts';
import type { CaseActor } from './case-actor.ts';
import type { Evidence, EvidenceInput, PlaceKind, TrajectoryEntry } from './trajectory.schema.ts';

/** A file already written under the data folder; `path` is relative to it. */
export type StoredAttachment = { name: string; size: number; type: string; path: string };

export function presentEvidence(caseId: number, row: EvidenceItemRow): Evidence {
  const hasFile = row.attachment_path !== null;
  return {
    id: Number(row.id),
    source: row.source as EvidenceSource,
    reference: row.reference,
    confidence: row.confidence as Confidence,
    attachment: hasFile
      ? {
          name: row.attachment_name ?? 'attachment',
          size: Number(row.attachment_size ?? 0),
          type: row.attachment_type ?? 'application/octet-stream',
          url: `/api/v1/cases/${caseId}/trajectory/${row.entry_id}/evidence/${row.id}/attachment`,
        }
      : null,
    createdAt: row.created_at,
  };
}

export function presentEntry(row: TrajectoryEntryRow, evidence: EvidenceItemRow[]): TrajectoryEntry {
  const caseId = Number(row.case_id);
  return {
    id: Number(row.id),
    caseId,
    startAt: row.start_at,
    endAt: row.end_at,
    placeName: row.place_name,
    placeKind: row.place_kind as PlaceKind,
    address: row.address,
    divisionCode: row.division_code,
    placeId: row.place_id === null ? null : Number(row.place_id),
    activity: row.activity,
    transportKind: row.transport_kind as TransportKind | null,
    vehicleNumber: row.vehicle_number,
    seat: row.seat,
    companions: row.companions,
    protection: row.protection,
    evidence: evidence
      .filter((e) => Number(e.entry_id) === Number(row.id))
      .map((e) => presentEvidence(caseId, e)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The row of a new evidence item. */
export function evidenceRow(
  actor: CaseActor,
  entryId: number,
  input: EvidenceInput,
  attachment: StoredAttachment | null,
  at: string,
): NewEvidenceItemRow {
  return {
    entry_id: entryId,
    source: input.source,
    reference: input.reference ?? null,
    confidence: input.confidence,
    attachment_name: attachment?.name ?? null,
    attachment_size: attachment?.size ?? null,
    attachment_type: attachment?.type ?? null,
    attachment_path: attachment?.path ?? null,
    created_at: at,
    created_by: actor.userId,
    archived: 0 as const,
  };
}
