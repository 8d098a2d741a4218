import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { confirmCandidate, dismissCandidate } from './candidate-decisions.ts';
import {
  candidateSchema,
  confirmBody,
  discoveryRunSchema,
  dismissBody,
  listCandidatesQuery,
  placeCountSchema,
  runDiscoveryBody,
} from './discovery.schema.ts';
import { getRun, listRuns, runDiscovery, searchCandidates } from './discovery.service.ts';

export async function discoveryRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['discovery'];

  app.post(
    '/api/v1/outbreaks/:id/discovery-runs',
    {
      config: { access: 'discovery:run' },
      schema: {
        tags,
        summary: 'Run automatic contact discovery for an outbreak over the imported visit log',
        params: idParams,
        body: runDiscoveryBody,
        response: { 201: discoveryRunSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const run = await runDiscovery(
        db.kysely,
        requireActor(request),
        request.params.id,
        request.body,
        // The server keeps the log it read, clustered, for the next runs (docs/decisions/009).
        { ...config, keepLog: true },
      );
      return reply.status(201).send(run);
    },
  );

  app.get(
    '/api/v1/outbreaks/:id/discovery-runs',
    {
      config: { access: 'discovery:run' },
      schema: {
        tags,
        summary: 'The latest discovery runs of an outbreak, newest first',
        params: idParams,
        response: { 200: z.object({ items: z.array(discoveryRunSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listRuns(db.kysely, requireActor(request), request.params.id) }),
  );

  app.get(
    '/api/v1/discovery-runs/:id',
    {
      config: { access: 'discovery:decide' },
      schema: {
        tags,
        summary: 'One discovery run',
        params: idParams,
        response: { 200: discoveryRunSchema, ...errorResponses },
      },
    },
    async (request) => getRun(db.kysely, requireActor(request), request.params.id),
  );

  app.get(
    '/api/v1/discovery-runs/:id/candidates',
    {
      config: { access: 'discovery:decide' },
      schema: {
        tags,
        summary: 'Candidates of a run (keyset by id) with counts by place',
        params: idParams,
        querystring: listCandidatesQuery,
        response: {
          200: z.object({
            items: z.array(candidateSchema),
            nextCursor: z.string().nullable(),
            countsByPlace: z.array(placeCountSchema),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => searchCandidates(db.kysely, requireActor(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/discovery-candidates/:id/confirm',
    {
      config: { access: 'discovery:decide' },
      schema: {
        tags,
        summary: 'Confirm a candidate: creates the contact with the exposure prefilled',
        params: idParams,
        body: confirmBody,
        response: { 200: candidateSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) =>
          confirmCandidate(trx, requireActor(request), request.params.id, request.body, config),
        ),
  );

  app.post(
    '/api/v1/discovery-candidates/:id/dismiss',
    {
      config: { access: 'discovery:decide' },
      schema: {
        tags,
        summary: 'Dismiss a candidate with a reason',
        params: idParams,
        body: dismissBody,
        response: { 200: candidateSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => dismissCandidate(trx, requireActor(request), request.params.id, request.body)),
  );
}
