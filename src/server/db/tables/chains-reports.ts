import type { Generated } from 'kysely';
import type { Instant, JsonText, Flag } from './foundation.ts';

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
