import type { VisitColumns } from './types.ts';

/** Start slots are this wide at most (seconds), wider only when the log spans more than `maxSlots` of them. */
const baseSlotSeconds = 1800;
const maxSlots = 1 << 16;

/**
 * Visits are split by duration inside each key so that the many short visits are bounded by a short
 * duration, not by the longest visit of their place. Upper bounds in seconds; the last tier takes the rest.
 */
const shortTier = 3600;
const middleTier = 4 * 3600;
export const tierCount = 3;

/**
 * A copy of the visit log clustered by a key (the place for contacts, the grid cell for companions): the
 * visits of key k and duration tier t are the run [offsets[k·tierCount + t], offsets[k·tierCount + t + 1]),
 * ordered by start slot. Built once when the log is loaded, it lets the engine look up, for each case
 * interval, only the visits of its place that start in the time range that can reach it (a start within
 * the tier's longest duration before the interval) instead of reading the whole log. Visits that can never
 * match (a negative key, a NaN time, a start at +∞, an end at −∞) are left out.
 *
 * The rows are interleaved, 24 bytes each, because the engine reads a row's start, end and person together
 * and because a radix pass then writes one stream per bucket instead of one per bucket and column: as
 * Int32 the row is [sort key, person, start (2 words), end (2 words)]; as Float64 [·, start, end].
 */
export type VisitClusters = {
  /** Rows of the visit columns it was built from, checked by the engine. */
  sourceLength: number;
  keys: number;
  offsets: Int32Array;
  /** Longest `end − start` in each run; −∞ for an empty one. */
  maxDuration: Float64Array;
  origin: number;
  /** 1 / slot width; slotOf(t) = clamp(floor((t − origin) · perSlot), 0, slots − 1). */
  perSlot: number;
  slots: number;
  /** Row r: words[6r + 1] is the person. */
  words: Int32Array;
  /** Row r: times[3r + 1] is the start, times[3r + 2] the end (the same buffer as `words`). */
  times: Float64Array;
};

export const rowWords = 6;

export function slotOfTime(clusters: Pick<VisitClusters, 'origin' | 'perSlot' | 'slots'>, t: number): number {
  const x = Math.floor((t - clusters.origin) * clusters.perSlot);
  return x < 0 ? 0 : x >= clusters.slots ? clusters.slots - 1 : x;
}

/** Radix digits of at most this many bits: each pass writes to at most 2⁹ places at once. */
const maxDigitBits = 9;

type Rows = { words: Int32Array; times: Float64Array };

function rowsOf(length: number): Rows {
  const buffer = new ArrayBuffer(length * rowWords * 4);
  return { words: new Int32Array(buffer), times: new Float64Array(buffer) };
}

/**
 * Temporary arrays of a clustering (the sort keys, a second row buffer), kept to cluster the same visits
 * by another key: fresh arrays of hundreds of megabytes cost a page fault per 4 KiB page.
 */
type Workspace = { sortKey?: Int32Array; spare?: Rows };

/** Clusters the visits by each key column in turn (see clusterVisits), sharing the temporary arrays. */
export function clusterVisitsBy(visits: VisitColumns, keys: Int32Array[]): VisitClusters[] {
  const workspace: Workspace = {};
  return keys.map((key) => cluster(visits, key, workspace));
}

/**
 * Clusters the visits by `key` (a column of the visits: place or cell ids, dense non-negative integers).
 * Each kept visit gets the sort key run · slots + start slot, and an LSD radix sort over that key moves the
 * rows themselves, not indexes: every pass reads sequentially and writes to at most 2⁹ places, where a
 * sort of indexes would end with a cache miss per row and column to gather them. Each pass counts the
 * digits of the next; the runs' bounds and longest visits are read off the sorted rows at the end.
 */
export function clusterVisits(visits: VisitColumns, key: Int32Array): VisitClusters {
  return cluster(visits, key, {});
}

