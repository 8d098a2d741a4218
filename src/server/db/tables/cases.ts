import type { Generated } from 'kysely';
import type { Instant, JsonText, Flag } from './foundation.ts';

export type PersonTable = {
  id: Generated<number>;
  name: string;
  document_type: string | null;
  /** Normalised (upper case, no spaces; resident IDs upgraded to 18 characters). */
  document_number: string | null;
  sex: string | null;
  birth_date: string | null;
  phone: string | null;
  population_category: string | null;
  workplace: string | null;
  current_address: string | null;
  /** Division of the current address; decides whose jurisdiction the person is in. */
  division_code: string | null;
  household_address: string | null;
  ethnicity: string | null;
  created_at: Instant;
  updated_at: Instant;
  version: number;
  archived: Flag;
  archived_reason: string | null;
};

export type OutbreakTable = {
  id: Generated<number>;
  name: string;
  disease: string;
  preset_id: string;
  overlay_id: string | null;
  overlay_text: string | null;
  start_date: string;
  division_code: string;
  /** e.g. `LS-2020-####`: the #s take the zero-padded value of `case_counter`. */
  case_number_mask: string;
  case_counter: number;
  created_at: Instant;
  updated_at: Instant;
  version: number;
  archived: Flag;
  archived_reason: string | null;
};

export type CaseTable = {
  id: Generated<number>;
  case_number: string;
  person_id: number;
  outbreak_id: number;
  division_code: string;
  received_at: Instant;
  reporting_institution: string;
  discovery_route: string;
  classification: string;
  severity: string | null;
  onset_date: string | null;
  onset_approximate: Flag;
  diagnosed_at: Instant | null;
  imported: Flag;
  import_related: Flag;
  hospital: string | null;
  status: string;
  created_at: Instant;
  updated_at: Instant;
  version: number;
  archived: Flag;
  archived_reason: string | null;
};

export type CaseClassificationHistoryTable = {
  id: Generated<number>;
  case_id: number;
  at: Instant;
  user_id: number | null;
  username: string | null;
  from_classification: string | null;
  to_classification: string;
  reason: string;
  evidence: JsonText;
};

export type InvestigationTable = {
  id: Generated<number>;
  case_id: number;
  state: string;
  /** JSON array of user ids. */
  team: JsonText;
  lead_user_id: number | null;
  dispatched_at: Instant | null;
  arrived_at: Instant | null;
  core_info_at: Instant | null;
  submitted_at: Instant | null;
  form: JsonText;
  created_at: Instant;
  updated_at: Instant;
  version: number;
};

export type TaskTable = {
  id: Generated<number>;
  type: string;
  subject_type: string;
  subject_id: number;
  title: string;
  assignee_id: number | null;
  division_code: string;
  due_at: Instant | null;
  status: string;
  priority: string;
  created_at: Instant;
  updated_at: Instant;
  closed_at: Instant | null;
  version: number;
};
