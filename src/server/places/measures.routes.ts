import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import {
  approveBody,
  enforceBody,
  liftBody,
  measureParams,
  measureSchema,
  planDisinfectionBody,
  recommendSuspensionBody,
  recordDisinfectionBody,
} from './measures.schema.ts';
import {
  approveSuspension,
  enforceSuspension,
  liftSuspension,
  measuresOfPlace,
  planDisinfection,
  recommendSuspension,
  recordDisinfection,
} from './measures.service.ts';
import { noticeVisitors, noticeWorkbook } from './notice.ts';

export async function measuresRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['places'];
  const one = { 200: measureSchema, ...errorResponses };
  const created = { 201: measureSchema, ...errorResponses };

  app.get(
    '/api/v1/places/:id/measures',
    {
      config: { access: 'places:read' },
      schema: {
        tags,
        summary: 'Suspensions and terminal disinfections of a place',
        params: idParams,
        response: { 200: z.object({ items: z.array(measureSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await measuresOfPlace(db.kysely, requireActor(request), request.params.id),
    }),
  );

  app.post(
    '/api/v1/places/:id/suspensions',
    {
      config: { access: 'measures:write' },
      schema: {
        tags,
        summary: 'Recommend a suspension of business',
        params: idParams,
        body: recommendSuspensionBody,
        response: created,
      },
    },
    async (request, reply) => {
      const measure = await db.kysely
        .transaction()
        .execute((trx) => recommendSuspension(trx, requireActor(request), request.params.id, request.body));
      return reply.status(201).send(measure);
    },
  );

  app.post(
    '/api/v1/place-measures/:id/approve',
    {
      config: { access: 'measures:approve' },
      schema: {
        tags,
        summary: 'Approve a recommended suspension (commander or lead)',
        params: measureParams,
        body: approveBody,
        response: one,
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) =>
          approveSuspension(trx, requireActor(request), request.params.id, request.body.version),
        ),
  );

  app.post(
    '/api/v1/place-measures/:id/enforce',
    {
      config: { access: 'measures:write' },
      schema: {
        tags,
        summary: 'An approved suspension takes effect',
        params: measureParams,
        body: enforceBody,
        response: one,
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => enforceSuspension(trx, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/place-measures/:id/lift',
    {
      config: { access: 'measures:write' },
      schema: {
        tags,
        summary: 'Lift a suspension in force',
        params: measureParams,
        body: liftBody,
        response: one,
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => liftSuspension(trx, requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/places/:id/disinfections',
    {
      config: { access: 'measures:write' },
      schema: {
        tags,
        summary: 'Plan a terminal disinfection (adds a disinfect task)',
        params: idParams,
        body: planDisinfectionBody,
        response: created,
      },
    },
    async (request, reply) => {
      const measure = await db.kysely
        .transaction()
        .execute((trx) => planDisinfection(trx, requireActor(request), request.params.id, request.body));
      return reply.status(201).send(measure);
    },
  );

  app.post(
    '/api/v1/place-measures/:id/record-disinfection',
    {
      config: { access: 'measures:write' },
      schema: {
        tags,
        summary: 'Record a terminal disinfection as done, with operator and evaluation',
        params: measureParams,
        body: recordDisinfectionBody,
        response: one,
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => recordDisinfection(trx, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/places/:id/notice.xlsx',
    {
      config: { access: 'places:read' },
      schema: {
        tags,
        summary:
          'Visitors of the place during the cases’ windows, as .xlsx for notification (masked per role)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const notice = await noticeVisitors(db.kysely, requireActor(request), request.params.id, config);
      const bytes = await noticeWorkbook(notice.placeName, notice.visitors, config.timeZone);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`${notice.placeName}-到访人员.xlsx`)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );

  app.get(
    '/api/v1/places/:id/notice',
    {
      config: { access: 'places:read' },
      schema: {
        tags,
        summary: 'Visitors of the place during the cases’ windows (masked per role)',
        params: idParams,
        response: {
          200: z.object({
            placeName: z.string(),
            visitors: z.array(
              z.object({
                externalId: z.string(),
                name: z.string().nullable(),
                documentNumber: z.string().nullable(),
                phone: z.string().nullable(),
                firstAt: z.string(),
                lastAt: z.string(),
                caseNumbers: z.array(z.string()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => noticeVisitors(db.kysely, requireActor(request), request.params.id, config),
  );
}
