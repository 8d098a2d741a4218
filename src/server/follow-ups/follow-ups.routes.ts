import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { actOnAlert, searchAlerts } from './alerts.service.ts';
import {
  alertActionBody,
  alertSchema,
  dueItemSchema,
  dueQuery,
  followUpBody,
  followUpSchema,
  listAlertsQuery,
  listFollowUpsQuery,
} from './follow-ups.schema.ts';
import { dueFollowUps, recordFollowUp, searchFollowUps } from './follow-ups.service.ts';

const actorOf = (request: FastifyRequest): RecordActor => requireActor(request);

export async function followUpsRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['follow-ups'];
  const settings = { timeZone: config.timeZone, followUpsPerDay: config.followUpsPerDay };

  app.post(
    '/api/v1/contacts/:id/follow-ups',
    {
      config: { access: 'follow-ups:write' },
      schema: {
        tags,
        summary:
          'Record a health check (temperature 35.0–42.0 °C, symptom checklist) of a contact under observation. ' +
          'Fever (≥ 37.3 °C) or any symptom raises an alert (alertId in the answer).',
        params: idParams,
        body: followUpBody,
        response: { 201: followUpSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const followUp = await db.kysely
        .transaction()
        .execute((trx) => recordFollowUp(trx, actorOf(request), request.params.id, request.body, settings));
      return reply.status(201).send(followUp);
    },
  );

  app.get(
    '/api/v1/follow-ups',
    {
      config: { access: 'contacts:read' },
      schema: {
        tags,
        summary:
          'Health checks recorded for contacts inside the caller’s jurisdiction, newest first (keyset paged); ' +
          'filter by contact, day range (from/to, both included) and abnormal (raised an alert)',
        querystring: listFollowUpsQuery,
        response: {
          200: z.object({ items: z.array(followUpSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => searchFollowUps(db.kysely, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/follow-ups/due',
    {
      config: { access: 'contacts:read' },
      schema: {
        tags,
        summary:
          'Contacts under observation on a day (default today, deployment time zone) with fewer follow-ups recorded ' +
          'than expected (the preset’s frequency, else SAOLEI_FOLLOW_UPS_PER_DAY); keyset paging by contact id.',
        querystring: dueQuery,
        response: {
          200: z.object({
            date: z.string(),
            items: z.array(dueItemSchema),
            nextCursor: z.string().nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => dueFollowUps(db.kysely, actorOf(request), request.query, settings),
  );

  app.get(
    '/api/v1/alerts',
    {
      config: { access: 'contacts:read' },
      schema: {
        tags,
        summary:
          'Alerts from follow-ups (fever, symptoms) and positive contact tests, newest first; filter by status or contact',
        querystring: listAlertsQuery,
        response: {
          200: z.object({ items: z.array(alertSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => searchAlerts(db.kysely, actorOf(request), request.query),
  );

  for (const action of ['acknowledge', 'close'] as const) {
    app.post(
      `/api/v1/alerts/:id/${action}`,
      {
        config: { access: 'alerts:write' },
        schema: {
          tags,
          summary:
            action === 'acknowledge'
              ? 'Acknowledge an open alert'
              : 'Close an alert (with what was done in the note)',
          params: idParams,
          body: alertActionBody,
          response: { 200: alertSchema, ...errorResponses },
        },
      },
      async (request) =>
        db.kysely
          .transaction()
          .execute((trx) => actOnAlert(trx, actorOf(request), request.params.id, action, request.body)),
    );
  }
}
