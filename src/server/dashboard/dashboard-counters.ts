import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { rebuildStatements } from '../db/migrations/20261128-0008-dashboard-counters.ts';

/**
 * Recomputes every dashboard counter from the records, in one transaction: for data loaded around the
 * write paths (a bulk load, a restore, the benchmarks' seeding) and as a check that the triggers kept up.
 * The writes stay the source of truth; this only repeats what their triggers would have counted.
 */
export async function rebuildDashboardCounters(db: Db): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    for (const statement of rebuildStatements(db.dialect === 'postgres')) {
      await sql.raw(statement).execute(trx);
    }
  });
}
