import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { insertCase } from '../helpers/case-rows.ts';

let t: TestApp;
let investigator: Session;
let caseId: number;
beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
  caseId = (await insertCase(t.db)).caseId;
});
afterAll(async () => {
  await t.close();
});

/** Beijing wall-clock time → ISO with offset, as the web form sends it. */
const bj = (s: string) => `2020-${s.replace(' ', 'T')}:00+08:00`;

async function addEntry(body: Record<string, unknown>, id = caseId) {
  return investigator.post(`/api/v1/cases/${id}/trajectory`, body);
}

describe('trajectory', () => {
  it('records entries with evidence, groups them by Beijing day and flags gaps, overlaps and the window', async () => {
    const home = await addEntry({
      startAt: bj('01-21 00:00'),
      endAt: bj('01-21 09:30'),
      placeName: '家',
      placeKind: 'home',
      evidence: [{ source: 'family_testimony', reference: '妻子陈述', confidence: 'medium' }],
    });
    expect(home.statusCode, home.body).toBe(201);
    expect(home.json()).toMatchObject({
      placeKind: 'home',
      startAt: '2020-01-20T16:00:00.000Z',
      version: 1,
      evidence: [{ source: 'family_testimony', confidence: 'medium', attachment: null }],
    });
    const pharmacy = await addEntry({
      startAt: bj('01-21 10:00'),
      endAt: bj('01-21 10:30'),
      placeName: '离石区某大药房',
      placeKind: 'retail',
      activity: '购药',
      transportKind: 'walk',
      evidence: [{ source: 'e_payment', reference: '微信支付 10:12', confidence: 'high' }],
    });
    expect(pharmacy.statusCode).toBe(201);
    // 14:00–15:00 leaves a 3.5-hour hole after the pharmacy, and overlaps nothing yet.
    const mall = await addEntry({
      startAt: bj('01-21 14:00'),
      endAt: bj('01-21 23:30'),
      placeName: '离石区某购物中心',
      placeKind: 'retail',
      evidence: [{ source: 'cctv', reference: '2 号门监控', confidence: 'high' }],
    });
    expect(mall.statusCode).toBe(201);
    const early = await addEntry({
      startAt: bj('01-18 10:00'),
      endAt: bj('01-18 11:00'),
      placeName: '某饭店',
    });
    expect(early.statusCode).toBe(201);

    const response = await investigator.get(`/api/v1/cases/${caseId}/trajectory`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.window).toMatchObject({
      start: '2020-01-20T16:00:00.000Z',
      end: '2020-01-24T19:00:00.000Z',
      lookBackDays: 2,
      anchorDate: '2020-01-23',
    });
    expect(body.entries).toHaveLength(4);
    expect(body.days).toEqual([
      { date: '2020-01-18', entryIds: [early.json().id] },
      { date: '2020-01-21', entryIds: [home.json().id, pharmacy.json().id, mall.json().id] },
    ]);
    expect(body.flags).toContainEqual({
      kind: 'outside_window',
      entryIds: [early.json().id],
      partial: false,
    });
    expect(body.flags).toContainEqual(
      expect.objectContaining({ kind: 'gap', entryIds: [pharmacy.json().id, mall.json().id], minutes: 210 }),
    );
    // The mall entry ends at 23:30 and nothing follows until isolation: flagged as an open gap.
    expect(body.flags).toContainEqual(
      expect.objectContaining({ kind: 'gap', entryIds: [mall.json().id], to: '2020-01-24T19:00:00.000Z' }),
    );
    expect(body.flags.some((f: { kind: string }) => f.kind === 'overlap')).toBe(false);

    const overlapping = await addEntry({
      startAt: bj('01-21 10:15'),
      endAt: bj('01-21 10:45'),
      placeName: '公交车',
    });
    const again = (await investigator.get(`/api/v1/cases/${caseId}/trajectory`)).json();
    expect(again.flags).toContainEqual({
      kind: 'overlap',
      entryIds: [pharmacy.json().id, overlapping.json().id],
      from: '2020-01-21T02:15:00.000Z',
      to: '2020-01-21T02:30:00.000Z',
    });
  });

  it('refuses an end before the start with a 400 naming endAt, on create and on edit', async () => {
    const bad = await addEntry({ startAt: bj('01-22 10:00'), endAt: bj('01-22 09:59'), placeName: '某处' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'endAt', code: 'end_before_start' });
    const ok = (
      await addEntry({ startAt: bj('01-22 10:00'), endAt: bj('01-22 10:00'), placeName: '某处' })
    ).json();
    const edit = await investigator.patch(`/api/v1/cases/${caseId}/trajectory/${ok.id}`, {
      version: ok.version,
      endAt: bj('01-22 08:00'),
    });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.details[0].field).toBe('endAt');
  });

  it('refuses unknown sources and fields with a 400 naming them', async () => {
    const bad = await addEntry({
      startAt: bj('01-22 10:00'),
      endAt: bj('01-22 11:00'),
      placeName: '某处',
      evidence: [{ source: 'rumour', confidence: 'high' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('evidence.0.source');
    const extra = await addEntry({
      startAt: bj('01-22 10:00'),
      endAt: bj('01-22 11:00'),
      placeName: 'x',
      colour: 1,
    });
    expect(extra.json().error.details[0].field).toBe('colour');
  });

  it('edits with the version read; a stale edit gets 409 and changes nothing; archive needs the version too', async () => {
    const entry = (
      await addEntry({ startAt: bj('01-22 12:00'), endAt: bj('01-22 13:00'), placeName: '某餐馆' })
    ).json();
    const url = `/api/v1/cases/${caseId}/trajectory/${entry.id}`;
    const first = await investigator.patch(url, { version: entry.version, activity: '午餐' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ activity: '午餐', version: 2 });
    const stale = await investigator.patch(url, { version: entry.version, activity: '晚餐' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const staleArchive = await investigator.request('DELETE', url, { version: 1, reason: '重复录入' });
    expect(staleArchive.statusCode).toBe(409);
    const archive = await investigator.request('DELETE', url, { version: 2, reason: '重复录入' });
    expect(archive.statusCode).toBe(204);
    const list = (await investigator.get(`/api/v1/cases/${caseId}/trajectory`)).json();
    expect(list.entries.map((e: { id: number }) => e.id)).not.toContain(entry.id);
    const history = await (await t.login('lead')).get(`/api/v1/audit-events?entity=case&entityId=${caseId}`);
    const actions = history.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['trajectory.create', 'trajectory.update', 'trajectory.archive']),
    );
  });

  it('keeps trajectories inside the jurisdiction and writes only for investigators and leads', async () => {
    const elsewhere = await insertCase(t.db, { divisionCode: '141181' });
    expect((await investigator.get(`/api/v1/cases/${elsewhere.caseId}/trajectory`)).statusCode).toBe(404);
    const tracer = await t.login('tracer');
    expect((await tracer.get(`/api/v1/cases/${caseId}/trajectory`)).statusCode).toBe(200);
    const write = await tracer.post(`/api/v1/cases/${caseId}/trajectory`, {
      startAt: bj('01-22 10:00'),
      endAt: bj('01-22 11:00'),
      placeName: 'x',
    });
    expect(write.statusCode).toBe(403);
    expect((await (await t.login('lab')).get(`/api/v1/cases/${caseId}/trajectory`)).statusCode).toBe(403);
  });
});
