import { buildCaseIndex } from './case-index.ts';
import { sumPairs } from './pair-sort.ts';
import { scanOnThreads } from './parallel.ts';
import type { CaseVisitColumns, MatchRows, TimeWindow, VisitColumns } from './types.ts';

export type ContactOptions = {
  /** Seconds added on both sides of every case visit (default 1800). */
  tolerance?: number;
  /** Only case visits intersecting this window count, clipped to it. */
  window?: TimeWindow;
  /**
   * Threads for the scan (default 1). More take effect when the visit columns live in SharedArrayBuffers,
   * the log has at least a million visits and the workers (startScanWorkers) are ready; the rows are the
   * same either way.
   */
  threads?: number;
};

export type CompanionOptions = {
  /** Minimum total overlap of a (person, case) pair over all cells, in seconds (default 600). */
  minOverlap?: number;
  window?: TimeWindow;
  threads?: number;
};

/**
 * Close-contact candidates: a case visit c and a visit v match when they share the place, v.person is not
 * c.person, v.start < c.end + tol and v.end > c.start − tol; the pair contributes
 * min(v.end, c.end + tol) − max(v.start, c.start − tol) seconds. One row per (person, case, place) with the
 * sum of its pairs' overlaps (overlapping pairs are not merged into a union).
 */
export function matchContacts(
  caseVisits: CaseVisitColumns,
  visits: VisitColumns,
  options: ContactOptions = {},
): MatchRows {
  const tolerance = options.tolerance ?? 1800;
  const index = buildCaseIndex(caseVisits, caseVisits.place, tolerance, options.window);
  const task = { cases: caseVisits, byCell: false, tolerance, window: options.window, visits };
  const pairs = scanOnThreads(options.threads ?? 1, index, task, visits.place);
  return sumPairs(pairs, index.groupCase, index.groupLocation);
}

/**
 * 时空伴随 companions: the same join on grid cells with no tolerance; every (person, case, cell) row of a
 * (person, case) pair is kept when the pair's total overlap over all cells is at least `minOverlap`.
 */
export function matchCompanions(
  caseVisits: CaseVisitColumns,
  visits: VisitColumns,
  options: CompanionOptions = {},
): MatchRows {
  if (!caseVisits.cell || !visits.cell) {
    throw new TypeError('companions need the cell column of the visits and of the case visits');
  }
  const index = buildCaseIndex(caseVisits, caseVisits.cell, 0, options.window);
  const task = { cases: caseVisits, byCell: true, tolerance: 0, window: options.window, visits };
  const pairs = scanOnThreads(options.threads ?? 1, index, task, visits.cell);
  const rows = sumPairs(pairs, index.groupCase, index.groupLocation);
  return keepPairsAtLeast(rows, options.minOverlap ?? 600);
}

function keepPairsAtLeast(rows: MatchRows, minOverlap: number): MatchRows {
  const keep = new Uint8Array(rows.length);
  let kept = 0;
  for (let first = 0; first < rows.length;) {
    let last = first;
    let total = 0;
    while (
      last < rows.length &&
      rows.person[last] === rows.person[first] &&
      rows.caseId[last] === rows.caseId[first]
    ) {
      total += rows.overlap[last] ?? 0;
      last++;
    }
    if (total >= minOverlap) {
      keep.fill(1, first, last);
      kept += last - first;
    }
    first = last;
  }
  const out = emptyRows(kept);
  let at = 0;
  for (let r = 0; r < rows.length; r++) {
    if (keep[r] === 1) {
      out.person[at] = rows.person[r] ?? 0;
      out.caseId[at] = rows.caseId[r] ?? 0;
      out.location[at] = rows.location[r] ?? 0;
      out.overlap[at] = rows.overlap[r] ?? 0;
      at++;
    }
  }
  return out;
}

function emptyRows(length: number): MatchRows {
  return {
    length,
    person: new Int32Array(length),
    caseId: new Int32Array(length),
    location: new Int32Array(length),
    overlap: new Float64Array(length),
  };
}
