import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import {
  createPersonBody,
  duplicatesQuery,
  listPersonsQuery,
  personSchema,
  personWriteErrors,
  revealBody,
  updatePersonBody,
} from './persons.schema.ts';
import {
  createPerson,
  editPerson,
  findDuplicates,
  getPerson,
  listPersons,
  revealPerson,
} from './persons.service.ts';
import type { RecordActor } from './record-actor.ts';

export function recordActorOf(request: FastifyRequest): RecordActor {
  return requireActor(request);
}

export async function personsRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['persons'];
  const list = z.object({ items: z.array(personSchema), nextCursor: z.string().nullable() });

  app.get(
    '/api/v1/persons',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary:
          'Search persons by name, document number or phone; newest first, masked per role and jurisdiction',
        querystring: listPersonsQuery,
        response: { 200: list, ...errorResponses },
      },
    },
    async (request) => listPersons(db.kysely, recordActorOf(request), request.query),
  );

  app.get(
    '/api/v1/persons/duplicates',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary:
          'Likely duplicates of a person about to be saved: same name with the same phone or birth date',
        querystring: duplicatesQuery,
        response: { 200: z.object({ items: z.array(personSchema) }), ...errorResponses },
      },
    },
    async (request) => findDuplicates(db.kysely, recordActorOf(request), request.query),
  );

  app.post(
    '/api/v1/persons',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Create a person; a document number already on file answers 409 with error.existingId',
        body: createPersonBody,
        response: { 201: personSchema, ...personWriteErrors },
      },
    },
    async (request, reply) => {
      const person = await db.kysely
        .transaction()
        .execute((trx) => createPerson(trx, recordActorOf(request), request.body, config));
      return reply.status(201).send(person);
    },
  );

  app.get(
    '/api/v1/persons/:id',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary: 'One person',
        params: idParams,
        response: { 200: personSchema, ...errorResponses },
      },
    },
    async (request) => getPerson(db.kysely, recordActorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/persons/:id',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Edit a person (send the version you read; a stale version gets 409)',
        params: idParams,
        body: updatePersonBody,
        response: { 200: personSchema, ...personWriteErrors },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => editPerson(trx, recordActorOf(request), request.params.id, request.body, config)),
  );

  app.post(
    '/api/v1/persons/:id/reveal',
    {
      config: { access: 'personal:reveal' },
      schema: {
        tags,
        summary: 'Break the glass: the unmasked record, with the reason written to the audit log',
        params: idParams,
        body: revealBody,
        response: { 200: personSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => revealPerson(trx, recordActorOf(request), request.params.id, request.body.reason)),
  );
}
