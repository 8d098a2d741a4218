import { runDiscovery } from '../../server/discovery/discovery.service.ts';
import type { RecordActor } from '../../server/persons/record-actor.ts';
import { CliError } from '../errors.ts';
import { openRuntime } from '../runtime.ts';
import { writeExternalMatchCsv } from './match-output.ts';

/** The CLI acts for the whole installation, as the operator running it. */
const cliActor: RecordActor = { userId: null, username: 'cli', role: 'lead', scope: '', ip: null };

function seconds(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new CliError(`--${name} takes a whole number of seconds`, 2);
  }
  return parsed;
}

/**
 * `saolei match contacts|companions --outbreak ID` (database mode): the outbreak's case visits from the
 * trajectories against the imported visit log. Stores a discovery run (as the API does) and writes its
 * rows as CSV when `--out` is given.
 */
export async function matchOutbreak(
  kind: 'contacts' | 'companions',
  options: { outbreak?: string; tolerance?: string; minOverlap?: string; out?: string; data?: string },
): Promise<void> {
  const outbreakId = Number(options.outbreak);
  if (options.outbreak === undefined || !Number.isInteger(outbreakId) || outbreakId <= 0) {
    throw new CliError(
      'give --visits and --case-visits (file mode) or --outbreak ID (the imported visit log)',
      2,
    );
  }
  const { config, db } = await openRuntime({ dataDir: options.data });
  try {
    const started = performance.now();
    const run = await runDiscovery(
      db.kysely,
      cliActor,
      outbreakId,
      {
        tolerance: seconds('tolerance', options.tolerance, 1800),
        minOverlap: seconds('min-overlap', options.minOverlap, 600),
      },
      config,
    );
    const wanted = kind === 'contacts' ? 'contact' : 'companion';
    const rows = await db.kysely
      .selectFrom('discovery_candidates')
      .leftJoin('places', 'places.id', 'discovery_candidates.place_id')
      .select(['external_person_id', 'case_id', 'places.venue_code', 'cell', 'overlap_seconds'])
      .where('run_id', '=', run.id)
      .where('kind', '=', wanted)
      .execute();
    if (options.out !== undefined) {
      writeExternalMatchCsv(
        options.out,
        rows.map((r) => ({
          person: r.external_person_id,
          caseId: String(r.case_id),
          location: String((kind === 'contacts' ? r.venue_code : r.cell) ?? ''),
          overlap: r.overlap_seconds,
        })),
        kind === 'contacts' ? 'place_id' : 'cell_id',
      );
    }
    process.stderr.write(
      `discovery run ${run.id}: ${run.caseVisits} case visits against ${run.visitsScanned} visits, ` +
        `${rows.length} ${kind} in ${((performance.now() - started) / 1000).toFixed(1)} s` +
        `${options.out === undefined ? '' : `; wrote ${options.out}`}\n`,
    );
  } finally {
    await db.close();
  }
}
