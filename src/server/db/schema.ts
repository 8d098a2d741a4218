import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Column conventions (docs/decisions/001-storage-conventions.md): instants are ISO 8601 UTC strings with
 * milliseconds, calendar dates are `YYYY-MM-DD`, JSON is a string, booleans are 0/1, ids are integers.
 */
export type Instant = string;
export type JsonText = string;
export type Flag = 0 | 1;

export type DivisionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export type DivisionTable = {
  code: string;
  name: string;
  level: DivisionLevel;
  parent_code: string | null;
  /** The significant digits of the code: a record is inside a division when its code starts with this. */
  scope: string;
};

export type UserTable = {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  jurisdiction_code: string;
  active: Flag;
  password_hash: string;
  failed_logins: number;
  locked_until: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  version: number;
};

export type SessionTable = {
  /** SHA-256 of the cookie token: a stolen database does not hand out live sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Instant;
  last_seen_at: Instant;
  expires_at: Instant;
  ip: string | null;
  user_agent: string | null;
};

export type AuditEventTable = {
  seq: number;
  at: Instant;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  changes: JsonText;
  ip: string | null;
  prev_hash: string;
  hash: string;
};

export type AuditHeadTable = {
  id: number;
  seq: number;
  hash: string;
};

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

export type ClusterTable = {
  /** The cluster's stable key: its index case (`case:<id>`), or its lowest node when it has no case. */
  key: string;
  name: string;
  colour: string;
  updated_at: Instant;
  updated_by: string | null;
  version: number;
};

export type DailyReportTable = {
  id: Generated<number>;
  date: string;
  jurisdiction_code: string;
  number: number;
  author_id: number | null;
  author_name: string;
  created_at: Instant;
  recommendations: string;
  content: JsonText;
  docx: Buffer;
  xlsx: Buffer;
};

export type DailyReportSubmissionTable = {
  id: Generated<number>;
  daily_report_id: number;
  recipients: JsonText;
  submitted_at: Instant;
  submitted_by: number | null;
  submitted_by_name: string;
};

export type ExportTable = {
  id: Generated<number>;
  kind: string;
  columns: JsonText;
  filters: JsonText;
  scope: string;
  masked: Flag;
  status: string;
  rows_total: number;
  rows_done: number;
  file_path: string | null;
  file_size: number | null;
  failure: string | null;
  user_id: number | null;
  username: string | null;
  created_at: Instant;
  finished_at: Instant | null;
};

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

export type Database = {
  divisions: DivisionTable;
  users: UserTable;
  sessions: SessionTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  persons: PersonTable;
  outbreaks: OutbreakTable;
  cases: CaseTable;
  case_classification_history: CaseClassificationHistoryTable;
  investigations: InvestigationTable;
  tasks: TaskTable;
  trajectory_entries: TrajectoryEntryTable;
  evidence_items: EvidenceItemTable;
  report_versions: ReportVersionTable;
  report_submissions: ReportSubmissionTable;
  places: PlaceTable;
  place_measures: PlaceMeasureTable;
  visit_imports: VisitImportTable;
  visit_person_refs: VisitPersonRefTable;
  discovery_runs: DiscoveryRunTable;
  discovery_candidates: DiscoveryCandidateTable;
  contacts: ContactTable;
  exposures: ExposureTable;
  contact_tests: ContactTestTable;
  tracing_attempts: TracingAttemptTable;
  quarantine_sites: QuarantineSiteTable;
  quarantine_rooms: QuarantineRoomTable;
  placements: PlacementTable;
  follow_ups: FollowUpTable;
  alerts: AlertTable;
  clusters: ClusterTable;
  daily_reports: DailyReportTable;
  daily_report_submissions: DailyReportSubmissionTable;
  exports: ExportTable;
  samples: SampleTable;
  sample_pools: SamplePoolTable;
  lab_results: LabResultTable;
  lab_imports: LabImportTable;
  lab_suggestions: LabSuggestionTable;
  key_persons: KeyPersonTable;
  case_discharges: CaseDischargeTable;
};

export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type DivisionRow = Selectable<DivisionTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPersonRow = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type OutbreakRow = Selectable<OutbreakTable>;
export type NewOutbreakRow = Insertable<OutbreakTable>;
export type OutbreakUpdate = Updateable<OutbreakTable>;
export type CaseRow = Selectable<CaseTable>;
export type NewCaseRow = Insertable<CaseTable>;
export type CaseUpdate = Updateable<CaseTable>;
export type CaseClassificationHistoryRow = Selectable<CaseClassificationHistoryTable>;
export type NewCaseClassificationHistoryRow = Insertable<CaseClassificationHistoryTable>;
export type InvestigationRow = Selectable<InvestigationTable>;
export type NewInvestigationRow = Insertable<InvestigationTable>;
export type InvestigationUpdate = Updateable<InvestigationTable>;
export type TaskRow = Selectable<TaskTable>;
export type NewTaskRow = Insertable<TaskTable>;
export type TaskUpdate = Updateable<TaskTable>;
export type TrajectoryEntryRow = Selectable<TrajectoryEntryTable>;
export type NewTrajectoryEntryRow = Insertable<TrajectoryEntryTable>;
export type TrajectoryEntryUpdate = Updateable<TrajectoryEntryTable>;
export type EvidenceItemRow = Selectable<EvidenceItemTable>;
export type NewEvidenceItemRow = Insertable<EvidenceItemTable>;
export type ReportVersionRow = Selectable<ReportVersionTable>;
export type NewReportVersionRow = Insertable<ReportVersionTable>;
export type ReportSubmissionRow = Selectable<ReportSubmissionTable>;
export type NewReportSubmissionRow = Insertable<ReportSubmissionTable>;
export type PlaceRow = Selectable<PlaceTable>;
export type NewPlaceRow = Insertable<PlaceTable>;
export type PlaceUpdate = Updateable<PlaceTable>;
export type PlaceMeasureRow = Selectable<PlaceMeasureTable>;
export type NewPlaceMeasureRow = Insertable<PlaceMeasureTable>;
export type PlaceMeasureUpdate = Updateable<PlaceMeasureTable>;
export type VisitImportRow = Selectable<VisitImportTable>;
export type VisitPersonRefRow = Selectable<VisitPersonRefTable>;
export type DiscoveryRunRow = Selectable<DiscoveryRunTable>;
export type DiscoveryCandidateRow = Selectable<DiscoveryCandidateTable>;
export type NewDiscoveryCandidateRow = Insertable<DiscoveryCandidateTable>;
export type ContactRow = Selectable<ContactTable>;
export type NewContactRow = Insertable<ContactTable>;
export type ContactUpdate = Updateable<ContactTable>;
export type ExposureRow = Selectable<ExposureTable>;
export type NewExposureRow = Insertable<ExposureTable>;
export type ContactTestRow = Selectable<ContactTestTable>;
export type NewContactTestRow = Insertable<ContactTestTable>;
export type TracingAttemptRow = Selectable<TracingAttemptTable>;
export type QuarantineSiteRow = Selectable<QuarantineSiteTable>;
export type QuarantineRoomRow = Selectable<QuarantineRoomTable>;
export type PlacementRow = Selectable<PlacementTable>;
export type FollowUpRow = Selectable<FollowUpTable>;
export type AlertRow = Selectable<AlertTable>;
export type NewDailyReportRow = Insertable<DailyReportTable>;
export type SampleRow = Selectable<SampleTable>;
export type NewSampleRow = Insertable<SampleTable>;
export type LabResultRow = Selectable<LabResultTable>;
export type LabSuggestionRow = Selectable<LabSuggestionTable>;
