import { sql } from 'kysely';
import type { Dialect } from '../db/connect.ts';
import type { Executor } from '../db/transaction.ts';

/** Every dashboard query is scoped to the actor's jurisdiction and, when asked, one outbreak. */
export type DashboardFilter = { scope: string; outbreakId: number | undefined };

const observed = ['placed', 'home_monitoring'] as const;

/** The counter hour (`YYYY-MM-DDTHH`, UTC) an instant falls in; callers pass whole-hour instants. */
const hourOf = (instant: string) => instant.slice(0, 13);
const instantOfHour = (hour: string) => `${hour}:00:00.000Z`;

/** Cases received in [from, to) by their current classification; `from` and `to` fall on whole hours. */
export async function casesReceivedBetween(
  db: Executor,
  f: DashboardFilter,
  from: string,
  to: string,
): Promise<Array<{ classification: string; n: number }>> {
  let q = db
    .selectFrom('dashboard_case_hours')
    .select(['classification', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('hour', '>=', hourOf(from))
    .where('hour', '<', hourOf(to))
    .where('division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== undefined) {
    q = q.where('outbreak_id', '=', f.outbreakId);
  }
  const rows = await q
    .groupBy('classification')
    .having((eb) => eb.fn.sum('n'), '>', 0)
    .execute();
  return rows.map((r) => ({ classification: r.classification, n: Number(r.n) }));
}

/**
 * The hour of the last confirmation, before `before` (a whole hour), of a case confirmed now, by the first
 * `prefixLength` characters of its division code (0: the whole jurisdiction as one group).
 */
export async function lastConfirmations(
  db: Executor,
  f: DashboardFilter,
  before: string,
  prefixLength: number,
): Promise<Array<{ prefix: string; last: string }>> {
  const prefix = sql<string>`substr(division_code, 1, ${sql.lit(prefixLength)})`;
  let q = db
    .selectFrom('dashboard_confirmations')
    .select([prefix.as('prefix'), (eb) => eb.fn.max('hour').as('last')])
    .where('n', '>', 0)
    .where('hour', '<', hourOf(before))
    .where('division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== undefined) {
    q = q.where('outbreak_id', '=', f.outbreakId);
  }
  const rows = await q.groupBy(prefix).execute();
  return rows.map((r) => ({ prefix: r.prefix, last: instantOfHour(String(r.last)) }));
}

/** Open placements of contacts under observation, by regime (kind) and site. */
export async function observationBySite(
  db: Executor,
  f: DashboardFilter,
): Promise<Array<{ kind: string; site_id: number | null; site_name: string | null; n: number }>> {
  let q = db
    .selectFrom('dashboard_observation as o')
    .leftJoin('quarantine_sites', 'quarantine_sites.id', 'o.site_id')
    .select([
      'o.kind',
      'o.site_id',
      'quarantine_sites.name as site_name',
      (eb) => eb.fn.sum<number>('o.n').as('n'),
    ])
    .where('o.division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== undefined) {
    q = q.where('o.outbreak_id', '=', f.outbreakId);
  }
  const rows = await q
    .groupBy(['o.kind', 'o.site_id', 'quarantine_sites.name'])
    .having((eb) => eb.fn.sum('o.n'), '>', 0)
    .orderBy('o.kind')
    .orderBy('quarantine_sites.name')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    site_id: Number(r.site_id) === 0 ? null : Number(r.site_id),
    site_name: r.site_name,
    n: Number(r.n),
  }));
}

/** Contacts by status (the whole jurisdiction), and how many of the observed are due for release by `date`. */
export async function contactCounts(
  db: Executor,
  f: DashboardFilter,
  date: string,
): Promise<{ byStatus: Array<{ status: string; n: number }>; dueToday: number; overdue: number }> {
  let q = db
    .selectFrom('dashboard_contact_counts')
    .select([
      'status',
      (eb) => eb.fn.sum<number>('n').as('n'),
      sql<number>`sum(case when observation_end = ${date} then n else 0 end)`.as('due_today'),
      sql<number>`sum(case when observation_end < ${date} then n else 0 end)`.as('due_before'),
    ])
    .where('division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== undefined) {
    q = q.where('outbreak_id', '=', f.outbreakId);
  }
  const rows = await q
    .groupBy('status')
    .having((eb) => eb.fn.sum('n'), '>', 0)
    .execute();
  let dueToday = 0;
  let overdue = 0;
  for (const r of rows) {
    if ((observed as readonly string[]).includes(r.status)) {
      dueToday += Number(r.due_today ?? 0);
      overdue += Number(r.due_before ?? 0);
    }
  }
  return { byStatus: rows.map((r) => ({ status: r.status, n: Number(r.n) })), dueToday, overdue };
}

