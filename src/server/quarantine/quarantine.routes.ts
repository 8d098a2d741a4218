import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { checkOut, placeContact } from './placements.service.ts';
import {
  addRoomsBody,
  boardSchema,
  checkOutBody,
  createSiteBody,
  listSitesQuery,
  placeBody,
  placementSchema,
  siteDetailSchema,
  siteSchema,
  updateSiteBody,
} from './quarantine.schema.ts';
import { releaseCertificate } from './release-certificate.ts';
import { addRooms, createSite, editSite, getSite, listSites, occupancyBoard } from './sites.service.ts';

const actorOf = (request: FastifyRequest): RecordActor => requireActor(request);
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function quarantineRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['quarantine'];

  app.get(
    '/api/v1/quarantine-sites',
    {
      config: { access: 'sites:read' },
      schema: {
        tags,
        summary: 'Quarantine sites inside the caller’s jurisdiction, with capacity and occupancy',
        querystring: listSitesQuery,
        response: {
          200: z.object({ items: z.array(siteSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => listSites(db.kysely, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/quarantine-sites',
    {
      config: { access: 'sites:write' },
      schema: {
        tags,
        summary: 'Create a site (with its rooms)',
        body: createSiteBody,
        response: { 201: siteDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const site = await db.kysely
        .transaction()
        .execute((trx) => createSite(trx, actorOf(request), request.body));
      return reply.status(201).send(site);
    },
  );

  app.get(
    '/api/v1/quarantine-sites/:id',
    {
      config: { access: 'sites:read' },
      schema: {
        tags,
        summary: 'One site with its rooms',
        params: idParams,
        response: { 200: siteDetailSchema, ...errorResponses },
      },
    },
    async (request) => getSite(db.kysely, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/quarantine-sites/:id',
    {
      config: { access: 'sites:write' },
      schema: {
        tags,
        summary: 'Edit a site (send the version you read; the capacity cannot drop below the occupancy)',
        params: idParams,
        body: updateSiteBody,
        response: { 200: siteDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => editSite(trx, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/quarantine-sites/:id/rooms',
    {
      config: { access: 'sites:write' },
      schema: {
        tags,
        summary: 'Add rooms to a site',
        params: idParams,
        body: addRoomsBody,
        response: { 201: siteDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const site = await db.kysely
        .transaction()
        .execute((trx) => addRooms(trx, actorOf(request), request.params.id, request.body.rooms));
      return reply.status(201).send(site);
    },
  );

  app.get(
    '/api/v1/quarantine-sites/:id/board',
    {
      config: { access: 'sites:read' },
      schema: {
        tags,
        summary:
          'Occupancy board: rooms with occupants (masked per role), free beds, occupants due for release today',
        params: idParams,
        response: { 200: boardSchema, ...errorResponses },
      },
    },
    async (request) => occupancyBoard(db.kysely, actorOf(request), request.params.id, config.timeZone),
  );

  app.post(
    '/api/v1/contacts/:id/placements',
    {
      config: { access: 'placements:write' },
      schema: {
        tags,
        summary:
          'Place a notified contact at a site (optionally a room) or at home; the contact becomes placed. A full room ' +
          'or site is 409 naming roomId or siteId. Overdue test days move to the placement day.',
        params: idParams,
        body: placeBody,
        response: { 201: placementSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const placement = await db.kysely
        .transaction()
        .execute((trx) => placeContact(trx, actorOf(request), request.params.id, request.body, config));
      return reply.status(201).send(placement);
    },
  );

  app.post(
    '/api/v1/placements/:id/check-out',
    {
      config: { access: 'placements:write' },
      schema: {
        tags,
        summary:
          'End a placement (transfer to another site); frees the bed. Release and home monitoring check out by themselves.',
        params: idParams,
        body: checkOutBody,
        response: { 200: placementSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => checkOut(trx, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/contacts/:id/release-certificate',
    {
      config: { access: 'contacts:read' },
      schema: {
        tags,
        summary:
          'The 解除隔离医学观察证明 (.docx) of a released contact; the person is masked for roles without personal:read',
        params: idParams,
      },
    },
    async (request, reply) => {
      const file = await db.kysely
        .transaction()
        .execute((trx) => releaseCertificate(trx, actorOf(request), request.params.id, config.timeZone));
      return reply
        .type(DOCX_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );
}
