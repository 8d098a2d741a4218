import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp({ config: { bodyLimitBytes: 4096 } });
  admin = await t.login('admin');
});
afterAll(async () => {
  await t.close();
});

async function userCount(): Promise<number> {
  const rows = await t.db.kysely.selectFrom('users').select('id').execute();
  return rows.length;
}

const valid = {
  username: 'new.user',
  displayName: '新用户',
  role: 'tracer',
  jurisdictionCode: '141102',
  password: 'a-long-password-1',
};

describe('bad input gets a 4xx naming the field, and writes nothing', () => {
  it('malformed JSON', async () => {
    const before = await userCount();
    const response = await admin.request('POST', '/api/v1/users', undefined, {
      'content-type': 'application/json',
    });
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(response.statusCode).toBe(400);
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('MALFORMED_REQUEST');
    expect(await userCount()).toBe(before);
  });

  it('unknown fields', async () => {
    const response = await admin.post('/api/v1/users', { ...valid, isSuperuser: true });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      expect.objectContaining({ field: 'isSuperuser', code: 'unrecognized_keys' }),
    ]);
  });

  it('wrong types and missing fields, in Chinese by default and in English on request', async () => {
    const zh = await admin.post('/api/v1/users', {
      ...valid,
      role: 'king',
      password: 'short',
      displayName: 42,
    });
    expect(zh.statusCode).toBe(400);
    const fields = zh
      .json()
      .error.details.map((d: { field: string }) => d.field)
      .sort();
    expect(fields).toEqual(['displayName', 'password', 'role']);
    const password = zh.json().error.details.find((d: { field: string }) => d.field === 'password');
    expect(password.message).toBe('密码至少 12 个字符');
    // A field sent with the wrong type is named as such, not as missing.
    const displayName = zh.json().error.details.find((d: { field: string }) => d.field === 'displayName');
    expect(displayName).toEqual({
      field: 'displayName',
      code: 'invalid_type',
      message: '类型错误，应为文本',
    });
    const wrong = await admin.request(
      'POST',
      '/api/v1/users',
      { ...valid, role: null, password: 12 },
      { 'accept-language': 'en' },
    );
    expect(wrong.json().error.details).toEqual([
      { field: 'role', code: 'invalid_value', message: expect.any(String) },
      { field: 'password', code: 'invalid_type', message: 'must be text' },
    ]);
    const en = await admin.request(
      'POST',
      '/api/v1/users',
      { ...valid, username: undefined },
      { 'accept-language': 'en' },
    );
    expect(en.json().error.details).toEqual([
      { field: 'username', code: 'required', message: 'is required' },
    ]);
    expect(en.json().error.message).toBe('Some fields are invalid');
  });

  it('a union’s tag outside its options and a name already taken, in the caller’s language', async () => {
    const lead = await t.login('lead');
    const zh = await lead.post('/api/v1/exports', { kind: 'persons', columns: ['caseNumber'] });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details).toEqual([
      { field: 'kind', code: 'invalid_value', message: '取值无效，可选：cases, contacts' },
    ]);
    const en = await lead.request(
      'POST',
      '/api/v1/exports',
      { kind: 'persons', columns: ['caseNumber'] },
      { 'accept-language': 'en' },
    );
    expect(en.json().error.details[0].message).toBe('must be one of: cases, contacts');
    const created = await admin.post('/api/v1/users', { ...valid, username: 'taken.name' });
    expect(created.statusCode, created.body).toBe(201);
    const taken = await admin.request(
      'POST',
      '/api/v1/users',
      { ...valid, username: 'taken.name' },
      { 'accept-language': 'en' },
    );
    expect(taken.json().error.details).toEqual([
      { field: 'username', code: 'duplicate', message: '"taken.name" already exists' },
    ]);
    const takenZh = await admin.post('/api/v1/users', { ...valid, username: 'taken.name' });
    expect(takenZh.json().error.details[0].message).toBe('“taken.name”已存在');
  });

  it('oversized bodies', async () => {
    const response = await admin.post('/api/v1/users', { ...valid, displayName: 'x'.repeat(10_000) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('unknown jurisdiction and bad query parameters', async () => {
    const response = await admin.post('/api/v1/users', { ...valid, jurisdictionCode: '999999' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0]).toMatchObject({
      field: 'jurisdictionCode',
      code: 'unknown_jurisdiction',
    });
    const query = await admin.get('/api/v1/users?limit=abc&cursor=not-a-cursor');
    expect(query.statusCode).toBe(400);
    expect(query.json().error.details[0].field).toBe('limit');
    const cursor = await admin.get('/api/v1/users?cursor=not-a-cursor');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.details[0].field).toBe('cursor');
  });

  it('impossible dates and times without an offset', async () => {
    for (const from of ['2021-02-30T00:00:00Z', '2021-06-01T10:00:00', 'yesterday']) {
      const response = await admin.get(`/api/v1/audit-events?from=${encodeURIComponent(from)}`);
      expect(response.statusCode, from).toBe(400);
      expect(response.json().error.details[0]).toMatchObject({ field: 'from', code: 'iso_instant' });
    }
    const ok = await admin.get(
      `/api/v1/audit-events?from=${encodeURIComponent('2021-06-01T10:00:00+08:00')}`,
    );
    expect(ok.statusCode).toBe(200);
  });

  it('unknown API paths are a 404 in the error shape', async () => {
    const response = await admin.get('/api/v1/no-such-thing');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});
