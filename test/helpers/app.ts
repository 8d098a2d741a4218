import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp, type BuiltApp } from '../../src/server/app.ts';
import { loadConfig, type Config, type ConfigInput } from '../../src/server/config/config.ts';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/demo.ts';
import type { App } from '../../src/server/http/types.ts';
import { createTestDb, type TestDb } from './db.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in client: the session cookie and CSRF token ride along on every request. */
export type Session = {
  username: string;
  cookie: string;
  csrfToken: string;
  request: (
    method: Method,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
  get: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
};

export type TestApp = BuiltApp & {
  db: TestDb;
  config: Config;
  login: (username: string, password?: string) => Promise<Session>;
  close: () => Promise<void>;
};

/** The whole server on a fresh database, with the demo jurisdictions and accounts loaded unless `empty`. */
export async function createTestApp(
  options: { empty?: boolean; config?: Partial<ConfigInput> } = {},
): Promise<TestApp> {
  const db = await createTestDb();
  const config = loadConfig(
    {},
    {
      dataDir: db.dataDir,
      logLevel: 'silent',
      rateLimitPerMinute: 100_000,
      loginRateLimitPerMinute: 100_000,
      webDist: `${db.dataDir}/no-web`,
      ...options.config,
    },
  );
  if (!options.empty) {
    await loadDemo(db);
  }
  const built = await buildApp(config, db, { logger: false });
  const login = async (username: string, password = DEMO_PASSWORD) => signIn(built.app, username, password);
  return {
    ...built,
    db,
    config,
    login,
    close: async () => {
      await built.app.close();
      await db.drop();
    },
  };
}

export async function signIn(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  expect(response.statusCode, response.body).toBe(200);
  const setCookie = response.cookies.find((c) => c.name === 'saolei_session');
  if (!setCookie) {
    throw new Error('login set no session cookie');
  }
  const cookie = `saolei_session=${setCookie.value}`;
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  const request: Session['request'] = (method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { cookie, 'x-csrf-token': csrfToken, ...headers },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
  return {
    username,
    cookie,
    csrfToken,
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, body) => request('POST', url, body),
    patch: (url, body) => request('PATCH', url, body),
  };
}
