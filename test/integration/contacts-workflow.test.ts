import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { at, contactBody, day, makeCase, makeOutbreak } from './contacts-fixtures.ts';

let t: TestApp;
let lead: Session;
let investigator: Session;
let tracer: Session;
let site: Session;
let commander: Session;
let caseId: number;
let n = 200;

beforeAll(async () => {
  t = await createTestApp();
  [lead, investigator, tracer, site, commander] = await Promise.all([
    t.login('lead'),
    t.login('investigator'),
    t.login('tracer'),
    t.login('site'),
    t.login('commander'),
  ]);
  caseId = await makeCase(investigator, await makeOutbreak(lead, 'covid-ed8'));
});
afterAll(async () => {
  await t.close();
});

type C = { id: number; version: number; status: string; classification: string; observationEnd: string };

async function newContact(source = caseId, exposure: Record<string, unknown> = {}): Promise<C> {
  n += 1;
  const response = await tracer.post(`/api/v1/cases/${source}/contacts`, contactBody(n, exposure));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<C>();
}

async function notify(c: C): Promise<C> {
  const response = await tracer.post(`/api/v1/contacts/${c.id}/status`, {
    version: c.version,
    to: 'notified',
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<C>();
}

async function placeAtHome(c: C, checkInAt = new Date().toISOString()): Promise<C> {
  const response = await site.post(`/api/v1/contacts/${c.id}/placements`, {
    kind: 'home',
    version: c.version,
    address: '离石区莲花池街道某村 12 号',
    divisionCode: '141102002001',
    checkInAt,
  });
  expect(response.statusCode, response.body).toBe(201);
  return (await tracer.get(`/api/v1/contacts/${c.id}`)).json<C>();
}

describe('workflow', () => {
  it('enforces transitions and asks a reason for an early release', async () => {
    const c = await newContact();
    const skip = await site.post(`/api/v1/contacts/${c.id}/placements`, {
      kind: 'home',
      version: c.version,
      address: '某地',
      divisionCode: '141102002001',
      checkInAt: new Date().toISOString(),
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.details[0]).toMatchObject({ field: 'status', code: 'contact_transition' });
    const placed = await placeAtHome(await notify(c));
    expect(placed.status).toBe('placed');
    const monitoring = await tracer.post(`/api/v1/contacts/${c.id}/status`, {
      version: placed.version,
      to: 'home_monitoring',
    });
    expect(monitoring.statusCode, monitoring.body).toBe(200);
    const v = monitoring.json<C>().version;
    const noReason = await site.post(`/api/v1/contacts/${c.id}/release`, { version: v });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0]).toMatchObject({ field: 'reason', code: 'early_release_reason' });
    const released = await site.post(`/api/v1/contacts/${c.id}/release`, {
      version: v,
      reason: '经专家组研判解除',
    });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({
      outcome: 'released',
      contact: { status: 'released', releasedOn: day(0) },
    });
    const detail = (await tracer.get(`/api/v1/contacts/${c.id}`)).json<{
      plan: { tests: Array<{ status: string }> };
      placements: Array<{ checkOutAt: string | null }>;
      nextStatuses: string[];
    }>();
    expect(detail.plan.tests.some((x) => x.status === 'pending')).toBe(false);
    expect(detail.placements.every((p) => p.checkOutAt !== null)).toBe(true);
    expect(detail.nextStatuses).toEqual([]);
    const again = await tracer.post(`/api/v1/contacts/${c.id}/status`, {
      version: released.json().contact.version,
      to: 'notified',
    });
    expect(again.statusCode).toBe(409);

    const certificate = await commander.get(`/api/v1/contacts/${c.id}/release-certificate`);
    expect(certificate.statusCode).toBe(200);
    expect(certificate.headers['content-type']).toContain('wordprocessingml');
    expect(certificate.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const notYet = await tracer.get(`/api/v1/contacts/${(await newContact()).id}/release-certificate`);
    expect(notYet.statusCode).toBe(409);
  });

  it('applies the secondary-contact rule at release: wait, upgrade, release', async () => {
    const close = await newContact();
    const secondary = await tracer.post(`/api/v1/contacts/${close.id}/secondary-contacts`, {
      person: { name: '次密接甲', divisionCode: '141102001001' },
      exposure: {
        kind: 'same_space',
        setting: 'office',
        firstExposureAt: at(-2, 21),
        lastExposureAt: at(-1, 9),
      },
    });
    expect(secondary.statusCode, secondary.body).toBe(201);
    const s = await placeAtHome(await notify(secondary.json<C>()));
    expect(s).toMatchObject({ classification: 'secondary', observationEnd: day(-1 + 7) });
    const waiting = await site.post(`/api/v1/contacts/${s.id}/release`, {
      version: s.version,
      reason: '提前',
    });
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().error.details[0]).toMatchObject({ code: 'secondary_awaiting' });

    const tests = (await tracer.get(`/api/v1/contacts/${close.id}`)).json<{
      plan: { tests: Array<{ id: number }> };
    }>();
    const positive = await investigator.post(
      `/api/v1/contacts/${close.id}/tests/${tests.plan.tests[0]?.id}/result`,
      {
        result: 'positive',
      },
    );
    expect(positive.statusCode, positive.body).toBe(200);
    const upgraded = await site.post(`/api/v1/contacts/${s.id}/release`, { version: s.version });
    expect(upgraded.statusCode, upgraded.body).toBe(200);
    expect(upgraded.json()).toMatchObject({
      outcome: 'upgraded',
      contact: { classification: 'close', status: 'placed', observationEnd: day(-1 + 21) },
    });
    const alerts = await site.get(`/api/v1/alerts?status=open&contactId=${close.id}`);
    expect(alerts.json<{ items: Array<{ reasons: string[]; suggestion: string }> }>().items[0]).toMatchObject(
      {
        reasons: ['positive_test'],
        suggestion: 'transfer',
      },
    );
  });

  it('releases a secondary contact on day 7 once the close contact’s first two tests were negative', async () => {
    const early = await makeCase(investigator, await makeOutbreak(lead, 'covid-ed8'), {
      onsetDays: -12,
      receivedDays: -9,
    });
    const close = await newContact(early, { firstExposureAt: at(-11, 8), lastExposureAt: at(-10, 20) });
    const secondary = await tracer.post(`/api/v1/contacts/${close.id}/secondary-contacts`, {
      person: { name: '次密接乙' },
      exposure: {
        kind: 'shared_meal_or_entertainment',
        firstExposureAt: at(-10, 21),
        lastExposureAt: at(-9, 12),
      },
    });
    expect(secondary.statusCode, secondary.body).toBe(201);
    const s = await placeAtHome(await notify(secondary.json<C>()), at(-8, 10));
    const plan = (await tracer.get(`/api/v1/contacts/${close.id}`)).json<{
      plan: { tests: Array<{ id: number }> };
    }>();
    for (const test of plan.plan.tests.slice(0, 2)) {
      const r = await investigator.post(`/api/v1/contacts/${close.id}/tests/${test.id}/result`, {
        result: 'negative',
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const released = await site.post(`/api/v1/contacts/${s.id}/release`, { version: s.version });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({
      outcome: 'released',
      contact: { status: 'released', classification: 'secondary' },
    });
  });

  it('converts a contact to a case through the cases service and links it', async () => {
    const c = await placeAtHome(await notify(await newContact()));
    const response = await investigator.post(`/api/v1/contacts/${c.id}/convert`, {
      version: c.version,
      classification: 'confirmed',
      receivedAt: new Date().toISOString(),
      reportingInstitution: '离石区人民医院',
      reason: '第 1 天核酸阳性',
    });
    expect(response.statusCode, response.body).toBe(201);
    const { caseId: newCase, contact } = response.json<{
      caseId: number;
      contact: C & { convertedCaseId: number };
    }>();
    expect(contact).toMatchObject({ status: 'converted', convertedCaseId: newCase });
    const kase = await investigator.get(`/api/v1/cases/${newCase}`);
    expect(kase.json()).toMatchObject({ discoveryRoute: 'contact_screening', classification: 'confirmed' });
    // Site staff watch contacts but do not report cases.
    expect((await site.post(`/api/v1/contacts/${c.id}/convert`, { ...c, reason: 'x' })).statusCode).toBe(403);
  });

  it('logs phone-tracing attempts with the number normalised, masked for roles without personal:read', async () => {
    const c = await newContact();
    const logged = await tracer.post(`/api/v1/contacts/${c.id}/tracing`, {
      at: new Date().toISOString(),
      phone: '+86 138-1234-5678',
      outcome: 'no_answer',
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json()).toMatchObject({ phone: '13812345678', outcome: 'no_answer' });
    const seen = (await commander.get(`/api/v1/contacts/${c.id}`)).json<{
      tracing: Array<{ phone: string }>;
      person: { masked: boolean };
    }>();
    expect(seen.tracing[0]?.phone).toBe('138****5678');
    expect(seen.person.masked).toBe(true);
    expect(
      (
        await site.post(`/api/v1/contacts/${c.id}/tracing`, {
          at: new Date().toISOString(),
          phone: '13812345678',
          outcome: 'reached',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('quarantine sites', () => {
  it('enforces room and site capacity with 409 naming the field, and shows the board', async () => {
    const created = await lead.post('/api/v1/quarantine-sites', {
      name: '离石区某宾馆集中隔离点（测试）',
      address: '离石区滨河北路 1 号',
      divisionCode: '141102001000',
      capacity: 2,
      manager: '刘隔离点',
      phone: '0358-8221234',
      rooms: [
        { number: '101', beds: 1 },
        { number: '102', beds: 1 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json<{ id: number; rooms: Array<{ id: number; number: string }> }>();
    const [r101, r102] = s.rooms;
    const place = async (c: C, roomId?: number) =>
      site.post(`/api/v1/contacts/${c.id}/placements`, {
        kind: 'site',
        version: c.version,
        siteId: s.id,
        ...(roomId === undefined ? {} : { roomId }),
        checkInAt: new Date().toISOString(),
      });
    const a = await notify(await newContact());
    const b = await notify(await newContact());
    const c = await notify(await newContact());
    expect((await place(a, r101?.id)).statusCode).toBe(201);
    const full = await place(b, r101?.id);
    expect(full.statusCode).toBe(409);
    expect(full.json().error.details[0]).toMatchObject({ field: 'roomId', code: 'room_full' });
    expect((await place(b, r102?.id)).statusCode).toBe(201);
    const siteFull = await place(c);
    expect(siteFull.statusCode).toBe(409);
    expect(siteFull.json().error.details[0]).toMatchObject({ field: 'siteId', code: 'site_full' });

    const board = await commander.get(`/api/v1/quarantine-sites/${s.id}/board`);
    expect(board.statusCode, board.body).toBe(200);
    const b0 = board.json<{
      freeBeds: number;
      rooms: Array<{ number: string; freeBeds: number; occupants: Array<{ person: { masked: boolean } }> }>;
    }>();
    expect(b0.freeBeds).toBe(0);
    expect(b0.rooms.map((r) => [r.number, r.freeBeds, r.occupants.length])).toEqual([
      ['101', 0, 1],
      ['102', 0, 1],
    ]);
    expect(b0.rooms[0]?.occupants[0]?.person.masked).toBe(true);
    const onSite = await tracer.get(`/api/v1/contacts?siteId=${s.id}`);
    expect(onSite.json<{ items: unknown[] }>().items).toHaveLength(2);
  });
});

describe('follow-ups and alerts', () => {
  it('refuses temperatures outside 35.0–42.0 naming the field; fever raises an alert to acknowledge and close', async () => {
    const c = await placeAtHome(await notify(await newContact()));
    for (const temperature of [34.9, 42.1]) {
      const bad = await site.post(`/api/v1/contacts/${c.id}/follow-ups`, {
        at: new Date().toISOString(),
        temperature,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0]).toMatchObject({ field: 'temperature', code: 'temperature_range' });
    }
    const normal = await site.post(`/api/v1/contacts/${c.id}/follow-ups`, {
      at: new Date().toISOString(),
      temperature: 36.5,
    });
    expect(normal.json()).toMatchObject({ alertId: null, symptoms: [] });
    const fever = await site.post(`/api/v1/contacts/${c.id}/follow-ups`, {
      at: new Date().toISOString(),
      temperature: 37.8,
      symptoms: ['cough'],
    });
    expect(fever.statusCode, fever.body).toBe(201);
    const alertId = fever.json<{ alertId: number }>().alertId;
    const open = await site.get('/api/v1/alerts?status=open');
    const alert = open
      .json<{ items: Array<{ id: number; version: number; reasons: string[]; suggestion: string }> }>()
      .items.find((a) => a.id === alertId);
    expect(alert).toMatchObject({ reasons: ['fever', 'cough'], suggestion: 'transfer' });
    const ack = await site.post(`/api/v1/alerts/${alertId}/acknowledge`, { version: alert?.version });
    expect(ack.statusCode, ack.body).toBe(200);
    const stale = await site.post(`/api/v1/alerts/${alertId}/close`, { version: alert?.version });
    expect(stale.statusCode).toBe(409);
    const closed = await site.post(`/api/v1/alerts/${alertId}/close`, {
      version: ack.json().version,
      note: '已采样，阴性',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', closedBy: 'site' });
    const still = await site.get('/api/v1/alerts?status=open');
    expect(still.json<{ items: Array<{ id: number }> }>().items.some((a) => a.id === alertId)).toBe(false);
    const notObserved = await newContact();
    const refused = await site.post(`/api/v1/contacts/${notObserved.id}/follow-ups`, {
      at: new Date().toISOString(),
      temperature: 36.5,
    });
    expect(refused.statusCode).toBe(409);
  });

  it('computes missed follow-up days and who is due today', async () => {
    const c = await placeAtHome(
      await notify(await newContact(caseId, { firstExposureAt: at(-4, 8), lastExposureAt: at(-4, 9) })),
      at(-3, 9),
    );
    await site.post(`/api/v1/contacts/${c.id}/follow-ups`, { at: at(-2, 8), temperature: 36.6 });
    const detail = (await site.get(`/api/v1/contacts/${c.id}`)).json<{
      missedFollowUps: Array<{ date: string; expected: number; recorded: number }>;
    }>();
    expect(detail.missedFollowUps).toEqual([
      { date: day(-3), expected: 1, recorded: 0 },
      { date: day(-1), expected: 1, recorded: 0 },
    ]);
    const due = await site.get('/api/v1/follow-ups/due?limit=500');
    expect(due.statusCode, due.body).toBe(200);
    expect(due.json<{ items: Array<{ contactId: number }> }>().items.map((i) => i.contactId)).toContain(c.id);
    await site.post(`/api/v1/contacts/${c.id}/follow-ups`, {
      at: new Date().toISOString(),
      temperature: 36.6,
    });
    const after = await site.get('/api/v1/follow-ups/due?limit=500');
    expect(after.json<{ items: Array<{ contactId: number }> }>().items.map((i) => i.contactId)).not.toContain(
      c.id,
    );
    expect((await site.post(`/api/v1/cases/${caseId}/contacts`, contactBody(999))).statusCode).toBe(403);
  });
  it('lists the recorded checks newest first, page by page, by contact, day range and outcome', async () => {
    const c = await placeAtHome(
      await notify(await newContact(caseId, { firstExposureAt: at(-5, 8), lastExposureAt: at(-5, 9) })),
      at(-4, 9),
    );
    const checks: Array<[string, number, string[]]> = [
      [at(-3, 8), 36.5, []],
      [at(-2, 8), 36.6, []],
      [at(-2, 20), 37.9, ['cough']],
      [at(-1, 8), 36.4, []],
      [at(-1, 8), 36.7, []],
    ];
    const ids: number[] = [];
    for (const [when, temperature, symptoms] of checks) {
      const recorded = await site.post(`/api/v1/contacts/${c.id}/follow-ups`, {
        at: when,
        temperature,
        symptoms,
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      ids.push(recorded.json<{ id: number }>().id);
    }
    type Page = { items: Array<{ id: number; alertId: number | null }>; nextCursor: string | null };
    const pages = async (query: string) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const response = await tracer.get(
          `/api/v1/follow-ups?contactId=${c.id}&limit=2&${query}${cursor === null ? '' : `&cursor=${cursor}`}`,
        );
        expect(response.statusCode, response.body).toBe(200);
        const page = response.json<Page>();
        seen.push(...page.items.map((f) => f.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return seen;
    };
    const [first, second, fever, fourth, fifth] = ids;
    // Two checks at the same minute come out newest id first.
    expect(await pages('')).toEqual([fifth, fourth, fever, second, first]);
    expect(await pages('abnormal=true')).toEqual([fever]);
    expect(await pages('abnormal=false')).toEqual([fifth, fourth, second, first]);
    expect(await pages(`from=${day(-2)}&to=${day(-2)}`)).toEqual([fever, second]);
    expect(await pages(`from=${day(-1)}`)).toEqual([fifth, fourth]);

    for (const [query, field] of [
      ['cursor=bm8', 'cursor'],
      [`from=${day(-1)}&to=${day(-2)}`, 'to'],
      ['abnormal=yes', 'abnormal'],
      ['contactId=x', 'contactId'],
    ]) {
      const bad = await tracer.get(`/api/v1/follow-ups?${query}`);
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json().error.details.map((d: { field?: string }) => d.field)).toContain(field);
    }

    // Another district's tracer sees none of them.
    const admin = await t.login('admin');
    expect((await admin.post('/api/v1/jurisdictions', { code: '141181', name: '孝义市' })).statusCode).toBe(
      201,
    );
    const created = await admin.post('/api/v1/users', {
      username: 'xiaoyi.followups',
      displayName: '孝义追踪',
      role: 'tracer',
      jurisdictionCode: '141181',
      password: 'a-long-enough-password',
    });
    expect(created.statusCode, created.body).toBe(201);
    const other = await t.login('xiaoyi.followups', 'a-long-enough-password');
    const hidden = await other.get(`/api/v1/follow-ups?contactId=${c.id}`);
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.json<Page>().items).toEqual([]);
  });
});
