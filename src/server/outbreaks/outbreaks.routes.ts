import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { recordActorOf } from '../persons/persons.routes.ts';
import { z } from 'zod';
import {
  createOutbreakBody,
  listOutbreaksQuery,
  outbreakSchema,
  updateOutbreakBody,
} from './outbreaks.schema.ts';
import { createOutbreak, editOutbreak, getOutbreak, searchOutbreaks } from './outbreaks.service.ts';

export async function outbreaksRoutes(app: App, { db }: Deps): Promise<void> {
  const tags = ['outbreaks'];

  app.get(
    '/api/v1/outbreaks',
    {
      config: { access: 'outbreaks:read' },
      schema: {
        tags,
        summary:
          'Outbreaks of the caller’s jurisdiction and the divisions above it, newest first (keyset paged)',
        querystring: listOutbreaksQuery,
        response: {
          200: z.object({ items: z.array(outbreakSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => searchOutbreaks(db.kysely, recordActorOf(request), request.query),
  );

  app.post(
    '/api/v1/outbreaks',
    {
      config: { access: 'outbreaks:write' },
      schema: {
        tags,
        summary: 'Declare an outbreak with its protocol preset and case-number mask',
        body: createOutbreakBody,
        response: { 201: outbreakSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const outbreak = await db.kysely
        .transaction()
        .execute((trx) => createOutbreak(trx, recordActorOf(request), request.body));
      return reply.status(201).send(outbreak);
    },
  );

  app.get(
    '/api/v1/outbreaks/:id',
    {
      config: { access: 'outbreaks:read' },
      schema: {
        tags,
        summary: 'One outbreak',
        params: idParams,
        response: { 200: outbreakSchema, ...errorResponses },
      },
    },
    async (request) => getOutbreak(db.kysely, recordActorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/outbreaks/:id',
    {
      config: { access: 'outbreaks:write' },
      schema: {
        tags,
        summary: 'Edit an outbreak (send the version you read; a stale version gets 409)',
        params: idParams,
        body: updateOutbreakBody,
        response: { 200: outbreakSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => editOutbreak(trx, recordActorOf(request), request.params.id, request.body)),
  );
}
