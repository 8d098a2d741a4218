import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../db/connect.ts';
import type { Executor } from '../db/transaction.ts';
import type { DashboardFilter } from './dashboard.repository.ts';

// The dashboard's numbers counted from the records themselves, as they were before the counters: the
// reference the counters are tested against, and the fallback for a deployment zone whose offset is not
// a whole number of hours (the counters bucket by UTC hour).

const observed = ['placed', 'home_monitoring'] as const;

/** Cases received in [from, to) by their current classification. */
export async function casesReceivedBetween(
  db: Executor,
  f: DashboardFilter,
  from: string,
  to: string,
): Promise<Array<{ classification: string; n: number }>> {
  let q = db
    .selectFrom('cases')
    .select(['classification', (eb) => eb.fn.countAll<number>().as('n')])
    .where('archived', '=', 0)
    .where('division_code', 'like', `${f.scope}%`)
    .where('received_at', '>=', from)
    .where('received_at', '<', to);
  if (f.outbreakId !== undefined) {
    q = q.where('outbreak_id', '=', f.outbreakId);
  }
  const rows = await q.groupBy('classification').execute();
  return rows.map((r) => ({ classification: r.classification, n: Number(r.n) }));
}

/**
 * The last time a case now confirmed became confirmed, before `before`, by the first `prefixLength`
 * characters of its division code (0: the whole jurisdiction as one group).
 */
export async function lastConfirmations(
  db: Executor,
  f: DashboardFilter,
  before: string,
  prefixLength: number,
): Promise<Array<{ prefix: string; last: string }>> {
  let q = db
    .selectFrom('case_classification_history as h')
    .innerJoin('cases', 'cases.id', 'h.case_id')
    .select([
      sql<string>`substr(cases.division_code, 1, ${sql.lit(prefixLength)})`.as('prefix'),
      (eb) => eb.fn.max('h.at').as('last'),
    ])
    .where('h.to_classification', '=', 'confirmed')
    .where('h.at', '<', before)
    .where('cases.classification', '=', 'confirmed')
    .where('cases.archived', '=', 0)
    .where('cases.division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== undefined) {
    q = q.where('cases.outbreak_id', '=', f.outbreakId);
  }
  const rows = await q.groupBy(sql`substr(cases.division_code, 1, ${sql.lit(prefixLength)})`).execute();
  return rows.map((r) => ({ prefix: r.prefix, last: new Date(String(r.last)).toISOString() }));
}

