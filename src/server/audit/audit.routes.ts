import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { cursorOf, encodeCursor, errorResponses, isoInstant } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { listEvents } from './audit.repository.ts';
import { verifyChain } from './audit.service.ts';

const auditEventSchema = z
  .object({
    seq: z.number(),
    at: z.string(),
    actorId: z.number().nullable(),
    actorUsername: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    changes: z.record(
      z.string(),
      z.object({ before: z.unknown().optional(), after: z.unknown().optional() }),
    ),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

const listQuery = z.strictObject({
  actorId: z.coerce.number().int().positive().optional(),
  entity: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

/** The log's sequence is a bigint: any whole number JavaScript holds exactly. */
const cursorSchema = z.object({ s: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });

export async function auditRoutes(app: App, { db }: Deps): Promise<void> {
  app.get(
    '/api/v1/audit-events',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary:
          'Audit events, newest first; filter by user, record, action and time. An admin reads every ' +
          'event; a commander or lead those of users in their jurisdiction (decision 011)',
        querystring: listQuery,
        response: {
          200: z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      const beforeSeq = cursorOf(cursor, cursorSchema)?.s;
      const actor = requireActor(request);
      const actorScope = actor.role === 'admin' ? undefined : actor.scope;
      const rows = await listEvents(db.kysely, { ...filter, beforeSeq, actorScope, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          seq: Number(row.seq),
          at: row.at,
          actorId: row.actor_id === null ? null : Number(row.actor_id),
          actorUsername: row.actor_username,
          action: row.action,
          entity: row.entity,
          entityId: row.entity_id,
          changes: JSON.parse(row.changes) as Record<string, { before?: unknown; after?: unknown }>,
          ip: row.ip,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor({ s: Number(last.seq) }) : null,
      };
    },
  );

  app.get(
    '/api/v1/audit-events/verify',
    {
      config: { access: 'audit:verify' },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain; names the first altered, inserted or removed event',
        response: {
          200: z.object({
            ok: z.boolean(),
            count: z.number(),
            headHash: z.string().optional(),
            firstBad: z.object({ seq: z.number(), reason: z.string() }).optional(),
          }),
          ...errorResponses,
        },
      },
    },
    async () => verifyChain(db.kysely),
  );
}
