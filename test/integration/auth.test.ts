import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('login and sessions', () => {
  it('opens a session that /auth/me describes, with role and jurisdiction', async () => {
    const session = await t.login('investigator');
    const me = await session.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({
      username: 'investigator',
      role: 'investigator',
      jurisdictionName: '离石区',
    });
  });

  it('sets an httpOnly SameSite=Strict cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'lead', password: 'saolei-demo-2020' },
    });
    const header = String(response.headers['set-cookie']);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
  });

  it('refuses a wrong password with a message in the caller’s language', async () => {
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'tracer', password: 'wrong-password-1' },
    });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'nobody-here', password: 'wrong-password-1' },
    });
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('locks the account on the 5th failure: the 6th try and the right password are refused until the lock ends', async () => {
    for (let i = 1; i <= 4; i += 1) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'sampler', password: `wrong-password-${i}` },
      });
      expect(response.statusCode).toBe(401);
    }
    const fifth = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'sampler', password: 'wrong-password-5' },
    });
    expect(fifth.statusCode).toBe(423);
    const sixth = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'sampler', password: 'wrong-password-6' },
    });
    expect(sixth.statusCode).toBe(423);
    expect(sixth.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(sixth.json().error.message).toMatch(/账户已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'sampler', password: 'saolei-demo-2020' },
    });
    expect(right.statusCode).toBe(423);

    await t.db.kysely
      .updateTable('users')
      .set({ locked_until: '2000-01-01T00:00:00.000Z' })
      .where('username', '=', 'sampler')
      .execute();
    const afterLock = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'sampler', password: 'saolei-demo-2020' },
    });
    expect(afterLock.statusCode).toBe(200);
  });

  it('ends the session on logout', async () => {
    const session = await t.login('tracer');
    expect((await session.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('ends sessions idle longer than the idle timeout', async () => {
    const session = await t.login('lab');
    await t.db.kysely.updateTable('sessions').set({ last_seen_at: '2000-01-01T00:00:00.000Z' }).execute();
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('treats a forged or malformed cookie as no session', async () => {
    for (const cookie of [
      'saolei_session=forged-token-that-is-long-enough',
      'saolei_session=x',
      'saolei_session=%%%',
      'garbage',
    ]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const session = await t.login('admin');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_FAILED');
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('refuses a cross-site login post', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'admin', password: 'saolei-demo-2020' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('writes login, failure and logout to the audit log', async () => {
    const admin = await t.login('admin');
    const events = await admin.get('/api/v1/audit-events?entity=user&limit=200');
    const actions = new Set(events.json().items.map((e: { action: string }) => e.action));
    for (const action of ['auth.login', 'auth.login_failed', 'auth.locked', 'auth.logout']) {
      expect(actions.has(action), action).toBe(true);
    }
  });
});

describe('login rate limit', () => {
  it('answers 429 in the error shape past the per-address limit', async () => {
    const limited = await createTestApp({ config: { loginRateLimitPerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const response = await limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'nobody', password: 'x' },
        });
        codes.push(response.statusCode);
        if (response.statusCode === 429) {
          expect(response.json().error.code).toBe('RATE_LIMITED');
        }
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});
