import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/server/audit/audit.service.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The actions of the `probe` events a user reads, newest first. */
async function probeActions(username: string): Promise<string[]> {
  const session = await t.login(username);
  const response = await session.get('/api/v1/audit-events?entity=probe&limit=500');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { action: string }[] }>().items.map((event) => event.action);
}

describe('reading the audit log inside a jurisdiction', () => {
  it('shows a commander or lead the events of their jurisdiction’s users, and an admin every event', async () => {
    const admin = await t.login('admin');
    const district = await admin.post('/api/v1/jurisdictions', { code: '141181', name: '孝义市' });
    expect(district.statusCode, district.body).toBe(201);
    const created = await admin.post('/api/v1/users', {
      username: 'xiaoyi.tracer',
      displayName: '孝义追踪',
      role: 'tracer',
      jurisdictionCode: '141181',
      password: 'a-long-enough-password',
    });
    expect(created.statusCode, created.body).toBe(201);
    const ids = await t.db.kysely.selectFrom('users').select(['id', 'username']).execute();
    const idOf = (username: string) => Number(ids.find((u) => u.username === username)?.id);
    await t.db.kysely.transaction().execute(async (trx) => {
      const events: [number | null, string][] = [
        [idOf('investigator'), 'probe.district'],
        [idOf('sampler'), 'probe.street'],
        [idOf('xiaoyi.tracer'), 'probe.other-district'],
        [idOf('admin'), 'probe.city'],
        [null, 'probe.command-line'],
      ];
      for (const [userId, action] of events) {
        await recordAudit(
          trx,
          { userId, username: userId === null ? 'cli' : null, ip: null },
          {
            action,
            entity: 'probe',
          },
        );
      }
    });

    const inDistrict = ['probe.street', 'probe.district'];
    expect(await probeActions('lead')).toEqual(inDistrict);
    expect(await probeActions('commander')).toEqual(inDistrict);
    expect(await probeActions('admin')).toEqual([
      'probe.command-line',
      'probe.city',
      'probe.other-district',
      'probe.street',
      'probe.district',
    ]);
    // Roles without the permission read nothing at all.
    const investigator = await t.login('investigator');
    expect((await investigator.get('/api/v1/audit-events?entity=probe')).statusCode).toBe(403);
  });
});
