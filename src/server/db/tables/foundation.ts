import type { Generated } from 'kysely';

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
