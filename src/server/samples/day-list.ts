import { poolCode, sampleCode } from '../../core/lab/codes.ts';
import { maskAddress, maskName, maskPhone } from '../../core/identity/masking.ts';
import { sql } from 'kysely';
import type { Executor } from '../db/transaction.ts';
import { seesPersonal, type RecordActor } from '../persons/record-actor.ts';
import type { DayList } from './samples.schema.ts';
import { syncContactSamples } from './sampling-plans.ts';

const specimenNames: Record<string, string> = {
  throat_swab: '咽拭子',
  nasopharyngeal_swab: '鼻咽拭子',
  nasal_swab: '鼻拭子',
  anal_swab: '肛拭子',
  sputum: '痰',
  serum: '血清',
  other: '其他',
};
export const specimenName = (specimen: string): string => specimenNames[specimen] ?? specimen;

/**
 * What to collect on `date` inside the actor's jurisdiction (narrowed to `division`): every planned or
 * collected sample due that day or whose window is open, grouped by the quarantine site the person is in or
 * else by village (division). Contact tests due that day get their samples first, so the list is complete
 * even for tests planned after the last list. Names, phones and addresses are masked per role.
 */
export async function buildDayList(
  trx: Executor,
  actor: RecordActor,
  query: { date: string; division?: string | undefined },
): Promise<DayList> {
  const scope =
    query.division !== undefined && query.division.startsWith(actor.scope) ? query.division : actor.scope;
  if (
    query.division !== undefined &&
    !query.division.startsWith(actor.scope) &&
    !actor.scope.startsWith(query.division)
  ) {
    return { date: query.date, division: query.division, total: 0, collected: 0, groups: [] };
  }
  await syncContactSamples(trx, { dueDate: query.date, scope });
  const listed = trx
    .selectFrom('samples as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('divisions as d', 'd.code', 's.division_code')
    .leftJoin('placements as pl', (join) =>
      join
        .onRef('pl.contact_id', '=', 's.subject_id')
        .on('s.subject_type', '=', 'contact')
        .on('pl.check_out_at', 'is', null),
    )
    .leftJoin('quarantine_sites as q', 'q.id', 'pl.site_id')
    .select([
      's.id',
      's.status',
      's.specimen',
      's.label',
      's.subject_type',
      's.subject_id',
      's.division_code',
      's.pool_id',
      'p.name',
      'p.phone',
      'p.current_address',
      'd.name as division_name',
      'q.id as site_id',
      'q.name as site_name',
      'q.address as site_address',
    ])
    .where('s.division_code', 'like', `${scope}%`);
  // Two disjoint branches, each on its own index: what is due on the day (samples_day), and the planned
  // samples of an earlier day whose window is still open (samples_open_window: a window that outlasts its
  // first day, the condition repeated so that the partial index applies). As one OR the planner walked every
  // sample planned before the day.
  const dueOnDay = listed
    .where('s.planned_date', '=', query.date)
    .where('s.status', 'in', ['planned', 'collected', 'received', 'tested']);
  const stillOpen = listed
    .whereRef('s.window_end', '>', 's.planned_date')
    .where('s.window_end', '>=', query.date)
    .where('s.status', '=', sql.lit('planned'))
    .where('s.planned_date', '<', query.date);
  const rows = await trx
    .selectFrom(dueOnDay.unionAll(stillOpen).as('u'))
    .selectAll()
    .orderBy('u.division_code')
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  const personal = seesPersonal(actor, true);
  const groups = new Map<string, DayList['groups'][number]>();
  let collected = 0;
  for (const row of rows) {
    const site = row.site_id !== null;
    const key = site ? `site:${row.site_id}` : `division:${row.division_code}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        kind: site ? 'site' : 'division',
        name: site ? (row.site_name ?? '') : (row.division_name ?? row.division_code),
        entries: [],
      };
      groups.set(key, group);
    }
    if (row.status !== 'planned') {
      collected += 1;
    }
    const address = site ? row.site_address : row.current_address;
    group.entries.push({
      sampleId: Number(row.id),
      code: sampleCode(Number(row.id)),
      status:
        row.status === 'collected' || row.status === 'received' || row.status === 'tested'
          ? row.status
          : 'planned',
      specimen: row.specimen,
      label: row.label,
      subjectType: row.subject_type,
      subjectId: Number(row.subject_id),
      name: personal ? row.name : maskName(row.name),
      phone: row.phone === null ? null : personal ? row.phone : maskPhone(row.phone),
      address: address === null ? null : personal || site ? address : maskAddress(address),
      poolCode: row.pool_id === null ? null : poolCode(Number(row.pool_id)),
    });
  }
  return {
    date: query.date,
    division: query.division ?? null,
    total: rows.length,
    collected,
    groups: [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}
