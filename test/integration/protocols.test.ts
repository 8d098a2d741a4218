import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetIds } from '../../src/core/protocols/ids.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let tracer: Session;
beforeAll(async () => {
  t = await createTestApp();
  tracer = await t.login('tracer');
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/protocols/:id/plan', () => {
  it('the covid-ed8 example: 14 days centralized, 7 days at home, tests on days 1, 4, 7, 14 and 2, 7', async () => {
    const response = await tracer.get(
      '/api/v1/protocols/covid-ed8/plan?kind=close&lastExposure=2021-06-01T10:00:00%2B08:00',
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      phases: [
        { type: 'centralized', start: '2021-06-02', end: '2021-06-15' },
        { type: 'home_monitoring', start: '2021-06-16', end: '2021-06-22' },
      ],
      tests: [
        { phase: 'centralized', dayOfPhase: 1, date: '2021-06-02' },
        { phase: 'centralized', dayOfPhase: 4, date: '2021-06-05' },
        { phase: 'centralized', dayOfPhase: 7, date: '2021-06-08' },
        { phase: 'centralized', dayOfPhase: 14, date: '2021-06-15' },
        { phase: 'home_monitoring', dayOfPhase: 2, date: '2021-06-17' },
        { phase: 'home_monitoring', dayOfPhase: 7, date: '2021-06-22' },
      ],
      determined: true,
    });
  });

  it('counts in the deployment time zone: 16:00 UTC is already the next day in Shanghai', async () => {
    const before = await tracer.get(
      '/api/v1/protocols/covid-ed8/plan?kind=secondary&lastExposure=2021-06-01T15:59:59Z',
    );
    const after = await tracer.get(
      '/api/v1/protocols/covid-ed8/plan?kind=secondary&lastExposure=2021-06-01T16:00:00Z',
    );
    expect(before.json().phases).toEqual([{ type: 'centralized', start: '2021-06-02', end: '2021-06-08' }]);
    expect(after.json().phases).toEqual([{ type: 'centralized', start: '2021-06-03', end: '2021-06-09' }]);
  });

  it('answers determined: false with no phases where the preset decides nothing', async () => {
    for (const [id, kind] of [
      ['covid-ed10', 'close'],
      ['covid-ed10', 'secondary'],
      ['covid-2022-11', 'secondary'],
      ['covid-2022-12', 'secondary'],
    ]) {
      const response = await tracer.get(
        `/api/v1/protocols/${id}/plan?kind=${kind}&lastExposure=2023-01-10T08:00:00Z`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.json(), `${id} ${kind}`).toEqual({ phases: [], tests: [], determined: false });
    }
  });

  it('every preset is reachable, in full and as a plan, by every role', async () => {
    const sampler = await t.login('sampler');
    for (const id of presetIds) {
      const full = await sampler.get(`/api/v1/protocols/${id}`);
      expect(full.statusCode, id).toBe(200);
      expect(full.json()).toMatchObject({ id, overlays: [] });
      for (const kind of ['close', 'secondary']) {
        const plan = await sampler.get(
          `/api/v1/protocols/${id}/plan?kind=${kind}&lastExposure=2022-12-31T23:00:00Z`,
        );
        expect(plan.statusCode, `${id} ${kind}`).toBe(200);
        expect(typeof plan.json().determined).toBe('boolean');
      }
    }
  });

  it('an overlay can be named; the demo overlay leaves quarantine unchanged', async () => {
    const plain = await tracer.get(
      '/api/v1/protocols/covid-ed2/plan?kind=close&lastExposure=2020-01-25T03:00:00%2B08:00',
    );
    const layered = await tracer.get(
      '/api/v1/protocols/covid-ed2/plan?kind=close&lastExposure=2020-01-25T03:00:00%2B08:00&overlay=lishi-2020',
    );
    expect(layered.statusCode).toBe(200);
    expect(layered.json()).toEqual(plain.json());
    expect(plain.json().phases).toEqual([
      { type: 'medical_observation', start: '2020-01-26', end: '2020-02-08' },
    ]);
  });
});

