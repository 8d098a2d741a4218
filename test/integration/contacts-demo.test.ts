import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('demo contacts', () => {
  it('loads the household and venue contacts, a site with placements, an alert, a conversion and a release, once', async () => {
    const lead = await t.login('lead');
    const sites = (await lead.get('/api/v1/quarantine-sites')).json<{
      items: Array<{ id: number; name: string; occupied: number }>;
    }>();
    const site = sites.items.find((s) => s.name === '离石区某宾馆集中隔离点');
    expect(site?.occupied).toBe(4);
    const contacts = (await lead.get('/api/v1/contacts?limit=500')).json<{
      items: Array<{ status: string; convertedCaseId: number | null }>;
    }>();
    expect(contacts.items.some((c) => c.status === 'converted' && c.convertedCaseId !== null)).toBe(true);
    expect(contacts.items.some((c) => c.status === 'released')).toBe(true);
    const alerts = (await lead.get('/api/v1/alerts?status=open')).json<{
      items: Array<{ reasons: string[] }>;
    }>();
    expect(alerts.items.some((a) => a.reasons.includes('fever'))).toBe(true);
    const before = contacts.items.length;
    await loadDemo(t.db);
    const again = (await lead.get('/api/v1/contacts?limit=500')).json<{ items: unknown[] }>();
    expect(again.items).toHaveLength(before);
  });
});
