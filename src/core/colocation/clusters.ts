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

function rowsOf(length: number): { words: Int32Array; times: Float64Array } {
  const buffer = new ArrayBuffer(length * rowWords * 4);
  return { words: new Int32Array(buffer), times: new Float64Array(buffer) };
}

/**
 * Clusters the visits by `key` (a column of the visits: place or cell ids, dense non-negative integers).
 * Each kept visit gets the sort key run · slots + start slot, and an LSD radix sort over that key moves the
 * rows themselves, not indexes: every pass reads sequentially and writes to at most 2⁹ places, where a
 * sort of indexes would end with a cache miss per row and column to gather them.
 */
export function clusterVisits(visits: VisitColumns, key: Int32Array): VisitClusters {
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

  // The sort keys, the size and longest visit of each run, and the counts of every radix digit.
  const bits = Math.max(1, 32 - Math.clz32(Math.max(runs * slots - 1, 1)));
  const passes = Math.ceil(bits / maxDigitBits);
  const digitBits = Math.ceil(bits / passes);
  const mask = (1 << digitBits) - 1;
  const stride = mask + 2;
  const counts = new Int32Array(passes * stride);
  const sortKey = new Int32Array(n);
  const offsets = new Int32Array(runs + 1);
  const maxDuration = new Float64Array(runs).fill(-Infinity);
  const lastSlot = slots - 1;
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
    offsets[run + 1] = (offsets[run + 1] ?? 0) + 1;
    if (duration > (maxDuration[run] ?? 0)) {
      maxDuration[run] = duration;
    }
    for (let p = 0, at = 1; p < passes; p++, at += stride) {
      const d = at + ((packed >>> (p * digitBits)) & mask);
      counts[d] = (counts[d] ?? 0) + 1;
    }
  }
  for (let r = 0; r < runs; r++) {
    offsets[r + 1] = (offsets[r + 1] ?? 0) + (offsets[r] ?? 0);
  }
  for (let p = 0; p < passes; p++) {
    for (let d = p * stride; d < p * stride + mask; d++) {
      counts[d + 1] = (counts[d + 1] ?? 0) + (counts[d] ?? 0);
    }
  }

  // Pass 0 reads the visit columns and drops the rows that cannot match; the others alternate two buffers.
  const kept = offsets[runs] ?? 0;
  const buffers = [rowsOf(kept), passes > 1 ? rowsOf(kept) : rowsOf(0)];
  let rows = buffers[0] ?? rowsOf(kept);
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
    }
  }
  for (let p = 1; p < passes; p++) {
    const to = buffers[p % 2] ?? rowsOf(kept);
    radixPass(rows, to, kept, counts.subarray(p * stride, (p + 1) * stride), p * digitBits, mask);
    rows = to;
  }
  return { sourceLength: n, keys, offsets, maxDuration, origin, perSlot, slots, ...rows };
}

/** One stable scatter of whole rows by a digit of their sort key (the counts already prefix-summed). */
function radixPass(
  from: { words: Int32Array; times: Float64Array },
  to: { words: Int32Array; times: Float64Array },
  length: number,
  counts: Int32Array,
  shift: number,
  mask: number,
): void {
  const { words, times } = from;
  const toWords = to.words;
  const toTimes = to.times;
  for (let r = 0; r < length; r++) {
    const packed = words[rowWords * r] ?? 0;
    const d = (packed >>> shift) & mask;
    const at = counts[d] ?? 0;
    counts[d] = at + 1;
    toWords[rowWords * at] = packed;
    toWords[rowWords * at + 1] = words[rowWords * r + 1] ?? 0;
    toTimes[3 * at + 1] = times[3 * r + 1] ?? 0;
    toTimes[3 * at + 2] = times[3 * r + 2] ?? 0;
  }
}
