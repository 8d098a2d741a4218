import { matchCompanions, matchContacts } from '../../core/colocation/engine.ts';
import { parseSeconds } from '../../core/colocation/time.ts';
import type { TimeWindow } from '../../core/colocation/types.ts';
import { VisitHeaderError } from '../../core/colocation/visit-csv.ts';
import { warmUp, type Query } from '../../core/colocation/warm-up.ts';
import { loadVisitFiles, type LoadedVisits } from '../../server/visits/load-visit-files.ts';
import { CliError } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import {
  badRowSummary,
  peakMemoryMb,
  progressReporter,
  writeErrorsCsv,
  writeMatchCsv,
} from './match-output.ts';

const usage =
  'usage: saolei match contacts|companions --visits FILE --case-visits FILE --out FILE ' +
  '[--tolerance S | --min-overlap S] [--from T --to T] [--dwell S]';

function seconds(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) {
    return fallback;
  }
  if (!/^\d+$/.test(text)) {
    throw new CliError(`--${name} must be a whole number of seconds, not "${text}"`, 2);
  }
  return Number(text);
}

/** "1 visit", "2 visits", "1 case visit". */
function visitCount(n: number, kind = ''): string {
  return `${n} ${kind}visit${n === 1 ? '' : 's'}`;
}

/** The summary's note of the engine's warm-up, when there was one. */
function readied(ms: number | undefined): string {
  return ms === undefined ? '' : `readied the engine in ${ms.toFixed(0)} ms while the second thread read; `;
}

function windowOf(from: string | undefined, to: string | undefined): TimeWindow | undefined {
  if (from === undefined && to === undefined) {
    return undefined;
  }
  if (from === undefined || to === undefined) {
    throw new CliError('--from and --to go together', 2);
  }
  const window = { from: parseSeconds(from), to: parseSeconds(to) };
  if (Number.isNaN(window.from) || Number.isNaN(window.to)) {
    throw new CliError('--from and --to take unix seconds or an ISO 8601 time with offset', 2);
  }
  if (window.from >= window.to) {
    throw new CliError('--from must be before --to', 2);
  }
  return window;
}

async function load(options: Parameters<typeof loadVisitFiles>[0]): Promise<LoadedVisits> {
  try {
    return await loadVisitFiles(options);
  } catch (error) {
    if (error instanceof VisitHeaderError) {
      throw new CliError(error.message);
    }
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const path = error instanceof Error && 'path' in error ? String(error.path) : '';
    if (code !== '') {
      throw new CliError(`cannot read ${path || 'input'} (${code})`);
    }
    throw error;
  }
}

/**
 * `saolei match contacts|companions` on files: close-contact candidates at the same place within a
 * tolerance, or 时空伴随 companions in the same grid cell, written as CSV sorted by person, case, location.
 */
export async function matchCommand(args: string[]): Promise<void> {
  const [kind, ...rest] = args;
  if (kind !== 'contacts' && kind !== 'companions') {
    throw new CliError(usage, 2);
  }
  const { values } = parseFlags(rest, {
    visits: { type: 'string' },
    'case-visits': { type: 'string' },
    out: { type: 'string' },
    tolerance: { type: 'string' },
    'min-overlap': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    dwell: { type: 'string' },
    outbreak: { type: 'string' },
    data: { type: 'string' },
  });
  if (values.visits === undefined) {
    // Imported here: the database layer is not needed to match files.
    const { matchOutbreak } = await import('./match-outbreak.ts');
    await matchOutbreak(kind, {
      outbreak: values.outbreak,
      tolerance: values.tolerance,
      minOverlap: values['min-overlap'],
      out: values.out,
      data: values.data,
    });
    return;
  }
  if (values['case-visits'] === undefined || values.out === undefined) {
    throw new CliError(`--case-visits and --out are required; ${usage}`, 2);
  }
  if (kind === 'contacts' && values['min-overlap'] !== undefined) {
    throw new CliError('--min-overlap applies to companions; contacts take --tolerance', 2);
  }
  if (kind === 'companions' && values.tolerance !== undefined) {
    throw new CliError('--tolerance applies to contacts; companions match with no tolerance', 2);
  }
  const tolerance = seconds('tolerance', values.tolerance, 1800);
  const minOverlap = seconds('min-overlap', values['min-overlap'], 600);
  const dwell = seconds('dwell', values.dwell, 1800);
  const window = windowOf(values.from, values.to);

  const query: Query = kind === 'contacts' ? { kind, tolerance, window } : { kind, minOverlap, window };
  // While the second reading thread finishes, this one readies the engine for the query on the visits it
  // has kept (docs/decisions/018). Any error there is the query's too, and the query reports it.
  let readyMs: number | undefined;
  const whileReading: Parameters<typeof loadVisitFiles>[0]['whileReading'] = (cases, firstHalf, expected) => {
    const readying = performance.now();
    try {
      warmUp(cases, firstHalf, query, expected);
    } catch {
      // reported by the query
    }
    readyMs = performance.now() - readying;
  };

  // One query per run: the readers keep only the visits that can meet a case visit, and the engine
  // scans those, since clustering a log pays only over several queries (docs/decisions/009 and 010).
  const started = performance.now();
  const progress = progressReporter(process.stderr, `reading ${values.visits}`);
  const loaded = await load({
    visitsPath: values.visits,
    caseVisitsPath: values['case-visits'],
    dwell,
    requireCell: kind === 'companions',
    onProgress: progress.update,
    onlyReaching: kind === 'contacts' ? { location: 'place', tolerance } : { location: 'cell', tolerance: 0 },
    whileReading,
  });
  progress.done();
  const readSeconds = (performance.now() - started) / 1000;

  const matchStarted = performance.now();
  const rows =
    kind === 'contacts'
      ? matchContacts(loaded.cases, loaded.visits, { tolerance, window })
      : matchCompanions(loaded.cases, loaded.visits, { minOverlap, window });
  const matchMs = performance.now() - matchStarted;
  writeMatchCsv(values.out, rows, loaded.dictionaries, kind === 'contacts' ? 'place_id' : 'cell_id');

  const errorsPath = `${values.out}.errors.csv`;
  const bad = [
    { file: values['case-visits'], rows: loaded.bad.cases },
    { file: values.visits, rows: loaded.bad.visits },
  ];
  const badCount = writeErrorsCsv(errorsPath, bad);
  process.stderr.write(badRowSummary(bad, errorsPath));
  const read = loaded.visits.length + loaded.unreachable;
  const rate = Math.round(read / Math.max(readSeconds, 1e-3)).toLocaleString('en');
  process.stderr.write(
    `read ${visitCount(read)} and ${visitCount(loaded.cases.length, 'case ')} in ${readSeconds.toFixed(1)} s ` +
      `(${rate} rows/s, ${badCount} bad; kept the ${visitCount(loaded.visits.length)} that can meet a case ` +
      `visit); ${readied(readyMs)}matched in ${matchMs.toFixed(0)} ms; wrote ${rows.length} rows to ${values.out}; ` +
      `peak memory ${peakMemoryMb()} MB\n`,
  );
}
