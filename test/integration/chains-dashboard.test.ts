import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { insertOutbreakFixture, type OutbreakFixture } from '../helpers/outbreak-fixture.ts';

type Node = {
  id: string;
  kind: string;
  cluster: string;
  generation: number | null;
  label: string;
  masked: boolean;
};
type Chains = {
  nodes: Node[];
  edges: Array<{ source: string; target: string; kind: string }>;
  clusters: Array<{
    key: string;
    name: string;
    colour: string;
    version: number;
    caseCount: number;
    nodeCount: number;
  }>;
  serialInterval: { count: number; mean: number | null };
  histogram: Array<{ size: number; clusters: number }>;
  checks: { onsetBeforeSource: unknown[]; longGaps: unknown[] };
};

let t: TestApp;
let commander: Session;
let lead: Session;
let fx: OutbreakFixture;
beforeAll(async () => {
  t = await createTestApp();
  commander = await t.login('commander');
  lead = await t.login('lead');
  fx = await insertOutbreakFixture(t.db);
});
afterAll(async () => {
  await t.close();
});

const caseKey = (id: number) => `case:${id}`;
const contactKey = (id: number) => `contact:${id}`;

describe('GET /api/v1/chains', () => {
  it('builds nodes, the three kinds of edge, clusters keyed by their index case, and serial intervals', async () => {
    const response = await lead.get(`/api/v1/chains?outbreakId=${fx.outbreakId}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Chains>();
    expect(body.nodes).toHaveLength(10);
    const { c1, c2, c3, c4, c5 } = fx.cases;
    const { k1, k2, k3, k4, k5 } = fx.contacts;
    const edges = body.edges.map((e) => `${e.kind} ${e.source} ${e.target}`).sort();
    expect(edges).toEqual(
      [
        `exposure ${caseKey(c1)} ${contactKey(k1)}`,
        `exposure ${caseKey(c1)} ${contactKey(k2)}`,
        `conversion ${contactKey(k2)} ${caseKey(c2)}`,
        `exposure ${caseKey(c2)} ${contactKey(k3)}`,
        `exposure ${contactKey(k3)} ${contactKey(k4)}`,
        `exposure ${caseKey(c2)} ${contactKey(k4)}`,
        `exposure ${caseKey(c3)} ${contactKey(k5)}`,
        `co_exposure ${caseKey(c3)} ${caseKey(c4)}`,
      ].sort(),
    );
    expect(body.clusters.map((c) => [c.key, c.caseCount, c.nodeCount])).toEqual([
      [caseKey(c1), 2, 6],
      [caseKey(c3), 2, 3],
      [caseKey(c5), 1, 1],
    ]);
    const node = (id: string) => body.nodes.find((n) => n.id === id);
    expect(node(caseKey(c2))?.cluster).toBe(caseKey(c1));
    expect(node(contactKey(k5))?.cluster).toBe(caseKey(c3));
    expect(node(caseKey(c1))?.generation).toBe(0);
    expect(node(caseKey(c2))?.generation).toBe(1);
    expect(node(contactKey(k4))?.generation).toBe(2);
    // c1 (onset 01-22) → k2 → c2 (onset 01-29): one pair, seven days.
    expect(body.serialInterval).toMatchObject({ count: 1, mean: 7 });
    expect(body.histogram).toEqual([
      { size: 1, clusters: 1 },
      { size: 2, clusters: 2 },
    ]);
    expect(node(caseKey(c1))?.label).toContain(fx.names.c1);
  });

  it('masks labels for roles without personal:read, filters by cluster and dates, and can leave co-exposure out', async () => {
    const masked = (await commander.get(`/api/v1/chains?outbreakId=${fx.outbreakId}`)).json<Chains>();
    expect(masked.nodes.every((n) => n.masked)).toBe(true);
    expect(masked.nodes.some((n) => n.label.includes(fx.names.c1 ?? '-'))).toBe(false);

    const one = (
      await lead.get(`/api/v1/chains?outbreakId=${fx.outbreakId}&clusterId=${caseKey(fx.cases.c3)}`)
    ).json<Chains>();
    expect(one.nodes.map((n) => n.id).sort()).toEqual(
      [caseKey(fx.cases.c3), caseKey(fx.cases.c4), contactKey(fx.contacts.k5)].sort(),
    );
    const dated = (
      await lead.get(`/api/v1/chains?outbreakId=${fx.outbreakId}&from=2020-01-29&to=2020-01-31`)
    ).json<Chains>();
    // Onsets 01-29 (c2) and 01-30 (c3); c4 has no onset and was reported 02-01.
    expect(dated.nodes.map((n) => n.id).sort()).toEqual([caseKey(fx.cases.c2), caseKey(fx.cases.c3)].sort());
    const apart = (
      await lead.get(`/api/v1/chains?outbreakId=${fx.outbreakId}&coExposure=exclude`)
    ).json<Chains>();
    expect(apart.clusters).toHaveLength(4);
  });

  it('refuses unknown query fields by field', async () => {
    const response = await lead.get(`/api/v1/chains?outbreakId=${fx.outbreakId}&colour=red`);
    expect(response.statusCode).toBe(400);
  });

  it('names a cluster with version 0, then refuses a stale version', async () => {
    const key = caseKey(fx.cases.c1);
    const first = await lead.patch(`/api/v1/clusters/${key}`, {
      name: '商贸公司聚集',
      colour: '#aa3300',
      version: 0,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, name: '商贸公司聚集' });
    const stale = await lead.patch(`/api/v1/clusters/${key}`, { name: 'x', colour: '#aa3300', version: 0 });
    expect(stale.statusCode).toBe(409);
    const bad = await lead.patch(`/api/v1/clusters/${key}`, { name: 'x', colour: 'red', version: 1 });
    expect(bad.statusCode).toBe(400);
    const body = (await lead.get(`/api/v1/chains?outbreakId=${fx.outbreakId}`)).json<Chains>();
    expect(body.clusters[0]).toMatchObject({ key, name: '商贸公司聚集', colour: '#aa3300', version: 1 });
  });
});

type Dashboard = {
  newCases: { today: Record<string, number>; yesterday: Record<string, number> };
  zeroStreak: {
    jurisdiction: { days: number | null; lastConfirmedOn: string | null };
    divisions: Array<{ code: string; days: number | null }>;
  };
  observation: { total: number; bySite: Array<{ kind: string; siteId: number | null; count: number }> };
  releases: { dueToday: number; overdue: number };
  samples: Record<string, number | string>;
  overdue: { investigations: number; tasks: number };
  epiCurve: { days: Array<{ date: string; counts: Record<string, number> }> };
  contacts: { total: number; perCase: { cases: number; mean: number; median: number }; becameCases: number };
};

describe('GET /api/v1/dashboard', () => {
  it('shows the numbers worked out from the inserted rows', async () => {
    const response = await commander.get(`/api/v1/dashboard?date=2020-02-01&outbreakId=${fx.outbreakId}`);
    expect(response.statusCode, response.body).toBe(200);
    const d = response.json<Dashboard>();
    expect(d.newCases.today).toEqual({ suspected: 1, asymptomatic: 1 });
    expect(d.newCases.yesterday).toEqual({ confirmed: 2 });
    // c2 confirmed on 01-31; c5's confirmation on 02-02 is after the day.
    expect(d.zeroStreak.jurisdiction).toMatchObject({ lastConfirmedOn: '2020-01-31', days: 1 });
    const street = (code: string) => d.zeroStreak.divisions.find((s) => s.code === code)?.days;
    expect(street('141102001000')).toBe(6);
    expect(street('141102002000')).toBe(1);
    expect(street('141102006000')).toBeNull();
    expect(d.observation.total).toBe(3);
    expect(d.observation.bySite).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'centralized', siteId: fx.siteId, count: 2 }),
        expect.objectContaining({ kind: 'home', siteId: null, count: 1 }),
      ]),
    );
    expect(d.releases).toEqual({ dueToday: 1, overdue: 1 });
    // Samples: k1 planned for the day, k3 planned 01-30 and never collected, k4 at the lab, k5 tested on
    // the day (negative), k2 positive on 01-28.
    expect(d.samples).toEqual({
      source: 'samples',
      dueToday: 1,
      pendingOverdue: 1,
      inTransit: 0,
      awaitingResults: 1,
      doneToday: 1,
      positive: 1,
    });
    // Every case but the submitted c1 was reported in 2020: its report clock is long past.
    expect(d.overdue.investigations).toBe(4);
    expect(d.contacts.total).toBe(5);
    expect(d.contacts.becameCases).toBe(1);
    // Direct contacts per case: 2, 1, 1, 0, 0.
    expect(d.contacts.perCase).toEqual({ cases: 5, mean: 0.8, median: 1 });
    const onset = Object.fromEntries(d.epiCurve.days.map((x) => [x.date, x.counts]));
    expect(onset).toEqual({
      '2020-01-22': { confirmed: 1 },
      '2020-01-29': { confirmed: 1 },
      '2020-01-30': { suspected: 1 },
      '2020-02-01': { confirmed: 1 },
    });
  });

  it('draws the curve by report date in the deployment zone (23:30 Beijing time is still that day)', async () => {
    const d = (
      await commander.get(`/api/v1/dashboard?date=2020-02-01&outbreakId=${fx.outbreakId}&curve=report`)
    ).json<Dashboard>();
    const byDay = Object.fromEntries(d.epiCurve.days.map((x) => [x.date, x.counts]));
    expect(byDay).toEqual({
      '2020-01-25': { confirmed: 1 },
      '2020-01-31': { confirmed: 2 },
      '2020-02-01': { suspected: 1, asymptomatic: 1 },
    });
  });

  it('counts open tasks past due in the jurisdiction', async () => {
    const d = (await commander.get(`/api/v1/dashboard?date=2020-02-01`)).json<Dashboard>();
    const expected = await t.db.kysely
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .where('due_at', '<', new Date().toISOString())
      .where('division_code', 'like', '141102%')
      .executeTakeFirstOrThrow();
    expect(d.overdue.tasks).toBe(Number(expected.n));
    expect(d.overdue.tasks).toBeGreaterThanOrEqual(2);
  });
});
