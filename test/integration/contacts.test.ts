import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { at, contactBody, day, makeCase, makeOutbreak, residentId } from './contacts-fixtures.ts';

let t: TestApp;
let lead: Session;
let investigator: Session;
let tracer: Session;
let commander: Session;
let caseId: number;
let outbreakId: number;

beforeAll(async () => {
  t = await createTestApp();
  [lead, investigator, tracer, commander] = await Promise.all([
    t.login('lead'),
    t.login('investigator'),
    t.login('tracer'),
    t.login('commander'),
  ]);
  outbreakId = await makeOutbreak(lead, 'covid-ed8');
  caseId = await makeCase(investigator, outbreakId);
});
afterAll(async () => {
  await t.close();
});

async function countRows(table: 'contacts' | 'persons' | 'exposures' | 'audit_events'): Promise<number> {
  const row = await t.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type Detail = {
  id: number;
  version: number;
  status: string;
  observationEnd: string;
  plan: {
    phases: Array<{ type: string; start: string; end: string }>;
    tests: Array<{
      id: number;
      taskId: number;
      dueDate: string;
      status: string;
      phase: string;
      dayOfPhase: number;
    }>;
  };
  exposures: unknown[];
};

describe('adding contacts', () => {
  it('materialises the plan as dated sample tasks on the contact, and audits in the same transaction', async () => {
    const auditBefore = await countRows('audit_events');
    const created = await tracer.post(`/api/v1/cases/${caseId}/contacts`, contactBody(1));
    expect(created.statusCode, created.body).toBe(201);
    const contact = created.json<{
      id: number;
      status: string;
      observationEnd: string;
      person: { masked: boolean };
    }>();
    expect(contact.status).toBe('identified');
    expect(contact.person.masked).toBe(false);
    // covid-ed8: 14 days centralized + 7 days home monitoring from the day of the last exposure.
    expect(contact.observationEnd).toBe(day(-2 + 21));
    const detail = (await tracer.get(`/api/v1/contacts/${contact.id}`)).json<Detail>();
    expect(detail.plan.phases.map((p) => p.type)).toEqual(['centralized', 'home_monitoring']);
    expect(detail.plan.tests.map((x) => x.dueDate)).toEqual([1, 4, 7, 14, 16, 21].map((k) => day(-2 + k)));
    const tasks = await t.db.kysely
      .selectFrom('tasks')
      .select(['type', 'status', 'subject_type'])
      .where('subject_type', '=', 'contact')
      .where('subject_id', '=', contact.id)
      .execute();
    expect(tasks).toHaveLength(6);
    expect(tasks.every((x) => x.type === 'sample' && x.status === 'open')).toBe(true);
    const actions = await t.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'changes'])
      .where('seq', '>', auditBefore)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['person.create', 'contact.create', 'exposure.create']);
    expect(actions.map((a) => a.changes).join(' ')).not.toContain('密接1');
  });

  it('refuses an exposure outside the look-back window with 409 OUTSIDE_LOOKBACK, and records it when confirmed', async () => {
    const before = await countRows('contacts');
    const early = { firstExposureAt: at(-12, 8), lastExposureAt: at(-12, 9) };
    const refused = await tracer.post(`/api/v1/cases/${caseId}/contacts`, contactBody(2, early));
    expect(refused.statusCode, refused.body).toBe(409);
    const error = refused.json<{
      error: { code: string; details: Array<{ field: string; code: string; message: string }> };
    }>().error;
    expect(error.code).toBe('CONFLICT');
    expect(error.details[0]).toMatchObject({ field: 'exposure.lastExposureAt', code: 'outside_lookback' });
    expect(error.details[0]?.message).toContain(day(-5));
    expect(await countRows('contacts')).toBe(before);

    const confirmed = await tracer.post(
      `/api/v1/cases/${caseId}/contacts`,
      contactBody(2, { ...early, confirmOutsideWindow: true }),
    );
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const detail = (await tracer.get(`/api/v1/contacts/${confirmed.json<{ id: number }>().id}`)).json<{
      exposures: Array<{ outsideWindow: boolean }>;
    }>();
    expect(detail.exposures[0]?.outsideWindow).toBe(true);

    // Yesterday 05:00, after the case was received (yesterday 03:00, when it was isolated): a time today
    // could still be in the future just after midnight in Shanghai, which is a 400.
    const afterIsolation = await tracer.post(
      `/api/v1/cases/${caseId}/contacts`,
      contactBody(3, { firstExposureAt: at(-1, 5), lastExposureAt: at(-1, 6) }),
    );
    expect(afterIsolation.statusCode).toBe(409);
  });

  it('refuses bad times naming the field', async () => {
    const reversed = await tracer.post(
      `/api/v1/cases/${caseId}/contacts`,
      contactBody(4, { firstExposureAt: at(-2, 10), lastExposureAt: at(-2, 9) }),
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details[0]).toMatchObject({
      field: 'exposure.lastExposureAt',
      code: 'end_before_start',
    });
    const future = await tracer.post(
      `/api/v1/cases/${caseId}/contacts`,
      contactBody(4, { firstExposureAt: at(-2, 10), lastExposureAt: at(2, 9) }),
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0]).toMatchObject({
      field: 'exposure.lastExposureAt',
      code: 'in_future',
    });
  });

  it('restarts the plan on a new exposure: completed tests stay, pending ones are replaced without duplicates', async () => {
    const created = await tracer.post(`/api/v1/cases/${caseId}/contacts`, contactBody(5));
    const id = created.json<{ id: number }>().id;
    const first = (await tracer.get(`/api/v1/contacts/${id}`)).json<Detail>();
    const day1 = first.plan.tests[0];
    expect(day1).toBeDefined();
    const done = await investigator.post(`/api/v1/contacts/${id}/tests/${day1?.id}/result`, {
      result: 'negative',
    });
    expect(done.statusCode, done.body).toBe(200);

    const again = await tracer.post(`/api/v1/contacts/${id}/exposures`, {
      kind: 'household',
      firstExposureAt: at(-1, 1),
      lastExposureAt: at(-1, 2),
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json<{ observationEnd: string }>().observationEnd).toBe(day(-1 + 21));
    const after = (await tracer.get(`/api/v1/contacts/${id}`)).json<Detail>();
    expect(after.exposures).toHaveLength(2);
    const byStatus = (s: string) => after.plan.tests.filter((x) => x.status === s);
    expect(byStatus('done').map((x) => x.dueDate)).toEqual([day(-1)]);
    // The new day-1 test falls on day 0 … no: it is day(0), not the completed day(-1); the old plan's rest is cancelled.
    expect(byStatus('pending').map((x) => x.dueDate)).toEqual([1, 4, 7, 14, 16, 21].map((k) => day(-1 + k)));
    expect(byStatus('cancelled')).toHaveLength(5);
    const keys = byStatus('pending').map((x) => `${x.phase}|${x.dayOfPhase}|${x.dueDate}`);
    expect(new Set(keys).size).toBe(keys.length);
    const openTasks = await t.db.kysely
      .selectFrom('tasks')
      .select('id')
      .where('subject_type', '=', 'contact')
      .where('subject_id', '=', id)
      .where('status', '=', 'open')
      .execute();
    expect(openTasks).toHaveLength(6);

    // The same exposure again changes nothing in the plan.
    await tracer.post(`/api/v1/contacts/${id}/exposures`, {
      kind: 'household',
      firstExposureAt: at(-1, 1),
      lastExposureAt: at(-1, 2),
    });
    const same = (await tracer.get(`/api/v1/contacts/${id}`)).json<Detail>();
    expect(same.plan.tests.filter((x) => x.status === 'pending')).toHaveLength(6);
  });

  it('refuses secondary contacts where the preset does not determine them', async () => {
    const outbreak = await makeOutbreak(lead, 'covid-2022-11');
    const kase = await makeCase(investigator, outbreak);
    const close = await tracer.post(`/api/v1/cases/${kase}/contacts`, contactBody(6));
    expect(close.statusCode, close.body).toBe(201);
    const secondary = await tracer.post(
      `/api/v1/contacts/${close.json<{ id: number }>().id}/secondary-contacts`,
      {
        person: { name: '次密接' },
        exposure: {
          kind: 'same_space',
          setting: 'office',
          firstExposureAt: at(-1, 8),
          lastExposureAt: at(-1, 9),
        },
      },
    );
    expect(secondary.statusCode).toBe(400);
    expect(secondary.json().error.details[0]).toMatchObject({
      field: 'classification',
      code: 'secondary_not_determined',
    });
  });
});

