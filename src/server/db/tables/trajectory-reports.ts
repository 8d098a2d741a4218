import type { Generated } from 'kysely';
import type { Instant, JsonText, Flag } from './foundation.ts';

export type TrajectoryEntryTable = {
  id: Generated<number>;
  case_id: number;
  start_at: Instant;
  end_at: Instant;
  place_name: string;
  place_kind: string;
  address: string | null;
  division_code: string | null;
  place_id: number | null;
  activity: string | null;
  transport_kind: string | null;
  vehicle_number: string | null;
  seat: string | null;
  companions: string | null;
  protection: string | null;
  created_at: Instant;
  updated_at: Instant;
  version: number;
  archived: Flag;
  archived_reason: string | null;
};

export type EvidenceItemTable = {
  id: Generated<number>;
  entry_id: number;
  source: string;
  reference: string | null;
  confidence: string;
  attachment_name: string | null;
  attachment_size: number | null;
  attachment_type: string | null;
  attachment_path: string | null;
  created_at: Instant;
  created_by: number | null;
  archived: Flag;
  archived_reason: string | null;
};

export type ReportVersionTable = {
  id: Generated<number>;
  case_id: number;
  kind: string;
  number: number;
  author_id: number | null;
  author_name: string;
  created_at: Instant;
  /** The composed document model (core/report) as JSON. */
  content: JsonText;
  docx: Buffer;
  docx_size: number;
};

export type ReportSubmissionTable = {
  id: Generated<number>;
  report_version_id: number;
  /** JSON array of recipient names. */
  recipients: JsonText;
  submitted_at: Instant;
  submitted_by: number | null;
  submitted_by_name: string;
};
