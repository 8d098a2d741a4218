import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, roles, type Permission } from '../../src/server/access/roles.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { demoUsers } from '../../src/server/demo/demo.ts';

let t: TestApp;
const sessions = new Map<string, Session>();

beforeAll(async () => {
  t = await createTestApp();
  for (const user of demoUsers) {
    sessions.set(user.role, await t.login(user.username));
  }
});
afterAll(async () => {
  await t.close();
});

/** Fills path parameters with plausible values: the guard answers before anything looks them up. */
function concrete(url: string): string {
  return url
    .replace(/:code/g, '141102')
    .replace(/:[A-Za-z]+/g, '1')
    .replace(/\*$/, 'x');
}

describe('every registered route is guarded', () => {
  it('declares an access rule (a route without one stops start-up)', () => {
    expect(t.routes.length).toBeGreaterThan(10);
    for (const route of t.routes) {
      expect(route.access, `${route.method} ${route.url}`).toBeDefined();
    }
  });

  it('answers 401 in the error shape without a session', async () => {
    for (const route of t.routes.filter((r) => r.access !== 'public')) {
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 for every role that lacks the route’s permission', async () => {
    let checked = 0;
    for (const route of t.routes) {
      if (route.access === 'public' || route.access === 'session') {
        continue;
      }
      const permission: Permission = route.access;
      for (const role of roles) {
        if (permissionsOf(role).includes(permission)) {
          continue;
        }
        const session = sessions.get(role);
        if (!session) {
          throw new Error(`no demo user with role ${role}`);
        }
        const response = await session.request(
          route.method as 'GET',
          concrete(route.url),
          route.method === 'GET' ? undefined : {},
        );
        expect(response.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('GET /api/v1/users: 401 without a session, 403 for a tracer, 200 for the admin', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
    expect((await sessions.get('tracer')?.get('/api/v1/users'))?.statusCode).toBe(403);
    expect((await sessions.get('admin')?.get('/api/v1/users'))?.statusCode).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('describes every registered API route', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ paths: Record<string, Record<string, unknown>> }>();
    for (const route of t.routes) {
      if (route.url.startsWith('/api/docs') || route.url === '/api/openapi.json') {
        continue;
      }
      const openapiPath = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(
        document.paths[openapiPath]?.[route.method.toLowerCase()],
        `${route.method} ${route.url}`,
      ).toBeDefined();
    }
  });

  it('serves the docs page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});

describe('security headers', () => {
  it('are on API and page responses', async () => {
    for (const url of ['/api/health', '/', '/cases']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('same-origin');
      expect(response.headers['x-frame-options'], url).toBe('DENY');
    }
  });
});
