// Per-query times of the dashboard (median of a few runs), printed by dashboard.bench.ts so that a slow
// number can be traced to its query before reading its plan.
import type { Db } from '../src/server/db/connect.ts';
import * as counters from '../src/server/dashboard/dashboard.repository.ts';
import * as work from '../src/server/dashboard/dashboard-work.repository.ts';
import { medianOf } from './timing.ts';

export async function profileQueries(db: Db, outbreakId: number, runs = 5): Promise<string> {
  const k = db.kysely;
  const f = { scope: '141102', outbreakId };
  const dayStart = '2020-01-31T16:00:00.000Z';
  const dayEnd = '2020-02-01T16:00:00.000Z';
  const zone = { timeZone: 'Asia/Shanghai', offsetMinutes: 480 };
  const at = '2020-02-01T12:00:00.000Z';
  const queries: Array<[string, () => Promise<unknown>]> = [
    ['new cases (one day)', () => counters.casesReceivedBetween(k, f, dayStart, dayEnd)],
    ['last confirmation (jurisdiction)', () => counters.lastConfirmations(k, f, dayEnd, 0)],
    ['last confirmation (by street)', () => counters.lastConfirmations(k, f, dayEnd, 9)],
    ['observation by site', () => counters.observationBySite(k, f)],
    ['contacts by status, releases', () => counters.contactCounts(k, f, '2020-02-01')],
    ['epi curve (onset)', () => counters.epiCurve(k, db.dialect, f, 'onset', zone)],
    ['epi curve (report)', () => counters.epiCurve(k, db.dialect, f, 'report', zone)],
    ['contacts per case', () => counters.contactsPerCase(k, f)],
    ['samples by status', () => counters.sampleStatusCounts(k, f, '2020-02-01')],
    ['samples tested, positive', () => work.sampleResultCounts(k, f, dayStart, dayEnd)],
    [
      'overdue investigations',
      () => work.overdueInvestigations(k, f, { dispatch: at, coreInfo: at, report: at }),
    ],
    ['overdue tasks', () => work.overdueTasks(k, f, at)],
  ];
  const lines = ['| query | median wall ms | median cpu ms |', '|---|---:|---:|'];
  for (const [name, run] of queries) {
    const sample = await medianOf(runs, run);
    lines.push(`| ${name} | ${sample.wall.toFixed(1)} | ${sample.cpu.toFixed(1)} |`);
  }
  return lines.join('\n');
}
