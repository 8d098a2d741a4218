import { buildCaseIndex, type CaseIndex } from './case-index.ts';
import { PairLog, sumPairs } from './pair-sort.ts';
import { farSlots } from './slot-index.ts';
import type { CaseVisitColumns, MatchRows, TimeWindow, VisitColumns } from './types.ts';

export type ContactOptions = {
  /** Seconds added on both sides of every case visit (default 1800). */
  tolerance?: number;
  /** Only case visits intersecting this window count, clipped to it. */
  window?: TimeWindow;
};

export type CompanionOptions = {
  /** Minimum total overlap of a (person, case) pair over all cells, in seconds (default 600). */
  minOverlap?: number;
  window?: TimeWindow;
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
  const index = buildCaseIndex(caseVisits, caseVisits.place, options.tolerance ?? 1800, options.window);
  return sumPairs(scan(index, visits, visits.place), index.groupCase, index.groupLocation);
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
  const rows = sumPairs(scan(index, visits, visits.cell), index.groupCase, index.groupLocation);
  return keepPairsAtLeast(rows, options.minOverlap ?? 600);
}

/**
 * The one pass over the visit columns. Every visit takes the same steps (its slots on the grid, clamped
 * with branches that depend on its time only; one read of its location's row), so the loop has no branch
 * that depends on whether the visit's place is a case place; only the few visits that touch a covered slot
 * go on to the exact join with the location's intervals (see SlotIndex for its two disjoint sets).
 */
function scan(index: CaseIndex, visits: VisitColumns, locations: Int32Array): PairLog {
  const pairs = new PairLog();
  const { lo, hi, person: casePerson, group, offsets, maxLocation } = index;
  const { origin, perSlot, slots, row, nextCovered, lists, active } = index.slots;
  const { person, start, end } = visits;
  const n = visits.length;
  for (let i = 0; i < n; i++) {
    const l = locations[i] ?? -1;
    if (l < 0 || l > maxLocation) {
      continue;
    }
    const vs = start[i] ?? 0;
    const ve = end[i] ?? 0;
    // Clamped before the integer truncation, which then equals the floor. The end slot is exclusive.
    const x = (vs - origin) * perSlot;
    const a = (x < 0 ? 0 : x > slots ? slots : x) | 0;
    const y = (ve - origin) * perSlot + 1;
    const b = (y < 0 ? 0 : y > slots ? slots : y) | 0;
    const at = row[l] ?? 0;
    // The shared empty row (at 0) lets through only visits longer than farSlots slots; nothing is there.
    if ((nextCovered[at + a] ?? farSlots) >= b - a || at === 0) {
      continue;
    }
    const p = person[i] ?? -1;
    let k = offsets[l] ?? 0;
    if (x >= 0) {
      const e = 2 * (at + a);
      for (let f = lists[e] ?? 0; f < (lists[e + 2] ?? 0); f++) {
        const j = active[f] ?? 0;
        const cl = lo[j] ?? 0;
        const ch = hi[j] ?? 0;
        if (cl < ve && ch > vs && casePerson[j] !== p) {
          pairs.add(p, group[j] ?? 0, (ve < ch ? ve : ch) - (vs > cl ? vs : cl));
        }
      }
      k = lists[e + 3] ?? 0;
    }
    // A visit starting before the grid walks its whole bucket. Sorted by start: stop at the first interval
    // starting at or after the visit's end.
    const last = offsets[l + 1] ?? 0;
    for (; k < last; k++) {
      const cl = lo[k] ?? 0;
      if (cl >= ve) {
        break;
      }
      const ch = hi[k] ?? 0;
      if (ch > vs && casePerson[k] !== p) {
        pairs.add(p, group[k] ?? 0, (ve < ch ? ve : ch) - (vs > cl ? vs : cl));
      }
    }
  }
  return pairs;
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
