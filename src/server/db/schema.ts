import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  DivisionTable,
  UserTable,
  SessionTable,
  AuditEventTable,
  AuditHeadTable,
} from './tables/foundation.ts';
import type {
  PersonTable,
  OutbreakTable,
  CaseTable,
  CaseClassificationHistoryTable,
  InvestigationTable,
  TaskTable,
} from './tables/cases.ts';
import type {
  TrajectoryEntryTable,
  EvidenceItemTable,
  ReportVersionTable,
  ReportSubmissionTable,
} from './tables/trajectory-reports.ts';
import type {
  PlaceTable,
  PlaceMeasureTable,
  VisitImportTable,
  VisitPersonRefTable,
  DiscoveryRunTable,
  DiscoveryCandidateTable,
} from './tables/places-discovery.ts';
import type {
  ContactTable,
  ExposureTable,
  ContactTestTable,
  TracingAttemptTable,
  QuarantineSiteTable,
  QuarantineRoomTable,
  PlacementTable,
  FollowUpTable,
  AlertTable,
} from './tables/contacts-quarantine.ts';
import type {
  ClusterTable,
  DailyReportTable,
  DailyReportSubmissionTable,
  ExportTable,
} from './tables/chains-reports.ts';
import type {
  SampleTable,
  SamplePoolTable,
  LabResultTable,
  LabImportTable,
  LabSuggestionTable,
  KeyPersonTable,
  CaseDischargeTable,
} from './tables/samples.ts';
import type {
  DashboardCaseHourTable,
  DashboardCaseOnsetTable,
  DashboardConfirmationTable,
  DashboardContactCountTable,
  DashboardObservationTable,
  DashboardContactsPerCaseTable,
  DashboardSampleCountTable,
} from './tables/dashboard-counters.ts';

/**
 * The database: one interface built from the per-feature table types in ./tables/. Column conventions
 * (docs/decisions/001-storage-conventions.md): instants are ISO 8601 UTC strings, dates `YYYY-MM-DD`, JSON a
 * string, booleans 0/1, ids integers.
 */
export type * from './tables/foundation.ts';
export type * from './tables/cases.ts';
export type * from './tables/trajectory-reports.ts';
export type * from './tables/places-discovery.ts';
export type * from './tables/contacts-quarantine.ts';
export type * from './tables/chains-reports.ts';
export type * from './tables/samples.ts';
export type * from './tables/dashboard-counters.ts';

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
  dashboard_case_hours: DashboardCaseHourTable;
  dashboard_case_onsets: DashboardCaseOnsetTable;
  dashboard_confirmations: DashboardConfirmationTable;
  dashboard_contact_counts: DashboardContactCountTable;
  dashboard_observation: DashboardObservationTable;
  dashboard_contacts_per_case: DashboardContactsPerCaseTable;
  dashboard_sample_counts: DashboardSampleCountTable;
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
