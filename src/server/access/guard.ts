import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/connect.ts';
import { AppError } from '../errors/app-error.ts';
import { authenticate } from '../auth/auth.service.ts';
import type { Actor } from '../http/actor.ts';
import { can, type Permission } from './roles.ts';

/**
 * What a route requires: `public` (no session), `session` (any signed-in user), or one permission.
 * Every route under /api/v1 must say which; a route that does not is refused at start-up (fail closed).
 */
export type Access = 'public' | 'session' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'saolei_session';
export const CSRF_HEADER = 'x-csrf-token';

export type RegisteredRoute = { method: string; url: string; access: Access };

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Installs authentication, authorization and CSRF checks for every route, and lists the routes it guards. */
export function installGuard(app: FastifyInstance, db: Db, config: Config): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/')) {
      return;
    }
    const access = route.config?.access ?? (route.url.startsWith('/api/docs') ? 'public' : undefined);
    if (access === undefined) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') {
        routes.push({ method, url: route.url, access });
      }
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') {
      return;
    }
    const actor = await actorOf(request, db, config);
    if (!actor) {
      throw new AppError('UNAUTHENTICATED');
    }
    if (access !== 'session' && !can(actor.role, access)) {
      throw new AppError('FORBIDDEN');
    }
    if (unsafeMethods.has(request.method) && request.headers[CSRF_HEADER] !== actor.csrfToken) {
      throw new AppError('CSRF_FAILED');
    }
    request.actor = actor;
  });

  return routes;
}

async function actorOf(request: FastifyRequest, db: Db, config: Config): Promise<Actor | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (typeof token !== 'string' || token.length < 20 || token.length > 100) {
    return null;
  }
  return authenticate(db, config, token, request.ip);
}

/** The signed-in user of a guarded route; the guard has already refused requests without one. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) {
    throw new AppError('UNAUTHENTICATED');
  }
  return request.actor;
}
