import type { Executor } from '../db/transaction.ts';
import type { DashboardFilter } from './dashboard.repository.ts';

// The dashboard's numbers that are small by nature (a day's results, positives, open work), each answered
// from an index of migration 0008 (samples by test time, positive samples, open investigations) or the
// tasks' (status, due) index.

/** Samples in scope tested in [dayStart, dayEnd), and positive ones ever. */
export async function sampleResultCounts(
  db: Executor,
  f: DashboardFilter,
  dayStart: string,
  dayEnd: string,
): Promise<{ testedToday: number; positive: number }> {
  const count = async (build: (q: ReturnType<typeof base>) => ReturnType<typeof base>): Promise<number> => {
    const r = await build(base()).executeTakeFirst();
    return Number(r?.n ?? 0);
  };
  const base = () => {
    let q = db
      .selectFrom('samples')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('division_code', 'like', `${f.scope}%`);
    if (f.outbreakId !== undefined) {
      q = q.where('outbreak_id', '=', f.outbreakId);
    }
    return q;
  };
  return {
    testedToday: await count((q) => q.where('tested_at', '>=', dayStart).where('tested_at', '<', dayEnd)),
    positive: await count((q) => q.where('result', '=', 'positive')),
  };
}

export async function childDivisions(
  db: Executor,
  parentCode: string,
): Promise<Array<{ code: string; name: string; scope: string }>> {
  return db
    .selectFrom('divisions')
    .select(['code', 'name', 'scope'])
    .where('parent_code', '=', parentCode)
    .orderBy('code')
    .execute();
}
/** Open investigations with a clock past its deadline (the same rule as the investigations clock list). */
export async function overdueInvestigations(
  db: Executor,
  f: DashboardFilter,
  t: { dispatch: string; coreInfo: string | null; report: string },
): Promise<number> {
  let q = db
    .selectFrom('investigations')
    .innerJoin('cases', 'cases.id', 'investigations.case_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('investigations.state', '!=', 'submitted')
    .where('cases.archived', '=', 0)
    .where('cases.division_code', 'like', `${f.scope}%`)
    .where((eb) =>
      eb.or([
        eb.and([eb('investigations.dispatched_at', 'is', null), eb('cases.received_at', '<', t.dispatch)]),
        ...(t.coreInfo === null
          ? []
          : [
              eb.and([
                eb('investigations.core_info_at', 'is', null),
                eb('cases.received_at', '<', t.coreInfo),
              ]),
            ]),
        eb('cases.received_at', '<', t.report),
      ]),
    );
  if (f.outbreakId !== undefined) {
    q = q.where('cases.outbreak_id', '=', f.outbreakId);
  }
  const r = await q.executeTakeFirst();
  return Number(r?.n ?? 0);
}
export async function overdueTasks(db: Executor, f: DashboardFilter, at: string): Promise<number> {
  const r = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .where('due_at', '<', at)
    .where('division_code', 'like', `${f.scope}%`)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
