import type { Generated } from 'kysely';
import type { Instant, JsonText } from './foundation.ts';

/** A planned or collected sample; `contact_test_id` ties a contact's sample to its planned test. */
export type SampleTable = {
  id: Generated<number>;
  outbreak_id: number | null;
  subject_type: string;
  subject_id: number;
  person_id: number;
  division_code: string;
  source: string;
  plan_ref: string | null;
  contact_test_id: number | null;
  planned_date: string | null;
  window_end: string | null;
  specimen: string;
  replicate: number;
  label: string | null;
  status: string;
  collected_at: Instant | null;
  collected_by: string | null;
  lab: string | null;
  received_at: Instant | null;
  tested_at: Instant | null;
  pool_id: number | null;
  retest_of_pool_id: number | null;
  result: string | null;
  task_id: number | null;
  created_at: Instant;
  updated_at: Instant;
  version: number;
};

export type SamplePoolTable = {
  id: Generated<number>;
  lab: string | null;
  division_code: string;
  size: number;
  status: string;
  result: string | null;
  created_at: Instant;
  created_by: string | null;
  tested_at: Instant | null;
};

export type LabResultTable = {
  id: Generated<number>;
  sample_id: number | null;
  pool_id: number | null;
  method: string;
  target: string;
  ct: number | null;
  result: string;
  tested_at: Instant;
  lab: string | null;
  import_id: number | null;
  entered_by: string | null;
  created_at: Instant;
};

export type LabImportTable = {
  id: Generated<number>;
  file_name: string;
  mapping: JsonText;
  rows: number;
  imported: number;
  bad_rows: JsonText;
  created_at: Instant;
  created_by: string | null;
};

export type LabSuggestionTable = {
  id: Generated<number>;
  kind: string;
  subject_type: string;
  subject_id: number;
  division_code: string;
  /** JSON array of lab_results ids. */
  rests_on: JsonText;
  reason: string;
  status: string;
  created_at: Instant;
  decided_at: Instant | null;
  decided_by: string | null;
  note: string | null;
  version: number;
};

export type KeyPersonTable = {
  id: Generated<number>;
  person_id: number;
  outbreak_id: number;
  reason: string;
  rule: string;
  arrived_at: Instant;
  division_code: string;
  created_at: Instant;
  updated_at: Instant;
  version: number;
};

export type CaseDischargeTable = {
  id: Generated<number>;
  case_id: number;
  discharge_date: string;
  created_at: Instant;
  updated_at: Instant;
  version: number;
};
