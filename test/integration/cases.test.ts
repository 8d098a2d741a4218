import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { countRows, demoOutbreakId, reportCase, withCheck } from './cases-fixtures.ts';

let t: TestApp;
let investigator: Session;
let outbreakId: number;
beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
  outbreakId = await demoOutbreakId(investigator);
});
afterAll(async () => {
  await t.close();
});

describe('reporting a case', () => {
  it('creates the person, the case number, the investigation and its two tasks in one go', async () => {
    const lead = (await t.login('lead')).username;
    const leadRow = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', lead)
      .executeTakeFirstOrThrow();
    const response = await investigator.post('/api/v1/cases', {
      outbreakId,
      receivedAt: '2020-02-02T03:00:00+08:00',
      reportingInstitution: '吕梁市人民医院',
      discoveryRoute: 'clinic_visit',
      onsetDate: '2020-01-31',
      onsetApproximate: true,
      leadUserId: Number(leadRow.id),
      person: {
        name: '新病例',
        documentType: 'resident_id',
        documentNumber: withCheck('14110219700101001'),
        phone: '13812340000',
        divisionCode: '141102006002',
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const kase = response.json();
    expect(kase).toMatchObject({
      caseNumber: expect.stringMatching(/^LS-2020-\d{4}$/),
      classification: 'suspected',
      divisionCode: '141102006002',
      receivedAt: '2020-02-01T19:00:00.000Z',
      onsetApproximate: true,
      status: 'in_hospital',
      investigation: { state: 'pending_dispatch' },
      person: { name: '新病例', sex: 'male', birthDate: '1970-01-01' },
      version: 1,
    });
    expect(kase.classificationHistory).toEqual([
      expect.objectContaining({ from: null, to: 'suspected', username: 'investigator' }),
    ]);
    const tasks = (
      await investigator.get(`/api/v1/tasks?subjectType=investigation&subjectId=${kase.investigation.id}`)
    ).json().items;
    expect(
      tasks.map((task: { type: string; dueAt: string; assigneeId: number }) => [
        task.type,
        task.dueAt,
        task.assigneeId,
      ]),
    ).toEqual([
      ['dispatch', '2020-02-01T19:15:00.000Z', Number(leadRow.id)],
      ['report', '2020-02-02T19:00:00.000Z', Number(leadRow.id)],
    ]);
    const events = await t.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['case.report', 'person.create'])
      .where('actor_username', '=', 'investigator')
      .execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['case.report', 'person.create']));
  });

  it('numbers cases from the outbreak mask without gaps or repeats', async () => {
    const a = await reportCase(investigator, outbreakId);
    const b = await reportCase(investigator, outbreakId);
    const n = (s: string) => Number(s.slice(-4));
    expect(n(b.caseNumber)).toBe(n(a.caseNumber) + 1);
  });

  it('a failure after the person was created leaves nothing behind: no person, case, task or audit event', async () => {
    const before = await Promise.all(
      (['persons', 'cases', 'tasks', 'investigations', 'audit_events'] as const).map((table) =>
        countRows(t, table),
      ),
    );
    const response = await investigator.post('/api/v1/cases', {
      outbreakId,
      receivedAt: '2020-02-02T03:00:00+08:00',
      reportingInstitution: '吕梁市人民医院',
      discoveryRoute: 'clinic_visit',
      leadUserId: 999_999,
      person: { name: '回滚者', divisionCode: '141102006001' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('leadUserId');
    const after = await Promise.all(
      (['persons', 'cases', 'tasks', 'investigations', 'audit_events'] as const).map((table) =>
        countRows(t, table),
      ),
    );
    expect(after).toEqual(before);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await countRows(t, 'cases');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ discoveryRoute: 'rumour' }, 'discoveryRoute'],
      [{ classification: 'probable' }, 'classification'],
      [{ receivedAt: '2020-02-30T10:00:00+08:00' }, 'receivedAt'],
      [{ receivedAt: '2999-01-01T00:00:00+08:00' }, 'receivedAt'],
      [{ onsetDate: '2020-02-01', diagnosedAt: '2020-01-30T10:00:00+08:00' }, 'diagnosedAt'],
      [{ person: { name: '坏电话', phone: '12345', divisionCode: '141102' } }, 'person.phone'],
      [
        {
          person: {
            name: '坏证件',
            documentType: 'resident_id',
            documentNumber: '110105194912310021',
            divisionCode: '141102',
          },
        },
        'documentNumber',
      ],
      [{ divisionCode: '141101' }, 'divisionCode'],
      [{ outbreakId: 999_999 }, 'outbreakId'],
    ];
    for (const [overrides, field] of cases) {
      const response = await investigator.post('/api/v1/cases', {
        outbreakId,
        receivedAt: '2020-02-01T10:00:00+08:00',
        reportingInstitution: '吕梁市人民医院',
        discoveryRoute: 'clinic_visit',
        person: { name: '坏输入', divisionCode: '141102006001' },
        ...overrides,
      });
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await countRows(t, 'cases')).toBe(before);
  });

  it('permissions: the commander reads but cannot report; the admin sees no records; the tracer reads', async () => {
    const commander = await t.login('commander');
    expect((await commander.get('/api/v1/cases')).statusCode).toBe(200);
    const refused = await commander.post('/api/v1/cases', { outbreakId });
    expect(refused.statusCode).toBe(403);
    const admin = await t.login('admin');
    expect((await admin.get('/api/v1/cases')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/persons')).statusCode).toBe(403);
    const tracer = await t.login('tracer');
    expect((await tracer.get('/api/v1/cases')).statusCode).toBe(200);
    expect((await tracer.patch('/api/v1/cases/1', { version: 1 })).statusCode).toBe(403);
  });
});

describe('editing a case', () => {
  it('a stale edit gets 409 and overwrites nothing', async () => {
    const kase = await reportCase(investigator, outbreakId);
    const first = await investigator.patch(`/api/v1/cases/${kase.id}`, {
      version: 1,
      hospital: '吕梁市人民医院',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await investigator.patch(`/api/v1/cases/${kase.id}`, {
      version: 1,
      hospital: '离石区人民医院',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await investigator.get(`/api/v1/cases/${kase.id}`)).json().hospital).toBe('吕梁市人民医院');
  });

  it('correcting the received time moves the open tasks’ due times with the clocks', async () => {
    const kase = await reportCase(investigator, outbreakId);
    const edited = await investigator.patch(`/api/v1/cases/${kase.id}`, {
      version: 1,
      receivedAt: '2020-02-01T12:00:00+08:00',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const tasks = (
      await investigator.get(`/api/v1/tasks?subjectType=investigation&subjectId=${kase.investigation.id}`)
    ).json().items;
    expect(tasks.map((task: { dueAt: string }) => task.dueAt)).toEqual([
      '2020-02-01T04:15:00.000Z',
      '2020-02-02T04:00:00.000Z',
    ]);
  });

  it('a case outside the caller’s jurisdiction does not exist for them', async () => {
    const kase = await reportCase(investigator, outbreakId, { divisionCode: '141102101001' });
    const sampler = await t.login('sampler');
    expect((await sampler.get(`/api/v1/cases/${kase.id}`)).statusCode).toBe(404);
  });
});

describe('classification', () => {
  it('an exclusion needs two negative NATs ≥ 24 h apart; every change is kept', async () => {
    const kase = await reportCase(investigator, outbreakId);
    const url = `/api/v1/cases/${kase.id}/classification`;
    const bare = await investigator.post(url, { to: 'excluded', reason: '症状好转' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0]).toMatchObject({ field: 'evidence', code: 'exclusion_evidence' });
    const tooClose = await investigator.post(url, {
      to: 'excluded',
      reason: '两次阴性',
      evidence: [
        { kind: 'nat', at: '2020-02-02T08:00:00+08:00', result: 'negative' },
        { kind: 'nat', at: '2020-02-03T07:00:00+08:00', result: 'negative' },
      ],
    });
    expect(tooClose.statusCode).toBe(400);
    const ok = await investigator.post(url, {
      to: 'excluded',
      reason: '两次核酸阴性，间隔 24 小时以上',
      evidence: [
        { kind: 'nat', at: '2020-02-02T08:00:00+08:00', result: 'negative', specimen: '咽拭子' },
        { kind: 'nat', at: '2020-02-03T08:00:00+08:00', result: 'negative', specimen: '咽拭子' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().classification).toBe('excluded');
    const last = ok.json().classificationHistory.at(-1);
    expect(last).toMatchObject({ from: 'suspected', to: 'excluded', username: 'investigator' });
    expect(last.evidence).toHaveLength(2);
  });

  it('asymptomatic → confirmed keeps the history; confirmed is final; unknown values are named', async () => {
    const kase = await reportCase(investigator, outbreakId, { classification: 'asymptomatic' });
    const url = `/api/v1/cases/${kase.id}/classification`;
    const confirmed = await investigator.post(url, { to: 'confirmed', reason: '出现发热、咳嗽症状' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(
      confirmed.json().classificationHistory.map((h: { from: string | null; to: string }) => [h.from, h.to]),
    ).toEqual([
      [null, 'asymptomatic'],
      ['asymptomatic', 'confirmed'],
    ]);
    const back = await investigator.post(url, { to: 'suspected', reason: '误报' });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.details[0]).toMatchObject({ field: 'to', code: 'classification_transition' });
    const unknown = await investigator.post(url, { to: 'probable', reason: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('to');
    const stale = await investigator.post(url, { to: 'excluded', reason: 'x', version: 1 });
    expect(stale.statusCode).toBe(409);
  });

  it('the demo tells the story: the first case was suspected, then confirmed, with the reason', async () => {
    const page = (await investigator.get('/api/v1/cases?q=LS-2020-0001')).json();
    const first = (await investigator.get(`/api/v1/cases/${page.items[0].id}`)).json();
    expect(first).toMatchObject({
      receivedAt: '2020-01-24T19:00:00.000Z',
      reportingInstitution: '吕梁市人民医院',
      discoveryRoute: 'clinic_visit',
      classification: 'confirmed',
    });
    expect(first.classificationHistory.map((h: { to: string }) => h.to)).toEqual(['suspected', 'confirmed']);
    expect(first.classificationHistory[1].reason).toContain('核酸检测阳性');
  });
});
