import type { Generated } from 'kysely';
import type { Instant, JsonText, Flag } from './foundation.ts';

export type PlaceTable = {
  id: Generated<number>;
  name: string;
  type: string;
  address: string | null;
  division_code: string;
  lat: number | null;
  lng: number | null;
  /** The id visit logs use for the place (场所码); unique when present. */
  venue_code: string | null;
  created_at: Instant;
  updated_at: Instant;
  version: number;
  archived: Flag;
  archived_reason: string | null;
};

export type PlaceMeasureTable = {
  id: Generated<number>;
  place_id: number;
  kind: string;
  status: string;
  case_id: number | null;
  reason: string | null;
  recommended_at: Instant | null;
  recommended_by: string | null;
  approved_at: Instant | null;
  approved_by: string | null;
  starts_on: string | null;
  lifted_on: string | null;
  scope: string | null;
  agent: string | null;
  concentration: string | null;
  performed_at: Instant | null;
  operator: string | null;
  evaluation: string | null;
  task_id: number | null;
  created_at: Instant;
  updated_at: Instant;
  version: number;
};

export type VisitImportTable = {
  id: Generated<number>;
  file_name: string;
  status: string;
  rows: number;
  bad_rows: number;
  /** JSON array of the first bad rows `{ line, field, reason }`; the full list is in `errors_path`. */
  first_bad_rows: JsonText;
  errors_path: string | null;
  bytes: number;
  total_bytes: number;
  segment: string | null;
  failure: string | null;
  started_at: Instant;
  finished_at: Instant | null;
  user_id: number | null;
  username: string | null;
};

export type VisitPersonRefTable = {
  id: Generated<number>;
  external_id: string;
  name: string | null;
  document_type: string | null;
  document_number: string | null;
  phone: string | null;
  updated_at: Instant;
};

export type DiscoveryRunTable = {
  id: Generated<number>;
  outbreak_id: number;
  params: JsonText;
  started_at: Instant;
  finished_at: Instant | null;
  case_visits: number;
  visits_scanned: number;
  candidates: number;
  companions: number;
  user_id: number | null;
  username: string | null;
};

export type DiscoveryCandidateTable = {
  id: Generated<number>;
  run_id: number;
  kind: string;
  external_person_id: string;
  person_ref_id: number | null;
  case_id: number;
  place_id: number | null;
  cell: string | null;
  overlap_seconds: number;
  first_at: Instant;
  last_at: Instant;
  status: string;
  reason: string | null;
  contact_id: number | null;
  decided_at: Instant | null;
  decided_by: string | null;
  version: number;
};