describe('bulk paste', () => {
  function row(n: number, extra: Record<string, unknown> = {}) {
    return {
      name: `粘贴${n}`,
      documentType: 'resident_id',
      documentNumber: residentId(100 + n),
      phone: `1391111${String(n).padStart(4, '0')}`,
      kind: 'shared_meal_or_entertainment',
      firstExposureAt: at(-2, 18),
      lastExposureAt: at(-2, 20),
      ...extra,
    };
  }

  it('answers 400 for all bad rows by row number and writes nothing', async () => {
    const before = {
      contacts: await countRows('contacts'),
      persons: await countRows('persons'),
      audit: await countRows('audit_events'),
    };
    const response = await tracer.post(`/api/v1/cases/${caseId}/contacts/bulk`, {
      rows: [
        row(1),
        row(2, { phone: '12345' }),
        row(3),
        row(4, { documentNumber: '141102198001010000', kind: 'hugging' }),
        row(5, { firstExposureAt: at(-12, 8), lastExposureAt: at(-12, 9) }),
        row(6, { name: undefined }),
      ],
    });
    expect(response.statusCode, response.body).toBe(400);
    const fields = response
      .json<{ error: { details: Array<{ field: string }> } }>()
      .error.details.map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['rows.1.phone', 'rows.3.kind', 'rows.4.lastExposureAt', 'rows.5.name']),
    );
    expect(fields.some((f) => f.startsWith('rows.0.') || f.startsWith('rows.2.'))).toBe(false);
    expect(await countRows('contacts')).toBe(before.contacts);
    expect(await countRows('persons')).toBe(before.persons);
    expect(await countRows('audit_events')).toBe(before.audit);
  });

  it('creates all rows in one go, de-duplicating persons and adding exposures to existing contacts', async () => {
    const first = await tracer.post(`/api/v1/cases/${caseId}/contacts/bulk`, { rows: [row(10), row(11)] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ created: 2, exposuresAdded: 0 });
    const personsBefore = await countRows('persons');
    const second = await tracer.post(`/api/v1/cases/${caseId}/contacts/bulk`, {
      rows: [row(10, { firstExposureAt: at(-2, 21), lastExposureAt: at(-2, 22) }), row(12), row(12)],
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ created: 1, exposuresAdded: 2 });
    expect(await countRows('persons')).toBe(personsBefore + 1);
  });
});

