import { matchCompanions, matchContacts, scanReservation, scanSlice } from './engine.ts';
import { reusedPairLog } from './pair-sort.ts';
import type { CaseVisitColumns, TimeWindow, VisitColumns } from './types.ts';

/** The one query a process is readied for. */
export type Query =
  | { kind: 'contacts'; tolerance: number; window?: TimeWindow }
  | { kind: 'companions'; minOverlap: number; window?: TimeWindow };

/** Visits of the sample the warm-up matches: one slice of the scan. */
const sampleVisits = scanSlice;

/**
 * Times the sample is matched. V8 changes the recorded field types of an object literal the second time
 * the literal runs, which throws away code compiled on the first run that relied on them, and the engine
 * builds a few such objects once a query; the third run is the code as the query will meet it.
 */
const rounds = 3;

/**
 * The pair log is reserved for this many times the expected visits: more visits than it has room for
 * make the scan double it, into fresh memory again.
 */
const estimateMargin = 1.1;

/**
 * Readies a fresh process for one large query while it has nothing else to do (`saolei match` waiting for
 * its second reading thread), in two ways:
 * - It runs the query on a sample of the query's own visits (the first ones read), so that V8 has compiled
 *   the engine's code for such data before the query that counts. Run cold, the code is compiled while it
 *   runs, on the one core the query leaves free.
 * - It writes the pages of the pair log that the scan of `expectedVisits` visits reserves. Fresh memory
 *   costs the first write to each page (decision 017), so the scan would otherwise wait for it.
 *
 * The query's rows are the same with or without it: the sample's rows are dropped, and the pair log is
 * emptied by every query.
 */
export function warmUp(
  cases: CaseVisitColumns,
  visits: VisitColumns,
  query: Query,
  expectedVisits: number,
): void {
  const sample = firstVisits(visits, Math.min(visits.length, sampleVisits));
  if (cases.length > 0 && sample.length > 0) {
    for (let round = 0; round < rounds; round++) {
      run(cases, sample, query);
    }
  }
  reusedPairLog.length = 0;
  reusedPairLog.reserve(scanReservation(Math.ceil(expectedVisits * estimateMargin)));
  reusedPairLog.touch();
}

function run(cases: CaseVisitColumns, visits: VisitColumns, query: Query): void {
  if (query.kind === 'contacts') {
    matchContacts(cases, visits, { tolerance: query.tolerance, window: query.window });
  } else {
    matchCompanions(cases, visits, { minOverlap: query.minOverlap, window: query.window });
  }
}

/**
 * The first `length` visits, in an object of the same shape as the readers' (`VisitCsvParser.visitColumns`):
 * V8 compiles the engine for the shape it meets, and another would be compiled again for the query.
 */
function firstVisits(visits: VisitColumns, length: number): VisitColumns {
  return {
    length,
    person: visits.person,
    place: visits.place,
    cell: visits.cell,
    start: visits.start,
    end: visits.end,
  };
}
