import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewSampleRow } from '../../src/server/db/schema.ts';
import type { RecordActor } from '../../src/server/persons/record-actor.ts';
import { buildDayList } from '../../src/server/samples/day-list.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { sampleRow } from '../helpers/sample-rows.ts';

// The day list reads what is due on the day and what is still open from an earlier day in two branches on
// two indexes; whatever the mix of dates, windows and statuses, it lists exactly the samples of the
// single condition it replaced.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const days = ['2031-03-01', '2031-03-02', '2031-03-03', '2031-03-04', '2031-03-05'];
const statuses = ['planned', 'collected', 'received', 'tested', 'cancelled'];

describe('day list', () => {
  it('lists what is due on the day and the planned samples whose window is still open', async () => {
    const k = t.db.kysely;
    const person = await k.selectFrom('persons').select('id').orderBy('id').executeTakeFirstOrThrow();
    const rows: NewSampleRow[] = [];
    let i = 0;
    for (const planned of days) {
      for (const windowEnd of [...days.filter((d) => d >= planned), null]) {
        for (const status of statuses) {
          i += 1;
          rows.push(
            sampleRow({
              subject_id: 80_000 + i,
              person_id: Number(person.id),
              division_code: i % 2 === 0 ? '141102006001' : '141102001001',
              planned_date: planned,
              window_end: windowEnd,
              status,
            }),
          );
        }
      }
    }
    await k.insertInto('samples').values(rows).execute();
    const actor: RecordActor = { userId: null, username: 'test', role: 'sampler', scope: '141102', ip: null };
    for (const date of days) {
      for (const division of ['141102006', '141102']) {
        const list = await k.transaction().execute((trx) => buildDayList(trx, actor, { date, division }));
        const listed = list.groups.flatMap((g) => g.entries.map((e) => e.sampleId)).sort((a, b) => a - b);
        const expected = await k
          .selectFrom('samples')
          .select('id')
          .where('subject_id', '>', 80_000)
          .where('subject_id', '<=', 80_000 + i)
          .where('division_code', 'like', `${division}%`)
          .where('status', 'in', ['planned', 'collected', 'received', 'tested'])
          .where('planned_date', '<=', date)
          .where((eb) =>
            eb.or([
              eb('planned_date', '=', date),
              eb.and([eb('window_end', '>=', date), eb('status', '=', 'planned')]),
            ]),
          )
          .orderBy('id')
          .execute();
        const ours = new Set(expected.map((r) => Number(r.id)));
        expect(listed.filter((id) => ours.has(id))).toEqual(expected.map((r) => Number(r.id)));
        expect(expected.length).toBeGreaterThan(0);
      }
    }
  });
});
