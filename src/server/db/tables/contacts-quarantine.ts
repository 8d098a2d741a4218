import type { Generated } from 'kysely';
import type { Instant, JsonText, Flag } from './foundation.ts';

export type ContactTable = {
  id: Generated<number>;
  person_id: number;
  outbreak_id: number;
  /** The index case: the source case, or for a secondary contact the case of its close contact. */
  source_case_id: number;
  /** Set for a secondary contact: the close contact it was exposed to. */
  source_contact_id: number | null;
  classification: string;
  status: string;
  division_code: string;
  last_exposure_at: Instant;
  observation_end: string | null;
  /** The plan's phases as JSON (core/protocols Plan without its tests, which live in contact_tests). */
  plan: JsonText;
  placed_on: string | null;
  notified_at: Instant | null;
  released_on: string | null;
  release_reason: string | null;
  lost_reason: string | null;
  converted_case_id: number | null;
  created_at: Instant;
  updated_at: Instant;
  version: number;
};

export type ExposureTable = {
  id: Generated<number>;
  contact_id: number;
  source_case_id: number | null;
  source_contact_id: number | null;
  kind: string;
  setting: string | null;
  first_at: Instant;
  last_at: Instant;
  proximity: string | null;
  duration_minutes: number | null;
  place_text: string | null;
  place_id: number | null;
  vehicle: string | null;
  seat: string | null;
  outside_window: Flag;
  created_at: Instant;
  created_by: number | null;
};

export type ContactTestTable = {
  id: Generated<number>;
  contact_id: number;
  task_id: number;
  phase: string;
  day_of_phase: number;
  planned_date: string;
  due_date: string;
  status: string;
  result: string | null;
  done_at: Instant | null;
  division_code: string;
};

export type TracingAttemptTable = {
  id: Generated<number>;
  contact_id: number;
  at: Instant;
  phone: string;
  outcome: string;
  note: string | null;
  user_id: number | null;
  username: string | null;
  created_at: Instant;
};

export type QuarantineSiteTable = {
  id: Generated<number>;
  name: string;
  address: string;
  division_code: string;
  capacity: number;
  occupied: number;
  manager: string | null;
  phone: string | null;
  created_at: Instant;
  updated_at: Instant;
  version: number;
  archived: Flag;
  archived_reason: string | null;
};

export type QuarantineRoomTable = {
  id: Generated<number>;
  site_id: number;
  number: string;
  beds: number;
  occupied: number;
};

export type PlacementTable = {
  id: Generated<number>;
  contact_id: number;
  kind: string;
  site_id: number | null;
  room_id: number | null;
  address: string | null;
  division_code: string;
  check_in_at: Instant;
  planned_end: string | null;
  check_out_at: Instant | null;
  created_at: Instant;
  version: number;
};

export type FollowUpTable = {
  id: Generated<number>;
  contact_id: number;
  at: Instant;
  /** The calendar day of `at` in the deployment time zone. */
  day: string;
  temperature: number;
  /** JSON array of symptom codes. */
  symptoms: JsonText;
  note: string | null;
  user_id: number | null;
  username: string | null;
  created_at: Instant;
};

export type AlertTable = {
  id: Generated<number>;
  contact_id: number;
  follow_up_id: number | null;
  /** JSON array: 'fever' and/or symptom codes. */
  reasons: JsonText;
  suggestion: string;
  status: string;
  division_code: string;
  note: string | null;
  created_at: Instant;
  acknowledged_at: Instant | null;
  acknowledged_by: string | null;
  closed_at: Instant | null;
  closed_by: string | null;
  version: number;
};
