import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { permissionsOf } from '../access/roles.ts';
import { requireActor, SESSION_COOKIE } from '../access/guard.ts';
import { AppError } from '../errors/app-error.ts';
import type { Actor } from '../http/actor.ts';
import { errorResponses } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { findDivision } from '../jurisdictions/jurisdictions.repository.ts';
import { loginBody, meSchema, type Me } from './auth.schema.ts';
import { login, logout } from './auth.service.ts';

export async function authRoutes(app: App, { db, config }: Deps): Promise<void> {
  const secure = (request: FastifyRequest) =>
    config.secureCookies === 'true' || (config.secureCookies === 'auto' && request.protocol === 'https');

  const describe = async (actor: Actor): Promise<Me> => {
    const division = await findDivision(db.kysely, actor.jurisdictionCode);
    return {
      user: {
        id: actor.userId,
        username: actor.username,
        displayName: actor.displayName,
        role: actor.role,
        jurisdictionCode: actor.jurisdictionCode,
        jurisdictionName: division?.name ?? actor.jurisdictionCode,
        permissions: permissionsOf(actor.role),
      },
      csrfToken: actor.csrfToken,
      timeZone: config.timeZone,
    };
  };

  app.post(
    '/api/v1/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the session cookie',
        body: loginBody,
        response: { 200: meSchema, ...errorResponses, 423: errorResponses[400] },
      },
    },
    async (request, reply) => {
      assertSameOrigin(request);
      const result = await login(db, config, request.body.username, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      void reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: secure(request),
        expires: new Date(result.expiresAt),
      });
      return describe(result.actor);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply: FastifyReply) => {
      await logout(db, requireActor(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request) => describe(requireActor(request)),
  );
}

/** Login has no session to carry a CSRF token yet: refuse a cross-site form posting credentials instead. */
function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) {
    return;
  }
  try {
    if (new URL(origin).host !== request.host) {
      throw new AppError('CSRF_FAILED');
    }
  } catch (error) {
    if (error instanceof AppError) {
      throw error;
    }
    throw new AppError('CSRF_FAILED');
  }
}
