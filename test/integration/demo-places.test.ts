import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { multipartBody } from '../helpers/multipart.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const demoFile = (name: string) => fs.readFileSync(path.join('src/server/demo', name), 'utf8');

describe('demo places and visit file', () => {
  it('links the demo trajectory to places, is idempotent, and the demo visit file finds candidates', async () => {
    await loadDemo(t.db);
    const places = await t.db.kysely
      .selectFrom('places')
      .select(['id', 'venue_code'])
      .orderBy('id')
      .execute();
    expect(places.map((p) => p.venue_code)).toEqual(['LS-YF-0001', 'LS-SC-0002']);
    const linked = await t.db.kysely
      .selectFrom('trajectory_entries')
      .select('place_id')
      .where('place_id', 'is not', null)
      .execute();
    expect(linked).toHaveLength(2);
    const measures = await t.db.kysely.selectFrom('place_measures').select(['kind', 'status']).execute();
    expect(measures).toEqual([{ kind: 'suspension', status: 'recommended' }]);

    const investigator = await t.login('investigator');
    const body = multipartBody([
      { name: 'file', filename: 'visits-demo.csv', value: demoFile('visits-demo.csv') },
      { name: 'personsRef', filename: 'visits-demo-persons.csv', value: demoFile('visits-demo-persons.csv') },
    ]);
    const upload = await investigator.request('POST', '/api/v1/visit-imports', body.payload, body.headers);
    expect(upload.statusCode, upload.body).toBe(202);
    const importId = upload.json<{ id: number }>().id;
    for (let i = 0; i < 100; i++) {
      if (
        (await investigator.get(`/api/v1/visit-imports/${importId}`)).json<{ status: string }>().status !==
        'running'
      ) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await investigator.get(`/api/v1/visit-imports/${importId}`)).json()).toMatchObject({
      status: 'done',
      badRows: 0,
    });
    const outbreak = await t.db.kysely.selectFrom('outbreaks').select('id').executeTakeFirstOrThrow();
    const run = await investigator.post(`/api/v1/outbreaks/${outbreak.id}/discovery-runs`, {});
    expect(run.statusCode, run.body).toBe(201);
    const candidates = await investigator.get(
      `/api/v1/discovery-runs/${run.json<{ id: number }>().id}/candidates?limit=500`,
    );
    const items = candidates.json<{
      items: Array<{ externalPersonId: string; kind: string; placeName: string | null }>;
    }>().items;
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.some((c) => c.externalPersonId === 'D000')).toBe(false);
    expect(new Set(items.filter((c) => c.kind === 'contact').map((c) => c.placeName))).toEqual(
      new Set(['离石区某大药房', '离石区某购物中心']),
    );
    expect(
      items
        .filter((c) => c.kind === 'companion')
        .map((c) => c.externalPersonId)
        .sort(),
    ).toEqual(['D070']);

    await loadDemo(t.db);
    expect(await t.db.kysely.selectFrom('places').select('id').execute()).toHaveLength(2);
  });
});
