import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FIRST_CASE } from '../../src/server/demo/trajectory.ts';
import { loadDemo } from '../../src/server/demo/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the demo trajectory', () => {
  it('rebuilds the first case’s days before the report from payments, CCTV and the family, without flags', async () => {
    const row = await t.db.kysely
      .selectFrom('cases')
      .select(['id'])
      .where('case_number', '=', DEMO_FIRST_CASE)
      .executeTakeFirstOrThrow();
    const investigator = await t.login('investigator');
    const response = await investigator.get(`/api/v1/cases/${row.id}/trajectory`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.entries.map((e: { placeName: string }) => e.placeName)).toEqual(
      expect.arrayContaining(['离石区某大药房', '离石区某购物中心', '吕梁市人民医院发热门诊']),
    );
    const sources = body.entries.flatMap((e: { evidence: Array<{ source: string }> }) =>
      e.evidence.map((v) => v.source),
    );
    expect(sources).toEqual(expect.arrayContaining(['e_payment', 'cctv', 'family_testimony', 'self_report']));
    expect(body.entries.every((e: { endAt: string }) => e.endAt <= '2020-01-24T19:00:00.000Z')).toBe(true);
    expect(body.days.map((d: { date: string }) => d.date)).toEqual([
      '2020-01-22',
      '2020-01-23',
      '2020-01-24',
      '2020-01-25',
    ]);
    expect(body.flags).toEqual([]);
  });

  it('has the initial report filed at 22:30 to the city CDC and the district health bureau', async () => {
    const row = await t.db.kysely
      .selectFrom('cases')
      .select(['id'])
      .where('case_number', '=', DEMO_FIRST_CASE)
      .executeTakeFirstOrThrow();
    const lead = await t.login('lead');
    const list = await lead.get(`/api/v1/reports?caseId=${row.id}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        kind: 'initial',
        number: 1,
        createdAt: '2020-01-25T14:20:00.000Z',
        submissions: [
          expect.objectContaining({
            recipients: ['市疾控中心', '区卫健局'],
            submittedAt: '2020-01-25T14:30:00.000Z',
          }),
        ],
      }),
    ]);
  });

  it('loads once: running the demo again adds no entries', async () => {
    const count = async () =>
      Number(
        (
          await t.db.kysely
            .selectFrom('trajectory_entries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await loadDemo(t.db);
    expect(await count()).toBe(before);
  });
});