function cluster(visits: VisitColumns, key: Int32Array, workspace: Workspace): VisitClusters {
  const n = visits.length;
  const { person, start, end } = visits;
  let keys = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  for (let i = 0; i < n; i++) {
    const k = key[i] ?? -1;
    const s = start[i] ?? NaN;
    // NaN fails both comparisons: such a visit can never match a finite case interval.
    if (k < 0 || !(s < Infinity) || !((end[i] ?? NaN) > -Infinity)) {
      continue;
    }
    keys = k >= keys ? k + 1 : keys;
    if (s > -Infinity) {
      lowest = s < lowest ? s : lowest;
      highest = s > highest ? s : highest;
    }
  }
  const runs = keys * tierCount;
  // The packed sort key must stay below 2³¹: fewer, wider slots for logs with very many keys.
  let width = baseSlotSeconds;
  const finite = lowest <= highest;
  const slotsAt = (w: number) => (finite ? Math.floor(highest / w) - Math.floor(lowest / w) + 1 : 1);
  while (slotsAt(width) > 1 && (slotsAt(width) > maxSlots || runs * slotsAt(width) >= 2 ** 31)) {
    width *= 2;
  }
  const origin = finite ? Math.floor(lowest / width) * width : 0;
  const perSlot = 1 / width;
  const slots = finite ? Math.floor((highest - origin) * perSlot) + 1 : 1;
  if (runs * slots >= 2 ** 31) {
    throw new RangeError(`${keys} keys are too many to cluster: map ids to dense integers first`);
  }

  // The sort keys (−1: left out) and the counts of the first digit.
  const bits = Math.max(1, 32 - Math.clz32(Math.max(runs * slots - 1, 1)));
  const passes = Math.ceil(bits / maxDigitBits);
  const digitBits = Math.ceil(bits / passes);
  const mask = (1 << digitBits) - 1;
  const sortKey = workspace.sortKey && workspace.sortKey.length >= n ? workspace.sortKey : new Int32Array(n);
  workspace.sortKey = sortKey;
  let counts = new Int32Array(mask + 2);
  const lastSlot = slots - 1;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const k = key[i] ?? -1;
    const s = start[i] ?? NaN;
    const e = end[i] ?? NaN;
    if (k < 0 || !(s < Infinity) || !(e > -Infinity)) {
      sortKey[i] = -1;
      continue;
    }
    const duration = e - s;
    const run = k * tierCount + (duration <= shortTier ? 0 : duration <= middleTier ? 1 : 2);
    const x = Math.floor((s - origin) * perSlot);
    const packed = run * slots + (x < 0 ? 0 : x > lastSlot ? lastSlot : x);
    sortKey[i] = packed;
    const d = (packed & mask) + 1;
    counts[d] = (counts[d] ?? 0) + 1;
    kept++;
  }

  // Pass 0 reads the visit columns, leaving out the rows that cannot match; the others alternate between
  // the result buffer and the spare one, ending in the result.
  const result = rowsOf(kept);
  const spare =
    workspace.spare && workspace.spare.words.length >= kept * rowWords ? workspace.spare : rowsOf(kept);
  workspace.spare = spare;
  const target = (p: number) => ((passes - 1 - p) % 2 === 0 ? result : spare);
  prefixSum(counts, mask);
  let next = new Int32Array(mask + 2);
  let rows = target(0);
  for (let i = 0; i < n; i++) {
    const packed = sortKey[i] ?? -1;
    if (packed >= 0) {
      const d = packed & mask;
      const at = counts[d] ?? 0;
      counts[d] = at + 1;
      rows.words[rowWords * at] = packed;
      rows.words[rowWords * at + 1] = person[i] ?? 0;
      rows.times[3 * at + 1] = start[i] ?? 0;
      rows.times[3 * at + 2] = end[i] ?? 0;
      const nextDigit = ((packed >>> digitBits) & mask) + 1;
      next[nextDigit] = (next[nextDigit] ?? 0) + 1;
    }
  }
  for (let p = 1; p < passes; p++) {
    counts = next;
    prefixSum(counts, mask);
    next = new Int32Array(mask + 2);
    const to = target(p);
    radixPass(rows, to, kept, counts, next, p * digitBits, mask);
    rows = to;
  }

  // The runs' bounds and longest visits, from the sorted rows.
  const offsets = new Int32Array(runs + 1);
  const maxDuration = new Float64Array(runs).fill(-Infinity);
  const { words, times } = rows;
  for (let r = 0; r < kept; r++) {
    const run = Math.floor((words[rowWords * r] ?? 0) / slots);
    offsets[run + 1] = (offsets[run + 1] ?? 0) + 1;
    const duration = (times[3 * r + 2] ?? 0) - (times[3 * r + 1] ?? 0);
    if (duration > (maxDuration[run] ?? 0)) {
      maxDuration[run] = duration;
    }
  }
  prefixSum(offsets, runs - 1);
  return { sourceLength: n, keys, offsets, maxDuration, origin, perSlot, slots, words, times };
}

/** Turns counts at [1, last + 1] into starts at [0, last]: counts[d + 1] += counts[d]. */
function prefixSum(counts: Int32Array, last: number): void {
  for (let d = 0; d <= last; d++) {
    counts[d + 1] = (counts[d + 1] ?? 0) + (counts[d] ?? 0);
  }
}

/**
 * One stable scatter of whole rows by a digit of their sort key (`counts` already prefix-summed),
 * counting the next digit into `next` on the way.
 */
function radixPass(
  from: Rows,
  to: Rows,
  length: number,
  counts: Int32Array,
  next: Int32Array,
  shift: number,
  mask: number,
): void {
  const { words, times } = from;
  const toWords = to.words;
  const toTimes = to.times;
  const nextShift = shift + 32 - Math.clz32(mask);
  for (let r = 0; r < length; r++) {
    const packed = words[rowWords * r] ?? 0;
    const d = (packed >>> shift) & mask;
    const at = counts[d] ?? 0;
    counts[d] = at + 1;
    toWords[rowWords * at] = packed;
    toWords[rowWords * at + 1] = words[rowWords * r + 1] ?? 0;
    toTimes[3 * at + 1] = times[3 * r + 1] ?? 0;
    toTimes[3 * at + 2] = times[3 * r + 2] ?? 0;
    const nextDigit = (nextShift < 32 ? (packed >>> nextShift) & mask : 0) + 1;
    next[nextDigit] = (next[nextDigit] ?? 0) + 1;
  }
}
