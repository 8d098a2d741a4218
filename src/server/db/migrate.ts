import {
  Migrator,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';
import { columnTypes, type MigrationFn } from './columns.ts';
import type { Db } from './connect.ts';
import * as foundation from './migrations/20261128-0001-foundation.ts';
import * as cases from './migrations/20261128-0002-cases.ts';
import * as trajectoryReports from './migrations/20261128-0003-trajectory-reports.ts';
import * as placesDiscovery from './migrations/20261128-0004-places-discovery.ts';
import * as contactsQuarantine from './migrations/20261128-0005-contacts-quarantine.ts';
import * as chainsDashboard from './migrations/20261128-0007-chains-dashboard.ts';
import * as samples from './migrations/20261128-0006-samples.ts';
import * as dashboardCounters from './migrations/20261128-0008-dashboard-counters.ts';
import * as statementCounters from './migrations/20261128-0009-statement-counters.ts';
import * as archiveReasons from './migrations/20261129-0010-archive-reasons.ts';
import * as labResultsTested from './migrations/20261129-0011-lab-results-tested.ts';
import * as exposuresByTime from './migrations/20261129-0012-exposures-by-time.ts';

/** Every migration, in order. Names are frozen once landed; add new files at the end. */
const migrations: Record<string, { up: MigrationFn }> = {
  '20261128-0001-foundation': foundation,
  '20261128-0002-cases': cases,
  '20261128-0003-trajectory-reports': trajectoryReports,
  '20261128-0004-places-discovery': placesDiscovery,
  '20261128-0005-contacts-quarantine': contactsQuarantine,
  '20261128-0007-chains-dashboard': chainsDashboard,
  '20261128-0006-samples': samples,
  '20261128-0008-dashboard-counters': dashboardCounters,
  '20261128-0009-statement-counters': statementCounters,
  '20261129-0010-archive-reasons': archiveReasons,
  '20261129-0011-lab-results-tested': labResultsTested,
  '20261129-0012-exposures-by-time': exposuresByTime,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly db: Db) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const types = columnTypes(this.db.dialect);
    return Object.fromEntries(
      Object.entries(migrations).map(([name, migration]) => [
        name,
        { up: (kysely: Kysely<unknown>) => migration.up(kysely, types) },
      ]),
    );
  }
}

/** Brings the schema to the latest migration; returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider(db) });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
