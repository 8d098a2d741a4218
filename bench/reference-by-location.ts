// The brute-force reference on the bench's data (colocation.bench.ts), run one location at a time.
import { referenceMatch, type MatchRow } from '../src/core/colocation/reference.ts';
import type { CaseVisitColumns, VisitColumns } from '../src/core/colocation/types.ts';
import type { LoadedVisits } from '../src/server/visits/load-visit-files.ts';
import { check } from './result-rows.ts';
import type { Query } from './sql-plans.ts';

/** The rows `indices` of some columns, as columns of their own. */
function pick<T extends VisitColumns>(columns: T, indices: number[]): T {
  const picked: Record<string, unknown> = { length: indices.length };
  for (const [name, column] of Object.entries(columns)) {
    if (column instanceof Int32Array || column instanceof Float64Array) {
      const values = indices.map((i) => column[i] ?? 0);
      picked[name] = column instanceof Int32Array ? Int32Array.from(values) : Float64Array.from(values);
    }
  }
  return picked as T;
}

/**
 * `referenceMatch` (every case visit against every visit, summed in a map) over the visits of each case
 * visit's location in turn: the join needs the same location, so this is the reference's answer without
 * its 3,786 × 10M pairs, most of them at other places. Companions' minimum applies to a (person, case)
 * over all cells, so it is applied after the locations are put together.
 */
export function referenceByLocation(cases: CaseVisitColumns, visits: VisitColumns, query: Query): MatchRow[] {
  const contacts = query.kind === 'contacts';
  const caseLocation = contacts ? cases.place : cases.cell;
  const visitLocation = contacts ? visits.place : visits.cell;
  if (!caseLocation || !visitLocation) {
    throw new TypeError('companions need cells');
  }
  const casesAt = new Map<number, number[]>();
  const visitsAt = new Map<number, number[]>();
  for (let c = 0; c < cases.length; c++) {
    const at = caseLocation[c] ?? -1;
    if (!casesAt.has(at)) {
      casesAt.set(at, []);
      visitsAt.set(at, []);
    }
    casesAt.get(at)?.push(c);
  }
  for (let v = 0; v < visits.length; v++) {
    visitsAt.get(visitLocation[v] ?? -1)?.push(v);
  }
  const rows: MatchRow[] = [];
  for (const [at, caseIndices] of casesAt) {
    const found = referenceMatch(pick(cases, caseIndices), pick(visits, visitsAt.get(at) ?? []), query.kind, {
      tolerance: query.tolerance,
      minOverlap: 0,
    });
    for (const row of found) {
      rows.push(row);
    }
  }
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  if (contacts) {
    return rows;
  }
  const totals = new Map<string, number>();
  for (const [person, caseId, , overlap] of rows) {
    totals.set(`${person}|${caseId}`, (totals.get(`${person}|${caseId}`) ?? 0) + overlap);
  }
  return rows.filter(([person, caseId]) => (totals.get(`${person}|${caseId}`) ?? 0) >= query.minOverlap);
}

/**
 * Checks saolei's rows of each query (`expected`, from externalRows) against referenceByLocation, which
 * throws on any difference; returns the reference's time per query, ms wall.
 */
export function checkReference(
  data: LoadedVisits,
  queries: Query[],
  expected: Map<string, Float64Array>,
  log: (line: string) => void,
): Map<string, number> {
  const times = new Map<string, number>();
  for (const q of queries) {
    const started = performance.now();
    const reference = referenceByLocation(data.cases, data.visits, q);
    const wall = performance.now() - started;
    times.set(q.kind, wall);
    const location = q.kind === 'contacts' ? data.dictionaries.place : data.dictionaries.cell;
    const labels = [data.dictionaries.person, data.dictionaries.caseId, location];
    check(
      `brute-force reference ${q.kind}`,
      expected.get(q.kind) ?? new Float64Array(),
      reference.map((row) => row.map((value, c) => labels[c]?.label(value) ?? value)),
    );
    log(`brute-force reference ${q.kind}: ${Math.round(wall)} ms (same rows as saolei)`);
  }
  return times;
}
