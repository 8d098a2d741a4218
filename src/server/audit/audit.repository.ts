import { sql } from 'kysely';
import type { AuditEventRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

/**
 * Takes the next sequence number and the previous hash. The UPDATE locks the single head row until the
 * transaction ends, so concurrent writers (several server processes on PostgreSQL) append one at a time.
 */
export async function advanceHead(trx: Executor): Promise<{ seq: number; prevHash: string }> {
  const row = await trx
    .updateTable('audit_head')
    .set({ seq: sql`seq + 1` })
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), prevHash: row.hash };
}

export async function appendEvent(trx: Executor, row: AuditEventRow): Promise<void> {
  await trx.insertInto('audit_events').values(row).execute();
  await trx.updateTable('audit_head').set({ hash: row.hash }).where('id', '=', 1).execute();
}

export async function readHead(db: Executor): Promise<{ seq: number; hash: string }> {
  const row = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), hash: row.hash };
}

export async function eventsAfter(db: Executor, seq: number, limit: number): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', seq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export type AuditFilter = {
  actorId?: number | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
  /**
   * Only events whose actor is a user of this jurisdiction subtree (a division-code prefix); events of
   * users elsewhere and of the command line (no actor) are left out. Undefined: every event.
   */
  actorScope?: string | undefined;
  limit: number;
};

/** Newest first, keyset-paged on `seq`. */
export async function listEvents(db: Executor, filter: AuditFilter): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll();
  const { actorScope } = filter;
  if (actorScope !== undefined) {
    query = query.where('actor_id', 'in', (users) =>
      users.selectFrom('users').select('id').where('jurisdiction_code', 'like', `${actorScope}%`),
    );
  }
  if (filter.actorId !== undefined) {
    query = query.where('actor_id', '=', filter.actorId);
  }
  if (filter.entity !== undefined) {
    query = query.where('entity', '=', filter.entity);
  }
  if (filter.entityId !== undefined) {
    query = query.where('entity_id', '=', filter.entityId);
  }
  if (filter.action !== undefined) {
    query = query.where('action', '=', filter.action);
  }
  if (filter.from !== undefined) {
    query = query.where('at', '>=', filter.from);
  }
  if (filter.to !== undefined) {
    query = query.where('at', '<', filter.to);
  }
  if (filter.beforeSeq !== undefined) {
    query = query.where('seq', '<', filter.beforeSeq);
  }
  return query.orderBy('seq', 'desc').limit(filter.limit).execute();
}
