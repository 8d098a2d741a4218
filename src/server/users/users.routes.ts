import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { auditActorOf } from '../http/actor.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import {
  createUserBody,
  listUsersQuery,
  passwordSchema,
  updateUserBody,
  userSchema,
} from './users.schema.ts';
import {
  createUser,
  editUser,
  getUser,
  resetPassword,
  searchUsers,
  unlockUser,
  type UserManager,
} from './users.service.ts';

function managerOf(request: FastifyRequest): UserManager {
  const actor = requireActor(request);
  return { audit: auditActorOf(actor), scope: actor.scope };
}

export async function usersRoutes(app: App, { db }: Deps): Promise<void> {
  const tags = ['users'];

  app.get(
    '/api/v1/users',
    {
      config: { access: 'users:read' },
      schema: {
        tags,
        summary: 'Users inside the caller’s jurisdiction, by username',
        querystring: listUsersQuery,
        response: {
          200: z.object({ items: z.array(userSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => searchUsers(db.kysely, managerOf(request), request.query),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: 'users:write' },
      schema: {
        tags,
        summary: 'Create a user',
        body: createUserBody,
        response: { 201: userSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await db.kysely
        .transaction()
        .execute((trx) => createUser(trx, managerOf(request), request.body));
      return reply.status(201).send(user);
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: 'users:read' },
      schema: {
        tags,
        summary: 'One user',
        params: idParams,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => getUser(db.kysely, managerOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: 'users:write' },
      schema: {
        tags,
        summary: 'Edit a user (send the version you read; a stale version gets 409)',
        params: idParams,
        body: updateUserBody,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => editUser(trx, managerOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      config: { access: 'users:write' },
      schema: {
        tags,
        summary: 'Set a new password; clears a lock and ends the user’s sessions',
        params: idParams,
        body: z.strictObject({ password: passwordSchema }),
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => resetPassword(trx, managerOf(request), request.params.id, request.body.password)),
  );

  app.post(
    '/api/v1/users/:id/unlock',
    {
      config: { access: 'users:write' },
      schema: {
        tags,
        summary: 'Lift a login lock',
        params: idParams,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely.transaction().execute((trx) => unlockUser(trx, managerOf(request), request.params.id)),
  );
}
