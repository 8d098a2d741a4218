import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeMeasuresForCase } from '../../src/server/places/report-measures.ts';
import { createTestApp, type Session, type TestApp } from '../helpers/app.ts';
import { insertCase, insertTrajectoryEntry } from '../helpers/case-rows.ts';
import { multipartBody } from '../helpers/multipart.ts';

let t: TestApp;
let investigator: Session;

beforeAll(async () => {
  t = await createTestApp();
  investigator = await t.login('investigator');
});
afterAll(async () => {
  await t.close();
});

type Measure = {
  id: number;
  status: string;
  version: number;
  taskId: number | null;
  approvedBy: string | null;
};

describe('place measures', () => {
  it('suspension: recommended → approved (commander or lead only) → in force → lifted', async () => {
    const place = (
      await investigator.post('/api/v1/places', {
        name: '永宁大药房',
        type: 'pharmacy',
        divisionCode: '141102',
      })
    ).json<{ id: number }>();
    const recommended = await investigator.post(`/api/v1/places/${place.id}/suspensions`, {
      reason: '确诊病例到访，暂停营业并终末消毒',
    });
    expect(recommended.statusCode, recommended.body).toBe(201);
    let measure = recommended.json<Measure>();
    expect(measure.status).toBe('recommended');

    const early = await investigator.post(`/api/v1/place-measures/${measure.id}/enforce`, {
      version: measure.version,
      startsOn: '2020-01-25',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0].code).toBe('measure_transition');

    const byInvestigator = await investigator.post(`/api/v1/place-measures/${measure.id}/approve`, {
      version: measure.version,
    });
    expect(byInvestigator.statusCode).toBe(403);
    const commander = await t.login('commander');
    const approved = await commander.post(`/api/v1/place-measures/${measure.id}/approve`, {
      version: measure.version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    measure = approved.json<Measure>();
    expect(measure).toMatchObject({ status: 'approved', approvedBy: 'commander' });
    const stale = await investigator.post(`/api/v1/place-measures/${measure.id}/enforce`, {
      version: measure.version - 1,
      startsOn: '2020-01-25',
    });
    expect(stale.statusCode).toBe(409);
    measure = (
      await investigator.post(`/api/v1/place-measures/${measure.id}/enforce`, {
        version: measure.version,
        startsOn: '2020-01-25',
      })
    ).json<Measure>();
    expect(measure.status).toBe('in_force');
    const lifted = await investigator.post(`/api/v1/place-measures/${measure.id}/lift`, {
      version: measure.version,
      liftedOn: '2020-02-08',
      reason: '终末消毒完成，密接筛查阴性',
    });
    expect(lifted.json<Measure>().status).toBe('lifted');
    const actions = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('entity', '=', 'place_measure')
      .where('entity_id', '=', String(measure.id))
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'place_measure.recommend_suspension',
      'place_measure.approved',
      'place_measure.in_force',
      'place_measure.lifted',
    ]);
  });

  it('terminal disinfection makes a disinfect task, is recorded by the 消杀组 and closes the task; the report reads it', async () => {
    const { caseId } = await insertCase(t.db);
    const place = (
      await investigator.post('/api/v1/places', {
        name: '吕梁商厦',
        type: 'mall',
        divisionCode: '141102',
        venueCode: 'MALL-1',
      })
    ).json<{ id: number }>();
    await insertTrajectoryEntry(t.db, {
      caseId,
      start: '2020-01-22T06:00:00.000Z',
      end: '2020-01-22T08:00:00.000Z',
      placeName: '吕梁商厦',
      placeId: place.id,
    });
    const planned = await investigator.post(`/api/v1/places/${place.id}/disinfections`, {
      scope: '一层全部营业区域、电梯、卫生间',
      agent: '含氯消毒剂',
      concentration: '500 mg/L',
      caseId,
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const measure = planned.json<Measure>();
    const task = await t.db.kysely
      .selectFrom('tasks')
      .select(['type', 'status', 'subject_type'])
      .where('id', '=', measure.taskId ?? 0)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ type: 'disinfect', status: 'open', subject_type: 'place' });
    const disinfector = await t.login('disinfector');
    const done = await disinfector.post(`/api/v1/place-measures/${measure.id}/record-disinfection`, {
      version: measure.version,
      performedAt: '2020-01-25T10:00:00+08:00',
      operator: '孙消杀',
      evaluation: '物表采样 12 份，核酸均阴性',
    });
    expect(done.statusCode, done.body).toBe(200);
    const closed = await t.db.kysely
      .selectFrom('tasks')
      .select('status')
      .where('id', '=', measure.taskId ?? 0)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe('done');
    const forReport = await placeMeasuresForCase(t.db.kysely, caseId);
    expect(forReport.map((m) => [m.placeName, m.kind, m.status])).toEqual([
      ['吕梁商厦', 'disinfection', 'done'],
    ]);

    // The notice lists the visitors in the case's window, masked for roles without personal:read.
    const body = multipartBody([
      {
        name: 'file',
        filename: 'scans.csv',
        value:
          'person_id,place_id,start_ts,end_ts\nA1,MALL-1,2020-01-22T14:30:00+08:00,\nA2,MALL-1,2020-01-20T10:00:00+08:00,\n',
      },
      {
        name: 'personsRef',
        filename: 'persons.csv',
        value: 'person_id,name,document_type,document_number,phone\nA1,王小明,,,13912345678\n',
      },
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
    const notice = await investigator.get(`/api/v1/places/${place.id}/notice`);
    expect(
      notice.json().visitors.map((v: { externalId: string; phone: string }) => [v.externalId, v.phone]),
    ).toEqual([['A1', '13912345678']]);
    const masked = await disinfector.get(`/api/v1/places/${place.id}/notice.xlsx`);
    expect(masked.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from([masked.rawPayload]));
    const row = workbook.worksheets[0]?.getRow(3).values;
    expect(Array.isArray(row) ? row.slice(1, 6) : []).toEqual([1, 'A1', '王*明', '', '139****5678']);
  });
});