/** Open placements of contacts under observation, by regime (kind) and site. */
export async function observationBySite(
  db: Executor,
  f: DashboardFilter,
): Promise<Array<{ kind: string; site_id: number | null; site_name: string | null; n: number }>> {
  let q = db
    .selectFrom('placements')
    .innerJoin('contacts', 'contacts.id', 'placements.contact_id')
    .leftJoin('quarantine_sites', 'quarantine_sites.id', 'placements.site_id')
    .select([
      'placements.kind',
      'placements.site_id',
      'quarantine_sites.name as site_name',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('placements.check_out_at', 'is', null)
    .where('contacts.status', 'in', observed)
    .where('contacts.division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== undefined) {
    q = q.where('contacts.outbreak_id', '=', f.outbreakId);
  }
  const rows = await q
    .groupBy(['placements.kind', 'placements.site_id', 'quarantine_sites.name'])
    .orderBy('placements.kind')
    .orderBy('quarantine_sites.name')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    site_id: r.site_id === null ? null : Number(r.site_id),
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
    .selectFrom('contacts')
    .select([
      'status',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when observation_end = ${date} then 1 else 0 end)`.as('due_today'),
      sql<number>`sum(case when observation_end < ${date} then 1 else 0 end)`.as('due_before'),
    ])
    .where('division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== undefined) {
    q = q.where('outbreak_id', '=', f.outbreakId);
  }
  const rows = await q.groupBy('status').execute();
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
 * The calendar date of an instant column in the deployment zone, in each dialect's SQL. Literals, not
 * parameters, so that PostgreSQL sees the select and group-by expressions as the same (the zone name was
 * checked against the zone database when the configuration was read).
 */
function localDate(
  dialect: Dialect,
  column: string,
  timeZone: string,
  offsetMinutes: number,
): RawBuilder<string> {
  if (dialect === 'postgres') {
    return sql<string>`to_char(${sql.ref(column)} at time zone ${sql.lit(timeZone)}, 'YYYY-MM-DD')`;
  }
  // SQLite has no zone rules: the offset on the dashboard's date (China keeps one offset all year).
  return sql<string>`date(${sql.ref(column)}, ${sql.lit(`${offsetMinutes} minutes`)})`;
}

/** Cases per day (onset, or report date in the deployment zone) and classification. */
export async function epiCurve(
  db: Executor,
  dialect: Dialect,
  f: DashboardFilter,
  by: 'onset' | 'report',
  zone: { timeZone: string; offsetMinutes: number },
): Promise<Array<{ day: string; classification: string; n: number }>> {
  const day =
    by === 'onset'
      ? sql<string>`cases.onset_date`
      : localDate(dialect, 'cases.received_at', zone.timeZone, zone.offsetMinutes);
  let q = db
    .selectFrom('cases')
    .select([day.as('day'), 'cases.classification', (eb) => eb.fn.countAll<number>().as('n')])
    .where('cases.archived', '=', 0)
    .where('cases.division_code', 'like', `${f.scope}%`);
  if (by === 'onset') {
    q = q.where('cases.onset_date', 'is not', null);
  }
  if (f.outbreakId !== undefined) {
    q = q.where('cases.outbreak_id', '=', f.outbreakId);
  }
  const rows = await q.groupBy([day, 'cases.classification']).orderBy(day).execute();
  return rows.map((r) => ({
    day: String(r.day).slice(0, 10),
    classification: r.classification,
    n: Number(r.n),
  }));
}

/**
 * The contacts-per-case histogram over the non-archived cases in scope (by the case's division): how many
 * cases have k direct contacts (contacts of the case itself, not of another contact), k ≥ 0; and the
 * contacts in scope (by the contact's division) with how many became cases.
 */
export async function contactsPerCase(
  db: Executor,
  f: DashboardFilter,
): Promise<{ histogram: Array<{ k: number; cases: number }>; converted: number; total: number }> {
  let perCase = db
    .selectFrom('cases')
    .select((eb) =>
      eb
        .selectFrom('contacts')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('contacts.source_case_id', '=', 'cases.id')
        .where('contacts.source_contact_id', 'is', null)
        .as('k'),
    )
    .where('cases.archived', '=', 0)
    .where('cases.division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== undefined) {
    perCase = perCase.where('cases.outbreak_id', '=', f.outbreakId);
  }
  const rows = await db
    .selectFrom(perCase.as('per_case'))
    .select(['per_case.k', (eb) => eb.fn.countAll<number>().as('cases')])
    .groupBy('per_case.k')
    .orderBy('per_case.k')
    .execute();
  let conv = db
    .selectFrom('contacts')
    .select([
      (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`sum(case when converted_case_id is not null then 1 else 0 end)`.as('converted'),
    ])
    .where('division_code', 'like', `${f.scope}%`);
  if (f.outbreakId !== undefined) {
    conv = conv.where('outbreak_id', '=', f.outbreakId);
  }
  const c = await conv.executeTakeFirst();
  return {
    histogram: rows.map((r) => ({ k: Number(r.k ?? 0), cases: Number(r.cases) })),
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
    .selectFrom('samples')
    .select([
      sql<number>`sum(case when status = 'planned' and planned_date = ${date} then 1 else 0 end)`.as('today'),
      sql<number>`sum(case when status = 'planned' and planned_date < ${date} then 1 else 0 end)`.as(
        'before',
      ),
      sql<number>`sum(case when status = 'collected' then 1 else 0 end)`.as('collected'),
      sql<number>`sum(case when status = 'received' then 1 else 0 end)`.as('received'),
    ])
    .where('division_code', 'like', `${f.scope}%`);
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