describe('lists, masking and versions', () => {
  it('masks personal fields for a role without personal:read and filters by case and status', async () => {
    const list = await commander.get(`/api/v1/contacts?caseId=${caseId}&status=identified&limit=2`);
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json<{
      items: Array<{ person: { name: string; phone: string; masked: boolean } }>;
      nextCursor: string;
    }>();
    expect(page.items).toHaveLength(2);
    expect(page.items.every((c) => c.person.masked && c.person.phone.includes('*'))).toBe(true);
    const next = await commander.get(
      `/api/v1/contacts?caseId=${caseId}&status=identified&limit=2&cursor=${page.nextCursor}`,
    );
    expect(next.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
    const open = await tracer.get(`/api/v1/contacts?q=${encodeURIComponent('密接1')}`);
    expect(
      open.json<{ items: Array<{ person: { name: string; masked: boolean } }> }>().items[0]?.person,
    ).toMatchObject({
      name: '密接1',
      masked: false,
    });
    expect((await commander.post(`/api/v1/cases/${caseId}/contacts`, contactBody(30))).statusCode).toBe(403);
  });

  it('lists contacts with a test due today: overdue test days move to the placement day', async () => {
    const created = await tracer.post(`/api/v1/cases/${caseId}/contacts`, contactBody(31));
    const contact = created.json<{ id: number; version: number }>();
    const notified = await tracer.post(`/api/v1/contacts/${contact.id}/status`, {
      version: contact.version,
      to: 'notified',
    });
    const placed = await investigator.post(`/api/v1/contacts/${contact.id}/placements`, {
      kind: 'home',
      version: notified.json<{ version: number }>().version,
      address: '离石区滨河街道某小区 3-2-501',
      divisionCode: '141102001001',
      checkInAt: new Date().toISOString(),
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const detail = (await tracer.get(`/api/v1/contacts/${contact.id}`)).json<Detail>();
    // The day-1 test (yesterday) is due on the placement day, today.
    const pending = detail.plan.tests.filter((x) => x.status === 'pending');
    expect(pending[0]).toMatchObject({ dayOfPhase: 1, dueDate: day(0) });
    const due = await tracer.get('/api/v1/contacts?dueToday=true&limit=200');
    expect(due.json<{ items: Array<{ id: number }> }>().items.map((c) => c.id)).toContain(contact.id);
  });

  it('answers 409 to a stale version and writes nothing', async () => {
    const created = await tracer.post(`/api/v1/cases/${caseId}/contacts`, contactBody(32));
    const contact = created.json<{ id: number; version: number }>();
    const ok = await tracer.post(`/api/v1/contacts/${contact.id}/status`, {
      version: contact.version,
      to: 'notified',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await tracer.post(`/api/v1/contacts/${contact.id}/status`, {
      version: contact.version,
      to: 'lost',
      reason: '电话空号',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const after = (await tracer.get(`/api/v1/contacts/${contact.id}`)).json<Detail>();
    expect(after.status).toBe('notified');
  });
});
