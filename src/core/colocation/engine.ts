import { bucketCases, buildCaseIndex } from './case-index.ts';
import type { VisitClusters } from './clusters.ts';
import { reusedPairLog, sumPairs } from './pair-sort.ts';
import { probe } from './probe.ts';
import { scan } from './scan.ts';
import type { SumHelper } from './shared-sum.ts';
import type { CaseVisitColumns, MatchRows, TimeWindow, VisitColumns } from './types.ts';

export type ContactOptions = {
  /** Seconds added on both sides of every case visit (default 1800). */
  tolerance?: number;
  /** Only case visits intersecting this window count, clipped to it. */
  window?: TimeWindow;
  /**
   * The same visits clustered by place (`clusterVisits(visits, visits.place)`, built when the log is
   * loaded): the engine then reads only the visits of the case places near the case intervals instead of
   * scanning the whole log. The rows are the same either way. A list clusters the log in consecutive
   * parts, in log order (the visit store's segments, each clustered when it was imported).
   */
  clusters?: VisitClusters | readonly VisitClusters[];
  /** A second thread for the sum of the pairs (see shared-sum.ts); the rows are the same without. */
  helper?: SumHelper;
};

export type CompanionOptions = {
  /** Minimum total overlap of a (person, case) pair over all cells, in seconds (default 600). */
  minOverlap?: number;
  window?: TimeWindow;
  /** The same visits clustered by cell (`clusterVisits(visits, visits.cell)`); see ContactOptions. */
  clusters?: VisitClusters | readonly VisitClusters[];
  helper?: SumHelper;
};

/** Visits per call of the scan (see scan). */
export const scanSlice = 1 << 16;
/** The most pairs the scan reserves before it starts. */
const maxReservedPairs = 1 << 24;

type Join = {
  cases: CaseVisitColumns;
  visits: VisitColumns;
  caseLocations: Int32Array;
  locations: Int32Array;
  tolerance: number;
  window: TimeWindow | undefined;
  clusters: VisitClusters | readonly VisitClusters[] | undefined;
  helper: SumHelper | undefined;
};

/**
 * The pairs the scan reserves room for before it starts on `visits` visits: two a visit (a reader's kept
 * visits give about 1.3 each). Room costs address space until the pairs are written, where doubling from
 * small faults in and copies every smaller log on the way. A whole log, which gives far fewer pairs than
 * visits, reserves at most 2²⁴ pairs (256 MB of address space) and doubles past them.
 */
export function scanReservation(visits: number): number {
  return Math.min(2 * visits, maxReservedPairs);
}

/** The summed rows of the join, over the clusters when given, else by a scan of the log. */
function join(spec: Join): MatchRows {
  const { cases, visits, tolerance, window, clusters, helper } = spec;
  if (clusters) {
    const parts = 'sourceLength' in clusters ? [clusters] : clusters;
    const clustered = parts.reduce((sum, part) => sum + part.sourceLength, 0);
    if (clustered !== visits.length) {
      throw new RangeError(`the clusters were built from ${clustered} visits, the log has ${visits.length}`);
    }
    const buckets = bucketCases(cases, spec.caseLocations, tolerance, window);
    return sumPairs(probe(buckets, parts), buckets.groupCase, buckets.groupLocation, helper);
  }
  const index = buildCaseIndex(cases, spec.caseLocations, tolerance, window, visits.length);
  const pairs = reusedPairLog;
  pairs.length = 0;
  pairs.reserve(scanReservation(visits.length));
  for (let from = 0; from < visits.length; from += scanSlice) {
    pairs.length = scan(
      index,
      visits,
      spec.locations,
      pairs,
      from,
      Math.min(from + scanSlice, visits.length),
    );
  }
  return sumPairs(pairs, index.groupCase, index.groupLocation, helper);
}

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
  return join({
    cases: caseVisits,
    visits,
    caseLocations: caseVisits.place,
    locations: visits.place,
    tolerance: options.tolerance ?? 1800,
    window: options.window,
    clusters: options.clusters,
    helper: options.helper,
  });
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
  const rows = join({
    cases: caseVisits,
    visits,
    caseLocations: caseVisits.cell,
    locations: visits.cell,
    tolerance: 0,
    window: options.window,
    clusters: options.clusters,
    helper: options.helper,
  });
  return keepPairsAtLeast(rows, options.minOverlap ?? 600);
}

/**
 * Keeps the rows of the (person, case) pairs whose overlaps add up to at least `minOverlap`, moving them
 * down in place (the rows are the engine's own, no longer its pair log's): no second set of columns to
 * allocate.
 */
function keepPairsAtLeast(rows: MatchRows, minOverlap: number): MatchRows {
  const { person, caseId, location, overlap } = rows;
  let kept = 0;
  for (let first = 0; first < rows.length;) {
    const p = person[first] ?? 0;
    const c = caseId[first] ?? 0;
    let last = first;
    let total = 0;
    while (last < rows.length && person[last] === p && caseId[last] === c) {
      total += overlap[last] ?? 0;
      last++;
    }
    if (total >= minOverlap) {
      for (let r = first; r < last; r++, kept++) {
        person[kept] = person[r] ?? 0;
        caseId[kept] = caseId[r] ?? 0;
        location[kept] = location[r] ?? 0;
        overlap[kept] = overlap[r] ?? 0;
      }
    }
    first = last;
  }
  return {
    length: kept,
    person: person.subarray(0, kept),
    caseId: caseId.subarray(0, kept),
    location: location.subarray(0, kept),
    overlap: overlap.subarray(0, kept),
  };
}
