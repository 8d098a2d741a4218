import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { AlertRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { personsByIds, presentContactPerson } from '../contacts/contact-view.ts';
import { findAlert, listAlerts, updateAlert } from './alerts.repository.ts';
import type { Alert } from './follow-ups.schema.ts';

async function presentAlerts(trx: Executor, actor: RecordActor, rows: readonly AlertRow[]): Promise<Alert[]> {
  const contacts =
    rows.length === 0
      ? []
      : await trx
          .selectFrom('contacts')
          .select(['id', 'person_id'])
          .where('id', 'in', [...new Set(rows.map((r) => Number(r.contact_id)))])
          .execute();
  const personOf = new Map(contacts.map((c) => [Number(c.id), Number(c.person_id)]));
  const persons = await personsByIds(trx, [...personOf.values()]);
  return rows.flatMap((row) => {
    const person = persons.get(personOf.get(Number(row.contact_id)) ?? 0);
    if (!person) {
      return [];
    }
    const reasons = z.array(z.string()).safeParse(JSON.parse(row.reasons));
    return [
      {
        id: Number(row.id),
        contactId: Number(row.contact_id),
        person: presentContactPerson(actor, person),
        followUpId: row.follow_up_id === null ? null : Number(row.follow_up_id),
        reasons: reasons.success ? reasons.data : [],
        suggestion: row.suggestion === 'transfer' ? 'transfer' : 'sampling',
        status: row.status === 'closed' ? 'closed' : row.status === 'acknowledged' ? 'acknowledged' : 'open',
        note: row.note,
        createdAt: row.created_at,
        acknowledgedAt: row.acknowledged_at,
        acknowledgedBy: row.acknowledged_by,
        closedAt: row.closed_at,
        closedBy: row.closed_by,
        version: row.version,
      },
    ];
  });
}

const cursorSchema = z.object({ id: cursorValue.id });

export async function searchAlerts(
  trx: Executor,
  actor: RecordActor,
  query: {
    status?: string | undefined;
    contactId?: number | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ items: Alert[]; nextCursor: string | null }> {
  const beforeId = cursorOf(query.cursor, cursorSchema)?.id;
  const rows = await listAlerts(trx, {
    scope: actor.scope,
    status: query.status,
    contactId: query.contactId,
    beforeId,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await presentAlerts(trx, actor, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ id: Number(last.id) }) : null,
  };
}

export async function alertsOfContact(
  trx: Executor,
  actor: RecordActor,
  contactId: number,
): Promise<Alert[]> {
  return (await searchAlerts(trx, actor, { contactId, limit: 200 })).items;
}

/** open → acknowledged → closed (or open → closed); a stale version is a 409. */
export async function actOnAlert(
  trx: Executor,
  actor: RecordActor,
  id: number,
  action: 'acknowledge' | 'close',
  input: { version: number; note?: string | undefined },
): Promise<Alert> {
  const row = await findAlert(trx, id, actor.scope);
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: '预警 / alert' } });
  }
  if (row.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: row.version } });
  }
  const to = action === 'acknowledge' ? 'acknowledged' : 'closed';
  const allowed = action === 'acknowledge' ? row.status === 'open' : row.status !== 'closed';
  if (!allowed) {
    throw new AppError('CONFLICT', {
      params: { reason: `${row.status} → ${to}` },
      details: [{ field: 'status', code: 'alert_transition', params: { from: row.status, to } }],
    });
  }
  const at = now();
  const by = actor.username ?? 'system';
  const ok = await updateAlert(trx, id, input.version, {
    status: to,
    ...(input.note === undefined ? {} : { note: input.note }),
    ...(action === 'acknowledge'
      ? { acknowledged_at: at, acknowledged_by: by }
      : { closed_at: at, closed_by: by }),
  });
  if (!ok) {
    throw new AppError('VERSION_CONFLICT');
  }
  await recordAudit(trx, auditOf(actor), {
    action: `alert.${action}`,
    entity: 'alert',
    entityId: id,
    changes: {
      status: { before: row.status, after: to },
      ...(input.note === undefined ? {} : { note: { after: input.note } }),
    },
  });
  const after = await findAlert(trx, id, actor.scope);
  const [alert] = await presentAlerts(trx, actor, after ? [after] : []);
  if (!alert) {
    throw new AppError('NOT_FOUND', { params: { entity: '预警 / alert' } });
  }
  return alert;
}
