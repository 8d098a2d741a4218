import { rebuildDashboardCounters } from '../../server/dashboard/dashboard-counters.ts';
import { CliError } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import { openRuntime } from '../runtime.ts';

/** `saolei dashboard rebuild`: recount the dashboard's counters from the records (after a bulk load). */
export async function dashboardCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'rebuild') {
    throw new CliError('usage: saolei dashboard rebuild [--data DIR]', 2);
  }
  const { values } = parseFlags(rest, { data: { type: 'string' } });
  const { db } = await openRuntime({ dataDir: values.data });
  try {
    const started = performance.now();
    await rebuildDashboardCounters(db);
    process.stdout.write(`dashboard counters rebuilt in ${Math.round(performance.now() - started)} ms\n`);
  } finally {
    await db.close();
  }
}
