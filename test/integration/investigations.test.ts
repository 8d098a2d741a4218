import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { demoOutbreakId, reportCase } from './cases-fixtures.ts';

let t: TestApp;
let investigator: Session;
let lead: Session;
let outbreakId: number;
let leadId: number;
beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
  lead = await t.login('lead');
  outbreakId = await demoOutbreakId(investigator);
  const row = await t.db.kysely
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'lead')
    .executeTakeFirstOrThrow();
  leadId = Number(row.id);
});
afterAll(async () => {
  await t.close();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('investigation state machine and clocks', () => {
  it('moves one step at a time, stamps times, closes the dispatch task, and stops the report clock on submission', async () => {
    const kase = await reportCase(investigator, outbreakId, {
      receivedAt: minutesAgo(60),
      leadUserId: leadId,
    });
    const url = `/api/v1/cases/${kase.id}/investigation`;
    const fresh = (await investigator.get(url)).json();
    expect(fresh.state).toBe('pending_dispatch');
    expect(fresh.nextStates).toEqual(['dispatched']);
    const dispatch = fresh.clocks.find((c: { name: string }) => c.name === 'dispatch');
    expect(dispatch).toMatchObject({ overdue: true, doneAt: null });
    expect(dispatch.remainingSeconds).toBeLessThan(-2000);

    const skip = await investigator.post(`${url}/transition`, { to: 'arrived' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error.details[0]).toMatchObject({ field: 'to', code: 'state_transition' });
    const early = await investigator.post(`${url}/transition`, { to: 'dispatched', at: minutesAgo(120) });
    expect(early.json().error.details[0]).toMatchObject({ field: 'at', code: 'before_received' });

    const at = minutesAgo(40);
    const dispatched = await investigator.post(`${url}/transition`, { to: 'dispatched', at });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect(dispatched.json()).toMatchObject({ state: 'dispatched', dispatchedAt: at });
    // 20 minutes after the report: done, but later than the 15-minute limit.
    expect(dispatched.json().clocks[0]).toMatchObject({ name: 'dispatch', overdue: false, late: true });
    const tasks = (
      await investigator.get(`/api/v1/tasks?subjectType=investigation&subjectId=${fresh.id}`)
    ).json().items;
    expect(tasks.map((task: { type: string; status: string }) => [task.type, task.status])).toEqual([
      ['dispatch', 'done'],
      ['report', 'open'],
    ]);

    for (const to of ['arrived', 'investigating', 'pending_review', 'submitted']) {
      const step = await lead.post(`${url}/transition`, { to });
      expect(step.statusCode, `${to}: ${step.body}`).toBe(200);
    }
    const done = (await investigator.get(url)).json();
    expect(done.state).toBe('submitted');
    expect(done.nextStates).toEqual([]);
    expect(done.clocks.find((c: { name: string }) => c.name === 'report')).toMatchObject({
      overdue: false,
      late: false,
    });
    const clocks = (await investigator.get('/api/v1/investigations/clocks?limit=500')).json().items;
    expect(clocks.some((c: { caseId: number }) => c.caseId === kase.id)).toBe(false);
  });

  it('saves form drafts with versions; a stale draft gets 409; bad rows name the field', async () => {
    const kase = await reportCase(investigator, outbreakId);
    const url = `/api/v1/cases/${kase.id}/investigation`;
    const form = {
      underlyingDiseases: { conditions: ['diabetes'], pregnant: false, vaccinationDoses: 0 },
      travelHistory: { rows: [{ from: '2020-01-10', to: '2020-01-15', place: '武汉市' }] },
      medicalVisits: { rows: [{ at: '2020-01-20T09:00:00+08:00', institution: '离石区人民医院' }] },
      onset: { symptoms: [{ symptom: 'fever', since: '2020-01-19', maxTemperature: 38.5 }] },
      recommendations: { text: '暂停某诊所诊疗活动' },
    };
    const saved = await investigator.patch(url, { version: 1, form });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().form.medicalVisits.rows[0].at).toBe('2020-01-20T01:00:00.000Z');
    expect(saved.json().version).toBe(2);
    const stale = await investigator.patch(url, { version: 1, form: {} });
    expect(stale.statusCode).toBe(409);
    expect((await investigator.get(url)).json().form.recommendations.text).toBe('暂停某诊所诊疗活动');

    const backwards = await investigator.patch(url, {
      version: 2,
      form: { travelHistory: { rows: [{ from: '2020-01-15', to: '2020-01-10', place: '武汉市' }] } },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0]).toMatchObject({
      field: 'form.travelHistory.rows.0.to',
      code: 'end_before_start',
    });
    const unknown = await investigator.patch(url, {
      version: 2,
      form: { underlyingDiseases: { conditions: ['gout'] } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('form.underlyingDiseases.conditions.0');
    const team = await investigator.patch(url, { version: 2, team: [leadId, 987654] });
    expect(team.json().error.details[0]).toMatchObject({ field: 'team.1', code: 'unknown_user' });
    // The team and the lead are named, for pages that show them (the commander may not list users).
    const named = await investigator.patch(url, { version: 2, team: [leadId], leadUserId: leadId });
    expect(named.statusCode, named.body).toBe(200);
    const leadName = await t.db.kysely
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', leadId)
      .executeTakeFirstOrThrow();
    expect(named.json().members).toEqual([{ id: leadId, displayName: leadName.display_name }]);
    expect((await (await t.login('commander')).get(url)).json().members).toEqual(named.json().members);
  });

  it('the demo case reported 30 hours ago and still investigating is on the overdue list', async () => {
    const overdue = (await lead.get('/api/v1/investigations/overdue')).json();
    const demo = overdue.items.find((item: { caseNumber: string }) => item.caseNumber === 'LS-2020-0005');
    expect(demo).toMatchObject({ state: 'investigating', overdue: true });
    const report = demo.clocks.find((c: { name: string }) => c.name === 'report');
    expect(report.overdue).toBe(true);
    expect(report.remainingSeconds).toBeLessThan(-5 * 3600 + 60);
    expect(demo.clocks.find((c: { name: string }) => c.name === 'dispatch')).toMatchObject({
      overdue: false,
    });
    // The submitted demo cases are on neither list.
    const clocks = (await lead.get('/api/v1/investigations/clocks?limit=500')).json().items;
    expect(clocks.some((c: { caseNumber: string }) => c.caseNumber === 'LS-2020-0001')).toBe(false);
    expect(overdue.items.every((item: { overdue: boolean }) => item.overdue)).toBe(true);
  });

  it('clocks follow the configured limits', async () => {
    const strict = await createTestApp({
      config: { slaReportHours: 1, slaDispatchMinutes: 5, slaCoreInfoHours: 1 },
    });
    try {
      const session = await strict.login('investigator');
      const kase = await reportCase(session, await demoOutbreakId(session), { receivedAt: minutesAgo(90) });
      const clocks = (await session.get(`/api/v1/cases/${kase.id}/investigation`)).json().clocks;
      const received = Date.parse(minutesAgo(90));
      const deadline = (name: string) =>
        Date.parse(clocks.find((c: { name: string }) => c.name === name).deadline);
      expect(Math.abs(deadline('dispatch') - received - 5 * 60_000)).toBeLessThan(5000);
      expect(Math.abs(deadline('report') - received - 3_600_000)).toBeLessThan(5000);
      const overdue = (await session.get('/api/v1/investigations/overdue')).json().items;
      expect(overdue.some((i: { caseId: number }) => i.caseId === kase.id)).toBe(true);
    } finally {
      await strict.close();
    }
  });
});

describe('tasks', () => {
  it('mine lists the caller’s tasks; overdue lists open tasks past due; status changes need the version', async () => {
    const mine = (await lead.get('/api/v1/tasks?mine=true&limit=500')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((task: { assigneeId: number }) => task.assigneeId === leadId)).toBe(true);
    expect((await investigator.get('/api/v1/tasks?mine=true')).json().items).toEqual([]);

    const overdue = (await investigator.get('/api/v1/tasks?overdue=true&limit=500')).json().items;
    expect(overdue.length).toBeGreaterThan(0);
    expect(
      overdue.every((task: { status: string; overdue: boolean }) => task.status === 'open' && task.overdue),
    ).toBe(true);
    const demoReport = overdue.find((task: { title: string }) => task.title.includes('LS-2020-0005'));
    expect(demoReport).toMatchObject({ type: 'report', priority: 'high' });
    // Past due by more than the escalation limit (2 hours by default): escalated. The demo report was due
    // six hours ago.
    type Listed = { id: number; dueAt: string; overdue: boolean; escalated: boolean };
    const escalated = (await lead.get('/api/v1/tasks?escalated=true&limit=500')).json<{ items: Listed[] }>()
      .items;
    const limit = Date.now() - 2 * 3_600_000;
    expect(escalated.map((task) => task.id)).toContain(demoReport.id);
    expect(escalated.every((task) => task.overdue && task.escalated && Date.parse(task.dueAt) < limit)).toBe(
      true,
    );
    const notYet = (overdue as Listed[]).filter((task) => Date.parse(task.dueAt) > limit + 60_000);
    expect(notYet.every((task) => !task.escalated)).toBe(true);

    const done = await lead.patch(`/api/v1/tasks/${demoReport.id}`, {
      version: demoReport.version,
      status: 'done',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', overdue: false });
    expect(done.json().closedAt).not.toBeNull();
    const stale = await lead.patch(`/api/v1/tasks/${demoReport.id}`, {
      version: demoReport.version,
      status: 'open',
    });
    expect(stale.statusCode).toBe(409);
    const unknown = await lead.patch(`/api/v1/tasks/${demoReport.id}`, { version: 2, status: 'paused' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('status');
    const commander = await t.login('commander');
    expect(
      (await commander.patch(`/api/v1/tasks/${demoReport.id}`, { version: 2, status: 'open' })).statusCode,
    ).toBe(403);
  });

  it('pages tasks by due time without repeats or skips', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await investigator.get(url)).json();
      seen.push(...page.items.map((task: { id: number }) => task.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await investigator.get('/api/v1/tasks?limit=500'))
      .json()
      .items.map((task: { id: number }) => task.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
