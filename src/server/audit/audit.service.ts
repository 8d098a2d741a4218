import { chainHash, verifyBatch, GENESIS_HASH, type ChainBreak } from '../../core/audit/chain.ts';
import type { AuditActor } from '../http/actor.ts';
import type { AuditEventRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { advanceHead, appendEvent, eventsAfter, readHead } from './audit.repository.ts';

export type FieldChange = { before?: unknown; after?: unknown };
export type Changes = Record<string, FieldChange>;

export type AuditInput = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  changes?: Changes;
};

/** Stands in for a personal value in the audit log: the log records that it changed, not what it was. */
export const PERSONAL = '[personal]';

/**
 * Writes one audit event inside the caller's transaction, so that the change and its record commit or
 * roll back together.
 */
export async function recordAudit(trx: Executor, actor: AuditActor, input: AuditInput): Promise<void> {
  const { seq, prevHash } = await advanceHead(trx);
  const content = {
    seq,
    at: now(),
    actorId: actor.userId,
    actorUsername: actor.username,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    changes: JSON.stringify(input.changes ?? {}),
    ip: actor.ip,
  };
  const row: AuditEventRow = {
    seq,
    at: content.at,
    actor_id: content.actorId,
    actor_username: content.actorUsername,
    action: content.action,
    entity: content.entity,
    entity_id: content.entityId,
    changes: content.changes,
    ip: content.ip,
    prev_hash: prevHash,
    hash: chainHash(prevHash, content),
  };
  await appendEvent(trx, row);
}

/**
 * The fields that differ between two versions of a record. Values of `personal` fields are replaced by
 * PERSONAL so that the audit log does not become a second copy of the personal data.
 */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  personal: readonly string[] = [],
): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const a = before?.[key];
    const b = after?.[key];
    if (JSON.stringify(a) === JSON.stringify(b)) {
      continue;
    }
    const hide = personal.includes(key);
    const change: FieldChange = {};
    if (before !== null) {
      change.before = hide && a !== null && a !== undefined ? PERSONAL : (a ?? null);
    }
    if (after !== null) {
      change.after = hide && b !== null && b !== undefined ? PERSONAL : (b ?? null);
    }
    changes[key] = change;
  }
  return changes;
}

export type VerifyResult =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; firstBad: ChainBreak | { seq: number; reason: 'missing_tail' } };

/** Recomputes the whole chain in batches; names the first row that was altered, inserted or removed. */
export async function verifyChain(db: Executor, batchSize = 5000): Promise<VerifyResult> {
  const state = { prevHash: GENESIS_HASH, seq: 0 };
  for (;;) {
    const rows = await eventsAfter(db, state.seq, batchSize);
    const broken = verifyBatch(rows.map(toChainRow), state);
    if (broken) {
      return { ok: false, count: state.seq, firstBad: broken };
    }
    if (rows.length < batchSize) {
      break;
    }
  }
  const head = await readHead(db);
  if (head.seq !== state.seq || head.hash !== state.prevHash) {
    return { ok: false, count: state.seq, firstBad: { seq: state.seq + 1, reason: 'missing_tail' } };
  }
  return { ok: true, count: state.seq, headHash: state.prevHash };
}

function toChainRow(row: AuditEventRow) {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id === null ? null : Number(row.actor_id),
    actorUsername: row.actor_username,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    changes: row.changes,
    ip: row.ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
