import { dayNumber } from '../../core/chains/index.ts';
import { overdueThreshold } from '../../core/investigations/clocks.ts';
import { dateIn, nextDate, offsetMinutes, startOfDay } from '../../core/time/zone.ts';
import type { Dialect } from '../db/connect.ts';
import type { Executor } from '../db/transaction.ts';
import { slaOf, type SlaSettings } from '../investigations/investigations.service.ts';
import * as recount from './dashboard-recount.ts';
import {
  childDivisions,
  overdueInvestigations,
  overdueTasks,
  sampleResultCounts,
} from './dashboard-work.repository.ts';
import * as counters from './dashboard.repository.ts';
import type { DashboardFilter } from './dashboard.repository.ts';
import type { Dashboard, DashboardQuery } from './dashboard.schema.ts';

export type DashboardActor = { scope: string; jurisdictionCode: string };
export type DashboardSettings = SlaSettings & { timeZone: string };

function previousDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function tally(rows: ReadonlyArray<{ classification: string; n: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    out[r.classification] = (out[r.classification] ?? 0) + r.n;
  }
  return out;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/** The median of a histogram of (k contacts, how many cases) sorted by k, over its `total` cases. */
function medianOf(histogram: ReadonlyArray<{ k: number; cases: number }>, total: number): number | null {
  if (total === 0) {
    return null;
  }
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (const d of histogram) {
      seen += d.cases;
      if (rank < seen) {
        return d.k;
      }
    }
    return histogram.at(-1)?.k ?? 0;
  };
  const middle = Math.floor(total / 2);
  return total % 2 === 1 ? valueAt(middle) : (valueAt(middle - 1) + valueAt(middle)) / 2;
}

/** Where the grouped numbers come from: the counters of migration 0008, or a recount of the records. */
export type DashboardSource = 'counters' | 'recount';

/**
 * The command dashboard for one day: the large numbers from the counters kept with every write (or, when
 * asked or when the zone's offset is not a whole number of hours, recounted from the records), the small
 * ones from partial indexes; one query after another on the request's connection.
 */
export async function dashboardOf(
  db: Executor,
  dialect: Dialect,
  actor: DashboardActor,
  query: DashboardQuery,
  settings: DashboardSettings,
  source: DashboardSource = 'counters',
): Promise<Dashboard> {
  const started = performance.now();
  const { timeZone } = settings;
  const date = query.date ?? dateIn(new Date(), timeZone);
  const f: DashboardFilter = { scope: actor.scope, outbreakId: query.outbreakId };
  const yesterday = previousDate(date);
  const dayStart = startOfDay(date, timeZone);
  const dayEnd = startOfDay(nextDate(date), timeZone);
  const yesterdayStart = startOfDay(yesterday, timeZone);
  const offset = offsetMinutes(new Date(dayStart), timeZone);
  const wholeHours = [dayStart, dayEnd, yesterdayStart].every((i) => i.slice(14, 23) === '00:00.000');
  const q = source === 'counters' && offset % 60 === 0 && wholeHours ? counters : recount;

  const today = await q.casesReceivedBetween(db, f, dayStart, dayEnd);
  const before = await q.casesReceivedBetween(db, f, yesterdayStart, dayStart);

  const children = await childDivisions(db, actor.jurisdictionCode);
  const own = await db
    .selectFrom('divisions')
    .select(['code', 'name'])
    .where('code', '=', actor.jurisdictionCode)
    .executeTakeFirst();
  const streakOf = (last: string | undefined) => {
    if (last === undefined) {
      return { lastConfirmedOn: null, days: null };
    }
    const on = dateIn(new Date(last), timeZone);
    return { lastConfirmedOn: on, days: dayNumber(date) - dayNumber(on) };
  };
  const whole = await q.lastConfirmations(db, f, dayEnd, 0);
  const prefixLength = children[0]?.scope.length ?? 0;
  const byChild = prefixLength > 0 ? await q.lastConfirmations(db, f, dayEnd, prefixLength) : [];
  const lastByPrefix = new Map(byChild.map((r) => [r.prefix, r.last]));

  const sites = await q.observationBySite(db, f);
  const contacts = await q.contactCounts(db, f, date);
  const samples = {
    ...(await q.sampleStatusCounts(db, f, date)),
    ...(await sampleResultCounts(db, f, dayStart, dayEnd)),
  };
  const sla = slaOf(settings);
  const at = new Date();
  const investigations = await overdueInvestigations(db, f, {
    dispatch: overdueThreshold(sla.dispatchMinutes * 60_000, at),
    coreInfo: sla.coreInfoHours === null ? null : overdueThreshold(sla.coreInfoHours * 3_600_000, at),
    report: overdueThreshold(sla.reportHours * 3_600_000, at),
  });
  const tasks = await overdueTasks(db, f, at.toISOString());
  const curveRows = await q.epiCurve(db, dialect, f, query.curve, { timeZone, offsetMinutes: offset });
  const perCase = await q.contactsPerCase(db, f);
  const cases = sum(perCase.histogram.map((d) => d.cases));

  const days = new Map<string, Record<string, number>>();
  for (const r of curveRows) {
    const counts = days.get(r.day) ?? {};
    counts[r.classification] = (counts[r.classification] ?? 0) + r.n;
    days.set(r.day, counts);
  }
  const direct = sum(perCase.histogram.map((d) => d.k * d.cases));
  const todayCounts = tally(today);
  const yesterdayCounts = tally(before);
  return {
    date,
    timeZone,
    newCases: {
      today: todayCounts,
      yesterday: yesterdayCounts,
      todayTotal: sum(Object.values(todayCounts)),
      yesterdayTotal: sum(Object.values(yesterdayCounts)),
    },
    zeroStreak: {
      jurisdiction: {
        code: actor.jurisdictionCode,
        name: own?.name ?? actor.jurisdictionCode,
        ...streakOf(whole[0]?.last),
      },
      divisions: children.map((c) => ({
        code: c.code,
        name: c.name,
        ...streakOf(lastByPrefix.get(c.scope)),
      })),
    },
    observation: {
      total: sum(sites.map((s) => s.n)),
      bySite: sites.map((s) => ({ kind: s.kind, siteId: s.site_id, siteName: s.site_name, count: s.n })),
    },
    releases: { dueToday: contacts.dueToday, overdue: contacts.overdue },
    samples: {
      source: 'samples',
      dueToday: samples.plannedToday,
      pendingOverdue: samples.notCollected,
      inTransit: samples.inTransit,
      awaitingResults: samples.awaitingResults,
      doneToday: samples.testedToday,
      positive: samples.positive,
    },
    overdue: { investigations, tasks },
    epiCurve: {
      by: query.curve,
      days: [...days.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([d, counts]) => ({ date: d, counts })),
    },
    contacts: {
      total: perCase.total,
      byStatus: Object.fromEntries(contacts.byStatus.map((s) => [s.status, s.n])),
      perCase: {
        cases,
        mean: cases === 0 ? null : direct / cases,
        median: medianOf(perCase.histogram, cases),
      },
      becameCases: perCase.converted,
    },
    computedMs: Math.round(performance.now() - started),
  };
}
