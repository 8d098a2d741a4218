import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/server/audit/audit.service.ts';
import { createTestApp, signIn, type Session, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(async () => {
  await t.close();
});

describe('users', () => {
  it('an admin creates a user who can then log in; the audit event names the change', async () => {
    const response = await admin.post('/api/v1/users', {
      username: 'wang.er',
      displayName: '王二',
      role: 'investigator',
      jurisdictionCode: '141102006000',
      password: 'correct-horse-battery',
    });
    expect(response.statusCode).toBe(201);
    const user = response.json();
    expect(user).toMatchObject({ username: 'wang.er', active: true, version: 1 });
    expect(user).not.toHaveProperty('passwordHash');
    await signIn(t.app, 'wang.er', 'correct-horse-battery');
    const history = await admin.get(`/api/v1/audit-events?entity=user&entityId=${user.id}`);
    const create = history.json().items.find((e: { action: string }) => e.action === 'user.create');
    expect(create.changes.username).toEqual({ after: 'wang.er' });
    expect(create.actorUsername).toBe('admin');
  });

  it('refuses a duplicate username with 409', async () => {
    const response = await admin.post('/api/v1/users', {
      username: 'tracer',
      displayName: 'x',
      role: 'tracer',
      jurisdictionCode: '141102',
      password: 'correct-horse-battery',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details[0].field).toBe('username');
  });

  it('a stale edit gets 409 and overwrites nothing', async () => {
    const list = await admin.get('/api/v1/users?q=investigator');
    const target = list.json().items[0];
    const first = await admin.patch(`/api/v1/users/${target.id}`, {
      version: target.version,
      displayName: '甲',
    });
    expect(first.statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/users/${target.id}`, {
      version: target.version,
      displayName: '乙',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const now = await admin.get(`/api/v1/users/${target.id}`);
    expect(now.json().displayName).toBe('甲');
  });

  it('disabling a user ends their sessions and refuses their login', async () => {
    const disinfector = await t.login('disinfector');
    const found = (await admin.get('/api/v1/users?q=disinfector')).json().items[0];
    const response = await admin.patch(`/api/v1/users/${found.id}`, {
      version: found.version,
      active: false,
    });
    expect(response.statusCode).toBe(200);
    expect((await disinfector.get('/api/v1/auth/me')).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'disinfector', password: 'saolei-demo-2020' },
    });
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
  });

  it('pages with a keyset cursor without repeating or skipping', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await admin.get(url)).json();
      seen.push(...page.items.map((u: { username: string }) => u.username));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await admin.get('/api/v1/users?limit=500'))
      .json()
      .items.map((u: { username: string }) => u.username);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('a failed transaction leaves neither the change nor its audit event', async () => {
    const before = await t.db.kysely.selectFrom('audit_events').select('seq').execute();
    await expect(
      t.db.kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ display_name: 'rolled back' })
          .where('username', '=', 'lab')
          .execute();
        await recordAudit(
          trx,
          { userId: null, username: 'test', ip: null },
          { action: 'user.update', entity: 'user' },
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const after = await t.db.kysely.selectFrom('audit_events').select('seq').execute();
    expect(after.length).toBe(before.length);
    const lab = await t.db.kysely
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'lab')
      .executeTakeFirstOrThrow();
    expect(lab.display_name).not.toBe('rolled back');
  });

  it('jurisdictions: the tree of 离石区 with 田家会街道 and its villages', async () => {
    const session = await t.login('tracer');
    const streets = (await session.get('/api/v1/jurisdictions?parent=141102')).json().items;
    const names = streets.map((d: { name: string }) => d.name);
    expect(names).toEqual(expect.arrayContaining(['田家会街道', '吴城镇']));
    const villages = (await session.get('/api/v1/jurisdictions?parent=141102006000')).json().items;
    expect(villages.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['韩家坡村', '龙马坡村', '安家山村', '马家沟村', '李家山村']),
    );
    const path = (await session.get('/api/v1/jurisdictions/141102006001')).json().path;
    expect(path.map((d: { name: string }) => d.name)).toEqual([
      '山西省',
      '吕梁市',
      '离石区',
      '田家会街道',
      '韩家坡村',
    ]);
  });
});
