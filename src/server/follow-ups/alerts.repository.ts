import { recordAudit } from '../audit/audit.service.ts';
import type { AlertRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';

export const alertColumns = [
  'alerts.id',
  'alerts.contact_id',
  'alerts.follow_up_id',
  'alerts.reasons',
  'alerts.suggestion',
  'alerts.status',
  'alerts.division_code',
  'alerts.note',
  'alerts.created_at',
  'alerts.acknowledged_at',
  'alerts.acknowledged_by',
  'alerts.closed_at',
  'alerts.closed_by',
  'alerts.version',
] as const;

export type NewAlert = {
  contactId: number;
  followUpId: number | null;
  /** 'fever', 'positive_test' and/or symptom codes. */
  reasons: string[];
  suggestion: 'sampling' | 'transfer';
  divisionCode: string;
};

/** Stores an open alert and audits it in the caller's transaction. */
export async function raiseAlert(trx: Executor, actor: RecordActor, alert: NewAlert): Promise<number> {
  const inserted = await trx
    .insertInto('alerts')
    .values({
      contact_id: alert.contactId,
      follow_up_id: alert.followUpId,
      reasons: JSON.stringify(alert.reasons),
      suggestion: alert.suggestion,
      status: 'open',
      division_code: alert.divisionCode,
      note: null,
      created_at: now(),
      acknowledged_at: null,
      acknowledged_by: null,
      closed_at: null,
      closed_by: null,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  await recordAudit(trx, auditOf(actor), {
    action: 'alert.raise',
    entity: 'alert',
    entityId: id,
    changes: {
      contactId: { after: alert.contactId },
      reasons: { after: alert.reasons },
      suggestion: { after: alert.suggestion },
    },
  });
  return id;
}

export async function findAlert(db: Executor, id: number, scope: string): Promise<AlertRow | undefined> {
  return db
    .selectFrom('alerts')
    .select(alertColumns)
    .where('alerts.id', '=', id)
    .where('alerts.division_code', 'like', `${scope}%`)
    .executeTakeFirst();
}

export async function updateAlert(
  db: Executor,
  id: number,
  version: number,
  patch: Partial<
    Pick<AlertRow, 'status' | 'note' | 'acknowledged_at' | 'acknowledged_by' | 'closed_at' | 'closed_by'>
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('alerts')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listAlerts(
  db: Executor,
  filter: {
    scope: string;
    status?: string | undefined;
    contactId?: number | undefined;
    beforeId?: number | undefined;
    limit: number;
  },
): Promise<AlertRow[]> {
  let query = db
    .selectFrom('alerts')
    .select(alertColumns)
    .where('alerts.division_code', 'like', `${filter.scope}%`);
  if (filter.status !== undefined) {
    query = query.where('alerts.status', '=', filter.status);
  }
  if (filter.contactId !== undefined) {
    query = query.where('alerts.contact_id', '=', filter.contactId);
  }
  if (filter.beforeId !== undefined) {
    query = query.where('alerts.id', '<', filter.beforeId);
  }
  return query.orderBy('alerts.id', 'desc').limit(filter.limit).execute();
}
