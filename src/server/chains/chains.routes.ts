import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { errorResponses } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { chainsQuery, chainsResponse, clusterKeyParams, patchClusterBody } from './chains.schema.ts';
import { chainsOf, patchCluster } from './chains.service.ts';

export function recordActorOf(request: FastifyRequest): RecordActor {
  const actor = requireActor(request);
  return {
    userId: actor.userId,
    username: actor.username,
    role: actor.role,
    scope: actor.scope,
    ip: actor.ip,
  };
}

export async function chainsRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['chains'];

  app.get(
    '/api/v1/chains',
    {
      config: { access: 'records:read' },
      schema: {
        tags,
        summary:
          'Transmission chains computed now: nodes, exposure/conversion/co-exposure edges, clusters, serial intervals, histogram, onset checks',
        querystring: chainsQuery,
        response: { 200: chainsResponse, ...errorResponses },
      },
    },
    async (request) => chainsOf(db.kysely, recordActorOf(request), request.query, config),
  );

  app.patch(
    '/api/v1/clusters/:key',
    {
      config: { access: 'clusters:write' },
      schema: {
        tags,
        summary: 'Name and colour a cluster (version 0 the first time)',
        params: clusterKeyParams,
        body: patchClusterBody,
        response: {
          200: z.object({ key: z.string(), name: z.string(), colour: z.string(), version: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => patchCluster(trx, recordActorOf(request), request.params.key, request.body)),
  );
}
