import { createHash } from 'node:crypto';

/** The content of one audit event that its hash covers. */
export type AuditContent = {
  seq: number;
  at: string;
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  changes: string;
  ip: string | null;
};

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys in a fixed order and no whitespace, so that a hash never depends on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash = SHA-256(previous hash ‖ canonical content): changing, inserting or removing a row breaks the chain. */
export function chainHash(prevHash: string, content: AuditContent): string {
  const covered: AuditContent = {
    seq: content.seq,
    at: content.at,
    actorId: content.actorId,
    actorUsername: content.actorUsername,
    action: content.action,
    entity: content.entity,
    entityId: content.entityId,
    changes: content.changes,
    ip: content.ip,
  };
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(covered)).digest('hex');
}

export type ChainRow = AuditContent & { prevHash: string; hash: string };

export type ChainBreak = { seq: number; reason: 'sequence_gap' | 'prev_hash_mismatch' | 'hash_mismatch' };

/**
 * Walks rows in sequence order and returns the first break, or null when the chain is intact.
 * `state` carries the last verified hash and sequence number across batches.
 */
export function verifyBatch(
  rows: readonly ChainRow[],
  state: { prevHash: string; seq: number },
): ChainBreak | null {
  for (const row of rows) {
    if (row.seq !== state.seq + 1) {
      return { seq: row.seq, reason: 'sequence_gap' };
    }
    if (row.prevHash !== state.prevHash) {
      return { seq: row.seq, reason: 'prev_hash_mismatch' };
    }
    if (chainHash(row.prevHash, row) !== row.hash) {
      return { seq: row.seq, reason: 'hash_mismatch' };
    }
    state.prevHash = row.hash;
    state.seq = row.seq;
  }
  return null;
}
