import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, type Permission } from '../../src/server/access/roles.ts';
import { demoUsers } from '../../src/server/demo/demo.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';

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

/** What a forger might put in place of each value of a real cursor. */
const forgeries: Record<string, unknown[]> = {
  string: ['not a time', '9999-99-99', '2020-02-30', "'; select 1; --", ''],
  number: [1.5, -1, 2 ** 53, 1e300],
};

/**
 * Every keyset-paged list without path parameters, as a role that may read it: the first page of one row
 * gives a real cursor; each value of it is then replaced by the forgeries of its type. The answer is a
 * page or a 400, never the database's error as a 500 (on PostgreSQL a text compared with a timestamp
 * column or an integer out of range fails in the database).
 */
describe('a forged cursor', () => {
  it('never reaches the database as a 500 on any list', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
    }>();
    const exercised: string[] = [];
    for (const route of t.routes) {
      const operation = document.paths[route.url]?.get;
      if (route.method !== 'GET' || route.url.includes(':') || route.access === 'public' || !operation) {
        continue;
      }
      if (!operation.parameters?.some((p) => p.in === 'query' && p.name === 'cursor')) {
        continue;
      }
      const permission = route.access as Permission | 'session';
      const role = demoUsers.find(
        (u) => permission === 'session' || permissionsOf(u.role).includes(permission),
      )?.role;
      const session = role === undefined ? undefined : sessions.get(role);
      if (!session) {
        continue;
      }
      const first = await session.get(`${route.url}?limit=1`);
      const cursor =
        first.statusCode === 200 ? first.json<{ nextCursor?: string | null }>().nextCursor : null;
      if (typeof cursor !== 'string') {
        continue;
      }
      const real = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
      for (const [key, value] of Object.entries(real)) {
        for (const forged of forgeries[typeof value] ?? []) {
          const token = Buffer.from(JSON.stringify({ ...real, [key]: forged })).toString('base64url');
          const response = await session.get(`${route.url}?limit=1&cursor=${token}`);
          expect([200, 400], `${route.url} ${key}=${JSON.stringify(forged)}: ${response.body}`).toContain(
            response.statusCode,
          );
        }
      }
      exercised.push(route.url);
    }
    // The demo has at least two rows in these, so their first page has a cursor to forge.
    expect(exercised).toEqual(
      expect.arrayContaining([
        '/api/v1/audit-events',
        '/api/v1/cases',
        '/api/v1/contacts',
        '/api/v1/persons',
        '/api/v1/places',
        '/api/v1/samples',
        '/api/v1/tasks',
        '/api/v1/users',
      ]),
    );
  });
});
