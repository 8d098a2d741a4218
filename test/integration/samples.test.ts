import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { multipartBody } from '../helpers/multipart.ts';

type Sample = { id: number; code: string; status: string; subjectId: number; source: string };
type Suggestion = {
  id: number;
  kind: string;
  subjectId: number;
  version: number;
  restsOn: Array<{ id: number }>;
};

let t: TestApp;
let investigator: Session;
let sampler: Session;
let lab: Session;
let lead: Session;
// The day list and retests count days in the deployment zone (Asia/Shanghai).
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const contactIds: number[] = [];
const samples: Sample[] = [];
let poolCode = '';

async function caseId(caseNumber: string): Promise<number> {
  const row = await t.db.kysely
    .selectFrom('cases')
    .select('id')
    .where('case_number', '=', caseNumber)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function importCsv(session: Session, csv: string, mapping: Record<string, string>) {
  const body = multipartBody([
    { name: 'mapping', value: JSON.stringify(mapping) },
    { name: 'file', value: csv, filename: 'lab.csv' },
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/lab-results/import',
    payload: body.payload,
    headers: {
      ...body.headers,
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'accept-language': 'en',
    },
  });
}

beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
  sampler = await t.login('sampler');
  lab = await t.login('lab');
  lead = await t.login('lead');
  const source = await caseId('LS-2020-0002');
  for (let i = 0; i < 11; i += 1) {
    const response = await investigator.post(`/api/v1/cases/${source}/contacts`, {
      person: {
        name: `测试${i}`,
        phone: `1390000${String(1000 + i)}`,
        currentAddress: `韩家坡村${i}号`,
        divisionCode: '141102006001',
      },
      classification: 'close',
      exposure: {
        kind: 'household',
        firstExposureAt: '2020-01-24T18:00:00.000Z',
        lastExposureAt: '2020-01-25T04:00:00.000Z',
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    contactIds.push(response.json<{ id: number }>().id);
  }
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('samples and lab results', () => {
  it('the demo sampled 60 contacts in pools of ten and discharged the two confirmed cases', async () => {
    const pools = await t.db.kysely.selectFrom('sample_pools').select(['id', 'size', 'result']).execute();
    expect(pools.filter((p) => p.size === 10 && p.result === 'negative')).toHaveLength(6);
    const followUp = await investigator.get(
      `/api/v1/cases/${await caseId('LS-2020-0001')}/discharge-follow-up`,
    );
    expect(followUp.statusCode, followUp.body).toBe(200);
    const body = followUp.json<{
      dischargeDate: string;
      samplings: Array<{ start: string; state: string; samples: Array<{ specimen: string }> }>;
    }>();
    expect(body.dischargeDate).toBe('2020-02-10');
    expect(
      body.samplings.map(
        (s) =>
          `${s.start}:${s.state}:${s.samples
            .map((x) => x.specimen)
            .sort()
            .join('+')}`,
      ),
    ).toEqual([
      '2020-02-18:done:anal_swab+throat_swab',
      '2020-03-03:done:anal_swab+throat_swab',
      '2020-03-09:done:anal_swab+serum+throat_swab',
    ]);
  });

  it('plans samples, lists the day by village and prints it', async () => {
    for (const id of contactIds) {
      const response = await sampler.post('/api/v1/samples', {
        subjectType: 'contact',
        subjectId: id,
        specimen: 'throat_swab',
        plannedDate: today,
      });
      expect(response.statusCode, response.body).toBe(201);
      samples.push(response.json<Sample>());
    }
    const list = await sampler.get(`/api/v1/sampling/day-list?date=${today}&division=141102006001`);
    expect(list.statusCode, list.body).toBe(200);
    const day = list.json<{
      total: number;
      groups: Array<{ name: string; entries: Array<{ phone: string }> }>;
    }>();
    expect(day.total).toBe(11);
    expect(day.groups.map((g) => g.name)).toEqual(['韩家坡村']);
    expect(day.groups[0]?.entries[0]?.phone).toMatch(/^139/);
    const masked = await lab.get(`/api/v1/sampling/day-list?date=${today}&division=141102006001`);
    expect(masked.json<typeof day>().groups[0]?.entries[0]?.phone).toContain('*');
    for (const file of ['docx', 'xlsx', 'labels.docx']) {
      const printed = await sampler.get(
        `/api/v1/sampling/day-list.${file}?date=${today}&division=141102006001`,
      );
      expect(printed.statusCode).toBe(200);
      expect(printed.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('registers by code; twice is a 409 naming code; a future time is a 400 naming collectedAt', async () => {
    const future = await sampler.post('/api/v1/samples/register', {
      code: samples[0]?.code,
      collectedAt: '2999-01-01T00:00:00Z',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json<{ error: { details: Array<{ field: string }> } }>().error.details[0]?.field).toBe(
      'collectedAt',
    );
    for (const sample of samples) {
      const response = await sampler.post('/api/v1/samples/register', { code: sample.code });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<Sample>().status).toBe('collected');
      // The answer names whose tube it was: in full for the sampler, who may read personal data.
      expect(response.json<{ name: string }>().name).toMatch(/^测试\d+$/);
    }

    const again = await sampler.post('/api/v1/samples/register', { code: samples[0]?.code });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { details: Array<{ field: string }> } }>().error.details[0]?.field).toBe(
      'code',
    );
    const unknown = await sampler.post('/api/v1/samples/register', { code: 'S000999990' });
    expect([400, 404]).toContain(unknown.statusCode);
  });

  it('refuses a pool past N naming codes, and pools ten', async () => {
    const tooMany = await sampler.post('/api/v1/sample-pools', { codes: samples.map((s) => s.code) });
    expect(tooMany.statusCode).toBe(400);
    expect(
      tooMany.json<{ error: { details: Array<{ field: string; code: string }> } }>().error.details[0],
    ).toMatchObject({ field: 'codes', code: 'pool_too_large' });
    const pool = await sampler.post('/api/v1/sample-pools', {
      codes: samples.slice(0, 10).map((s) => s.code),
    });
    expect(pool.statusCode, pool.body).toBe(201);
    poolCode = pool.json<{ code: string }>().code;
  });

  it('refuses a Ct outside 0–45 and a future test time, naming the field', async () => {
    const ct = await lab.post('/api/v1/lab-results', {
      code: poolCode,
      testedAt: new Date().toISOString(),
      nat: [{ target: 'N', ct: 46 }],
    });
    expect(ct.statusCode).toBe(400);
    expect(ct.json<{ error: { details: Array<{ field: string }> } }>().error.details[0]?.field).toBe(
      'nat.0.ct',
    );
    const future = await lab.post('/api/v1/lab-results', {
      code: poolCode,
      testedAt: '2999-01-01T00:00:00Z',
      nat: [{ target: 'N', ct: 30 }],
    });
    expect(future.statusCode).toBe(400);
  });

  it('imports a lab file: bad rows by line, every good row imported, a positive pool gives ten retests', async () => {
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const csv = [
      'Sample,Time,ORF1ab,N',
      `${poolCode},${at},31.2,29.8`,
      `${samples[10]?.code},${at},,`,
      `S000999990,${at},20,20`,
      `${samples[10]?.code},${at},50,20`,
      `${samples[10]?.code},2020-02-30 10:00,20,20`,
    ].join('\n');
    const response = await importCsv(lab, csv, {
      code: 'Sample',
      testedAt: 'Time',
      orf1abCt: 'ORF1ab',
      nCt: 'N',
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<{
      imported: number;
      rows: number;
      retests: number;
      badRows: Array<{ line: number; field: string; code: string }>;
    }>();
    expect(result.rows).toBe(5);
    expect(result.imported).toBe(2);
    expect(result.retests).toBe(10);
    expect(result.badRows.map((b) => `${b.line}:${b.field}:${b.code}`)).toEqual([
      '4:code:unknown_sample',
      '5:orf1abCt:ct_range',
      '6:testedAt:bad_date',
    ]);
    const retests = await t.db.kysely
      .selectFrom('samples')
      .select(['id', 'subject_id', 'status'])
      .where('source', '=', 'retest')
      .execute();
    expect(retests).toHaveLength(10);
    const tasks = await t.db.kysely
      .selectFrom('tasks')
      .select('id')
      .where('priority', '=', 'urgent')
      .where('type', '=', 'sample')
      .execute();
    expect(tasks.length).toBeGreaterThanOrEqual(10);
    const unmapped = await importCsv(lab, csv, { code: 'Barcode', testedAt: 'Time' });
    expect(unmapped.statusCode).toBe(400);
  });

  it('lists the positive pool with its ten retests for the lab', async () => {
    const pools = await lab.get('/api/v1/sample-pools?result=positive');
    expect(pools.statusCode, pools.body).toBe(200);
    const [pool] = pools.json<{
      items: Array<{ code: string; retests: Array<{ subjectId: number; status: string }> }>;
    }>().items;
    expect(pool?.code).toBe(poolCode);
    expect(pool?.retests.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 'planned'));
    const pending = await lab.get('/api/v1/samples?result=pending');
    expect(pending.json<{ items: unknown[] }>().items).toHaveLength(10);
  });

  it('a positive retest of a contact raises a convert alert that converts the contact to a case', async () => {
    const retest = await t.db.kysely
      .selectFrom('samples')
      .select(['id', 'subject_id'])
      .where('source', '=', 'retest')
      .where('subject_id', '=', contactIds[3] ?? 0)
      .executeTakeFirstOrThrow();
    const list = await sampler.get(`/api/v1/sampling/day-list?date=${today}&division=141102006001`);
    const entry = list
      .json<{ groups: Array<{ entries: Array<{ sampleId: number; code: string }> }> }>()
      .groups.flatMap((g) => g.entries)
      .find((e) => e.sampleId === Number(retest.id));
    expect(entry).toBeDefined();
    expect((await sampler.post('/api/v1/samples/register', { code: entry?.code })).statusCode).toBe(200);
    const result = await lab.post('/api/v1/lab-results', {
      code: entry?.code,
      testedAt: new Date().toISOString(),
      nat: [
        { target: 'ORF1ab', ct: 27.5 },
        { target: 'N', ct: 26.1 },
      ],
    });
    expect(result.statusCode, result.body).toBe(201);
    const alerts = await investigator.get(`/api/v1/lab-suggestions?kind=convert&subjectId=${contactIds[3]}`);
    const [alert] = alerts.json<{ items: Suggestion[] }>().items;
    expect(alert?.restsOn).toHaveLength(2);
    const decided = await investigator.post(`/api/v1/lab-suggestions/${alert?.id}/decide`, {
      version: alert?.version,
      decision: 'accept',
      classification: 'confirmed',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json<{ caseId: number }>().caseId).toBeGreaterThan(0);
    const contact = await t.db.kysely
      .selectFrom('contacts')
      .select('status')
      .where('id', '=', contactIds[3] ?? 0)
      .executeTakeFirstOrThrow();
    expect(contact.status).toBe('converted');
  });

  it('two negatives ≥ 24 h apart suggest excluding a suspected case, and accepting excludes it', async () => {
    const suspected = await caseId('LS-2020-0005');
    const codes: string[] = [];
    for (const at of ['2020-01-28T00:00:00.000Z', '2020-01-29T01:00:00.000Z']) {
      const created = await investigator.post('/api/v1/samples', {
        subjectType: 'case',
        subjectId: suspected,
        specimen: 'throat_swab',
        collectedAt: at,
      });
      expect(created.statusCode, created.body).toBe(201);
      codes.push(created.json<Sample>().code);
    }
    for (const code of codes) {
      const r = await lab.post('/api/v1/lab-results', {
        code,
        testedAt: '2020-01-29T12:00:00.000Z',
        nat: [
          { target: 'ORF1ab', result: 'negative' },
          { target: 'N', result: 'negative' },
        ],
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const found = await lead.get(`/api/v1/lab-suggestions?kind=exclude&subjectId=${suspected}`);
    const [suggestion] = found.json<{ items: Suggestion[] }>().items;
    expect(suggestion?.restsOn).toHaveLength(4);
    const decided = await lead.post(`/api/v1/lab-suggestions/${suggestion?.id}/decide`, {
      version: suggestion?.version,
      decision: 'accept',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const kase = await t.db.kysely
      .selectFrom('cases')
      .select('classification')
      .where('id', '=', suspected)
      .executeTakeFirstOrThrow();
    expect(kase.classification).toBe('excluded');
  });

  it('two negatives ≥ 24 h apart suggest discharging a case in hospital; accepting plans its follow-up', async () => {
    const id = await caseId('LS-2020-0003');
    for (const at of ['2020-02-10T00:00:00.000Z', '2020-02-11T02:00:00.000Z']) {
      const created = await investigator.post('/api/v1/samples', {
        subjectType: 'case',
        subjectId: id,
        specimen: 'throat_swab',
        collectedAt: at,
      });
      const r = await lab.post('/api/v1/lab-results', {
        code: created.json<Sample>().code,
        testedAt: '2020-02-11T12:00:00.000Z',
        nat: [
          { target: 'ORF1ab', result: 'negative' },
          { target: 'N', result: 'negative' },
        ],
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const found = await lead.get(`/api/v1/lab-suggestions?kind=discharge&subjectId=${id}`);
    const [suggestion] = found.json<{ items: Suggestion[] }>().items;
    expect(suggestion?.restsOn).toHaveLength(4);
    const decided = await lead.post(`/api/v1/lab-suggestions/${suggestion?.id}/decide`, {
      version: suggestion?.version,
      decision: 'accept',
      dischargeDate: '2020-02-12',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const followUp = await lead.get(`/api/v1/cases/${id}/discharge-follow-up`);
    expect(followUp.json<{ samplings: Array<{ start: string }> }>().samplings.map((s) => s.start)).toEqual([
      '2020-02-20',
      '2020-03-05',
      '2020-03-11',
    ]);
  });

  it('a re-positive after discharge raises the alert', async () => {
    const discharged = await caseId('LS-2020-0002');
    const created = await investigator.post('/api/v1/samples', {
      subjectType: 'case',
      subjectId: discharged,
      specimen: 'throat_swab',
      collectedAt: '2020-03-20T01:00:00.000Z',
    });
    const r = await lab.post('/api/v1/lab-results', {
      code: created.json<Sample>().code,
      testedAt: '2020-03-20T08:00:00.000Z',
      nat: [{ target: 'N', ct: 33 }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const found = await lead.get(`/api/v1/lab-suggestions?kind=repositive&subjectId=${discharged}`);
    expect(found.json<{ items: Suggestion[] }>().items).toHaveLength(1);
  });

  it('moving a discharge date re-plans without losing what was collected', async () => {
    const id = await caseId('LS-2020-0001');
    // A recorded date moves only with the version it was read at: without one it is a 409.
    const unseen = await lead.request('PUT', `/api/v1/cases/${id}/discharge`, {
      dischargeDate: '2020-02-12',
    });
    expect(unseen.statusCode).toBe(409);
    expect(unseen.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT' } });
    const read = await lead.get(`/api/v1/cases/${id}/discharge-follow-up`);
    expect(read.json<{ dischargeDate: string }>().dischargeDate).toBe('2020-02-10');
    const moved = await lead.request('PUT', `/api/v1/cases/${id}/discharge`, {
      dischargeDate: '2020-02-12',
      version: read.json<{ version: number }>().version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const body = moved.json<{ samplings: Array<{ state: string; samples: unknown[] }> }>();
    expect(body.samplings.map((s) => s.state)).toEqual(['done', 'done', 'done']);
    const planned = await t.db.kysely
      .selectFrom('samples')
      .select('id')
      .where('subject_type', '=', 'case')
      .where('subject_id', '=', id)
      .where('status', '=', 'planned')
      .execute();
    expect(planned).toHaveLength(0);
  });
});