/**
 * Cases per day (onset, or report date in the deployment zone) and classification. Report days come from
 * the hourly counters shifted by the zone's offset on the dashboard's date (a whole number of hours).
 */
export async function epiCurve(
  db: Executor,
  _dialect: Dialect,
  f: DashboardFilter,
  by: 'onset' | 'report',
  zone: { timeZone: string; offsetMinutes: number },
): Promise<Array<{ day: string; classification: string; n: number }>> {
  if (by === 'onset') {
    let q = db
      .selectFrom('dashboard_case_onsets')
      .select(['onset_date', 'classification', (eb) => eb.fn.sum<number>('n').as('n')])
      .where('division_code', 'like', `${f.scope}%`);
    if (f.outbreakId !== undefined) {
      q = q.where('outbreak_id', '=', f.outbreakId);
    }
    const rows = await q
      .groupBy(['onset_date', 'classification'])
      .having((eb) => eb.fn.sum('n'), '>', 0)
      .orderBy('onset_date')
      .execute();
    return rows.map((r) => ({
      day: String(r.onset_date).slice(0, 10),
      classification: r.classification,
      n: Number(r.n),
    }));
  }
  let q = db
    .selectFrom('dashboard_case_hours')
    .select(['hour', 'classification', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== undefined) {
    q = q.where('outbreak_id', '=', f.outbreakId);
  }
  const rows = await q.groupBy(['hour', 'classification']).orderBy('hour').execute();
  const shift = zone.offsetMinutes * 60_000;
  const out = new Map<string, { day: string; classification: string; n: number }>();
  for (const r of rows) {
    const n = Number(r.n);
    if (n === 0) {
      continue;
    }
    const day = new Date(Date.parse(instantOfHour(r.hour)) + shift).toISOString().slice(0, 10);
    const key = `${day}|${r.classification}`;
    const entry = out.get(key) ?? { day, classification: r.classification, n: 0 };
    entry.n += n;
    out.set(key, entry);
  }
  return [...out.values()];
}

/**
 * The contacts-per-case histogram over the non-archived cases in scope (by the case's division), and the
 * contacts in scope with how many became cases.
 */
export async function contactsPerCase(
  db: Executor,
  f: DashboardFilter,
): Promise<{ histogram: Array<{ k: number; cases: number }>; converted: number; total: number }> {
  let perCase = db
    .selectFrom('dashboard_contacts_per_case')
    .select(['k', (eb) => eb.fn.sum<number>('n').as('cases')])
    .where('division_code', 'like', `${f.scope}%`);
  let contacts = db
    .selectFrom('dashboard_contact_counts')
    .select([
      (eb) => eb.fn.sum<number>('n').as('total'),
      sql<number>`sum(case when converted = 1 then n else 0 end)`.as('converted'),
    ])
    .where('division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== undefined) {
    perCase = perCase.where('outbreak_id', '=', f.outbreakId);
    contacts = contacts.where('outbreak_id', '=', f.outbreakId);
  }
  const rows = await perCase
    .groupBy('k')
    .having((eb) => eb.fn.sum('n'), '>', 0)
    .orderBy('k')
    .execute();
  const c = await contacts.executeTakeFirst();
  return {
    histogram: rows.map((r) => ({ k: Number(r.k), cases: Number(r.cases) })),
    converted: Number(c?.converted ?? 0),
    total: Number(c?.total ?? 0),
  };
}

/** Samples by status: planned for `date`, planned before it and not collected, collected, at the lab. */
export async function sampleStatusCounts(
  db: Executor,
  f: DashboardFilter,
  date: string,
): Promise<{ plannedToday: number; notCollected: number; inTransit: number; awaitingResults: number }> {
  let q = db
    .selectFrom('dashboard_sample_counts')
    .select([
      sql<number>`sum(case when status = 'planned' and planned_date = ${date} then n else 0 end)`.as('today'),
      sql<number>`sum(case when status = 'planned' and planned_date < ${date} then n else 0 end)`.as(
        'before',
      ),
      sql<number>`sum(case when status = 'collected' then n else 0 end)`.as('collected'),
      sql<number>`sum(case when status = 'received' then n else 0 end)`.as('received'),
    ])
    .where('division_code', 'like', `${f.scope}%`)
    .where('status', 'in', ['planned', 'collected', 'received']);
  if (f.outbreakId !== undefined) {
    q = q.where('outbreak_id', '=', f.outbreakId);
  }
  const r = await q.executeTakeFirst();
  return {
    plannedToday: Number(r?.today ?? 0),
    notCollected: Number(r?.before ?? 0),
    inTransit: Number(r?.collected ?? 0),
    awaitingResults: Number(r?.received ?? 0),
  };
}
