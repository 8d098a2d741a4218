import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { auditActorOf } from '../http/actor.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import {
  createPlaceBody,
  exposureWindowSchema,
  linkEntryBody,
  listPlacesQuery,
  placeSchema,
  updatePlaceBody,
} from './places.schema.ts';
import {
  createPlace,
  editPlace,
  exposureWindowsOfPlace,
  getPlace,
  linkEntryToPlace,
  searchPlaces,
  type PlaceActor,
} from './places.service.ts';

export function placeActorOf(request: FastifyRequest): PlaceActor {
  const actor = requireActor(request);
  return { audit: auditActorOf(actor), scope: actor.scope };
}

export async function placesRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['places'];

  app.get(
    '/api/v1/places',
    {
      config: { access: 'places:read' },
      schema: {
        tags,
        summary: 'Places inside the caller’s jurisdiction by name; filters type, division and text',
        querystring: listPlacesQuery,
        response: {
          200: z.object({ items: z.array(placeSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => searchPlaces(db.kysely, placeActorOf(request), request.query),
  );

  app.post(
    '/api/v1/places',
    {
      config: { access: 'places:write' },
      schema: {
        tags,
        summary: 'Register a place',
        body: createPlaceBody,
        response: { 201: placeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const place = await db.kysely
        .transaction()
        .execute((trx) => createPlace(trx, placeActorOf(request), request.body));
      return reply.status(201).send(place);
    },
  );

  app.get(
    '/api/v1/places/:id',
    {
      config: { access: 'places:read' },
      schema: {
        tags,
        summary: 'One place',
        params: idParams,
        response: { 200: placeSchema, ...errorResponses },
      },
    },
    async (request) => getPlace(db.kysely, placeActorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/places/:id',
    {
      config: { access: 'places:write' },
      schema: {
        tags,
        summary: 'Edit or archive a place (send the version you read; a stale version gets 409)',
        params: idParams,
        body: updatePlaceBody,
        response: { 200: placeSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => editPlace(trx, placeActorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/places/:id/link-entry',
    {
      config: { access: 'trajectories:write' },
      schema: {
        tags,
        summary: 'Link a case’s trajectory entry to this place',
        params: idParams,
        body: linkEntryBody,
        response: { 200: z.object({ entryId: z.number(), placeId: z.number() }), ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) =>
          linkEntryToPlace(trx, placeActorOf(request), request.params.id, request.body.entryId),
        ),
  );

  app.get(
    '/api/v1/places/:id/exposure-windows',
    {
      config: { access: 'places:read' },
      schema: {
        tags,
        summary: 'The windows cases’ trajectories put on the place, inside each case’s look-back window',
        params: idParams,
        response: { 200: z.object({ items: z.array(exposureWindowSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await exposureWindowsOfPlace(
        db.kysely,
        placeActorOf(request),
        request.params.id,
        config.timeZone,
      ),
    }),
  );
}
