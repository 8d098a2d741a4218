import { buildSlotIndex, gridEntriesFor, type SlotIndex } from './slot-index.ts';
import type { CaseVisitColumns, TimeWindow } from './types.ts';

/** Above this many location slots the caller has not mapped its ids to dense integers. */
const maxLocationSlots = 1 << 27;

/**
 * Case visits bucketed by location (CSR layout: the intervals of location l are [offsets[l], offsets[l+1])),
 * each bucket sorted by its widened start. A visit only ever looks at its own location's bucket.
 */
export type CaseBuckets = {
  /** Largest location id with a case visit; -1 when there is none. */
  maxLocation: number;
  offsets: Int32Array;
  lo: Float64Array;
  hi: Float64Array;
  person: Int32Array;
  /** Index of the interval's (case, location) group; groups are numbered in (case, location) order. */
  group: Int32Array;
  groupCase: Int32Array;
  groupLocation: Int32Array;
};

/** The buckets with the time grid the scan reads (see SlotIndex). */
export type CaseIndex = CaseBuckets & { slots: SlotIndex };

/** The buckets and their grid, sized for a scan of `visits` visits (see gridEntriesFor). */
export function buildCaseIndex(
  cases: CaseVisitColumns,
  locations: Int32Array,
  tolerance: number,
  window: TimeWindow | undefined,
  visits: number,
): CaseIndex {
  const buckets = bucketCases(cases, locations, tolerance, window);
  const maxEntries = gridEntriesFor(visits);
  return { ...buckets, slots: buildSlotIndex(buckets.offsets, buckets.lo, buckets.hi, maxEntries) };
}

/**
 * Widens every case visit by `tolerance` on both sides and buckets it by location. With a window, only
 * case visits intersecting [from, to) count and their intervals are clipped to it before widening (a
 * zero-length case visit counts when from <= start < to).
 */
export function bucketCases(
  cases: CaseVisitColumns,
  locations: Int32Array,
  tolerance: number,
  window?: TimeWindow,
): CaseBuckets {
  const kept: number[] = [];
  let maxLocation = -1;
  for (let i = 0; i < cases.length; i++) {
    const start = cases.start[i] ?? 0;
    const end = cases.end[i] ?? 0;
    if (window && !(start < window.to && (end > window.from || (start === end && start >= window.from)))) {
      continue;
    }
    const location = locations[i] ?? -1;
    const caseId = cases.caseId[i] ?? -1;
    const person = cases.person[i] ?? -1;
    if (location < 0 || caseId < 0 || person < 0) {
      throw new RangeError(`case visit ${i}: ids must be non-negative integers`);
    }
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
      throw new RangeError(`case visit ${i}: times must be finite numbers`);
    }
    kept.push(i);
    maxLocation = Math.max(maxLocation, location);
  }
  if (maxLocation >= maxLocationSlots) {
    throw new RangeError(`location id ${maxLocation} is too large: map ids to dense integers first`);
  }

  const slots = maxLocation + 1;
  const offsets = new Int32Array(slots + 1);
  for (const i of kept) {
    const slot = (locations[i] ?? 0) + 1;
    offsets[slot] = (offsets[slot] ?? 0) + 1;
  }
  for (let l = 0; l < slots; l++) {
    offsets[l + 1] = (offsets[l + 1] ?? 0) + (offsets[l] ?? 0);
  }

  const n = kept.length;
  const wideLo = new Float64Array(cases.length);
  const wideHi = new Float64Array(cases.length);
  for (const i of kept) {
    const start = window ? Math.max(cases.start[i] ?? 0, window.from) : (cases.start[i] ?? 0);
    const end = window ? Math.min(cases.end[i] ?? 0, window.to) : (cases.end[i] ?? 0);
    wideLo[i] = start - tolerance;
    wideHi[i] = end + tolerance;
  }
  const source = new Int32Array(n);
  const fill = offsets.slice(0, slots);
  for (const i of kept) {
    const location = locations[i] ?? 0;
    const at = fill[location] ?? 0;
    fill[location] = at + 1;
    source[at] = i;
  }
  const byStart = (a: number, b: number) => (wideLo[a] ?? 0) - (wideLo[b] ?? 0);
  for (let l = 0; l < slots; l++) {
    const from = offsets[l] ?? 0;
    const to = offsets[l + 1] ?? 0;
    if (to - from > 1) {
      source.subarray(from, to).sort(byStart);
    }
  }
  const lo = Float64Array.from(source, (i) => wideLo[i] ?? 0);
  const hi = Float64Array.from(source, (i) => wideHi[i] ?? 0);

  const groupKeys = [...new Set(kept.map((i) => (cases.caseId[i] ?? 0) * slots + (locations[i] ?? 0)))].sort(
    (a, b) => a - b,
  );
  const groupOf = new Map(groupKeys.map((key, g) => [key, g]));
  const group = new Int32Array(n);
  const person = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = source[k] ?? 0;
    person[k] = cases.person[i] ?? 0;
    group[k] = groupOf.get((cases.caseId[i] ?? 0) * slots + (locations[i] ?? 0)) ?? 0;
  }
  return {
    maxLocation,
    offsets,
    lo,
    hi,
    person,
    group,
    groupCase: Int32Array.from(groupKeys, (key) => Math.floor(key / slots)),
    groupLocation: Int32Array.from(groupKeys, (key) => key % slots),
  };
}