describe('GET /api/v1/protocols', () => {
  it('lists the presets oldest first with their sources and uncertain numbers, and the overlays', async () => {
    const response = await (await t.login('disinfector')).get('/api/v1/protocols');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items.map((p: { id: string }) => p.id)).toEqual([...presetIds]);
    const ed9 = body.items.find((p: { id: string }) => p.id === 'covid-ed9');
    expect(ed9).toMatchObject({
      effectiveDate: '2022-06-28',
      source: { 'zh-CN': expect.stringContaining('第九版') },
    });
    expect(ed9.certaintyNotes[0]).toMatchObject({ subject: 'lookBack.onset', certainty: 'disputed' });
    expect(body.overlays).toEqual([
      expect.objectContaining({
        id: 'lishi-2020',
        jurisdictionCode: '141102',
        certainty: 'local',
        appliesTo: null,
      }),
    ]);
  });

  it('the full preset carries phases, test days, specimens and double sampling', async () => {
    const response = await tracer.get('/api/v1/protocols/covid-ed8');
    const close = response.json().close;
    expect(close.phases.map((p: { type: string; days: number }) => [p.type, p.days])).toEqual([
      ['centralized', 14],
      ['home_monitoring', 7],
    ]);
    const layered = (await tracer.get('/api/v1/protocols/covid-ed8?overlay=lishi-2020')).json();
    expect(layered.overlays).toEqual(['lishi-2020']);
    expect(layered.discharge.sampling).toHaveLength(3);
    expect(close.phases[0].tests[3]).toMatchObject({
      day: 14,
      doubleSampling: true,
      specimens: ['nasopharyngeal_swab'],
    });
  });
});

describe('GET /api/v1/protocols/:id/discharge-plan', () => {
  it('the demo overlay: week 2 and 4 swabs, day-28 serum, anal and throat swabs', async () => {
    const response = await tracer.get(
      '/api/v1/protocols/covid-ed2/discharge-plan?dischargeDate=2020-02-20&overlay=lishi-2020',
    );
    expect(response.statusCode, response.body).toBe(200);
    const samplings = response.json().events.filter((e: { kind: string }) => e.kind === 'sampling');
    expect(
      samplings.map((e: { start: string; end: string; specimens: string[] }) => [
        e.start,
        e.end,
        e.specimens,
      ]),
    ).toEqual([
      ['2020-02-28', '2020-03-05', ['throat_swab', 'anal_swab']],
      ['2020-03-13', '2020-03-19', ['throat_swab', 'anal_swab']],
      ['2020-03-19', '2020-03-19', ['serum', 'anal_swab', 'throat_swab']],
    ]);
  });
});

describe('bad input is a 4xx naming the field', () => {
  const fieldsOf = (body: { error: { details: { field?: string; code: string }[] } }): string[] =>
    body.error.details.map((d) => `${d.field ?? ''}:${d.code}`);

  it('an unknown preset is a 404 naming the id', async () => {
    const response = await tracer.get(
      '/api/v1/protocols/covid-ed11/plan?kind=close&lastExposure=2021-06-01T10:00:00Z',
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
    expect(fieldsOf(response.json())).toEqual(['id:unknown_preset']);
    expect((await tracer.get('/api/v1/protocols/nothing')).statusCode).toBe(404);
  });

  it('a bad kind, a missing or malformed instant, an unknown overlay or an unknown parameter', async () => {
    const base = '/api/v1/protocols/covid-ed8/plan';
    const cases: Array<[string, string]> = [
      [`${base}?kind=tertiary&lastExposure=2021-06-01T10:00:00Z`, 'kind:invalid_value'],
      [`${base}?kind=close`, 'lastExposure:required'],
      [`${base}?kind=close&lastExposure=2021-06-01`, 'lastExposure:iso_instant'],
      [`${base}?kind=close&lastExposure=2021-06-01T10:00:00`, 'lastExposure:iso_instant'],
      [`${base}?kind=close&lastExposure=2021-02-30T10:00:00Z`, 'lastExposure:iso_instant'],
      [`${base}?kind=close&lastExposure=2021-06-01T10:00:00Z&overlay=nowhere`, 'overlay:unknown_overlay'],
      [`${base}?kind=close&lastExposure=2021-06-01T10:00:00Z&timeZone=UTC`, 'timeZone:unrecognized_keys'],
      ['/api/v1/protocols/covid-ed8/discharge-plan?dischargeDate=2021-06-31', 'dischargeDate:iso_date'],
    ];
    for (const [url, expected] of cases) {
      const response = await tracer.request('GET', url, undefined, { 'accept-language': 'en' });
      expect(response.statusCode, url).toBe(400);
      expect(fieldsOf(response.json()), url).toEqual([expected]);
      expect(response.json().error.details[0].message, url).not.toBe(expected.split(':')[1]);
    }
  });

  it('needs a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/protocols' });
    expect(response.statusCode).toBe(401);
  });
});
