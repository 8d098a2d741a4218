import { scratch } from './scratch.ts';
import type { MatchRows } from './types.ts';

/** Pairs as 16-byte rows: words[4r] the person, words[4r + 1] the group, times[2r + 1] the overlap. */
export type PairRows = { words: Int32Array; times: Float64Array };

export type ResultColumns = Omit<MatchRows, 'length'>;

/**
 * The pairs scattered by the high digit of the person, ready to be summed bucket by bucket: bucket b is
 * rows [starts[b], starts[b + 1]). Buckets are taken in chunks of `bucketsPerChunk`, so that two threads can
 * share the work (see shared-sum.ts); nothing here is written but the result columns.
 */
export type BucketSum = {
  rows: PairRows;
  starts: Int32Array;
  buckets: number;
  bucketsPerChunk: number;
  /** Bits of the low digit, by which each bucket is sorted. */
  lowBits: number;
  /** Rows of the largest bucket. */
  largest: number;
  groupCase: Int32Array;
  groupLocation: Int32Array;
  result: ResultColumns;
};

export function chunkCount(sum: BucketSum): number {
  return Math.ceil(sum.buckets / sum.bucketsPerChunk);
}

/** The first row of chunk c's pairs, where a thread summing chunks apart writes its rows. */
export function chunkStart(sum: BucketSum, c: number): number {
  return sum.starts[c * sum.bucketsPerChunk] ?? 0;
}

/** The working arrays of a bucket's sum: counters of the low digit and room for the largest bucket. */
export type Bucket = { lowMask: number; counts: Int32Array; sorted: PairRows };

/** This thread's working arrays for buckets of up to `largest` rows (kept from call to call). */
export function bucketScratch(lowBits: number, largest: number): Bucket {
  return {
    lowMask: (1 << lowBits) - 1,
    counts: scratch.int32('counts', (1 << lowBits) + 1),
    sorted: scratch.rows('bucket', largest),
  };
}

/** Sums the buckets of chunk c into result rows from `out` on; returns the number of rows written. */
export function sumChunk(sum: BucketSum, c: number, out: number): number {
  const { rows, starts, groupCase, groupLocation, result } = sum;
  // Each thread has its own scratch.
  const bucket = bucketScratch(sum.lowBits, sum.largest);
  const last = Math.min((c + 1) * sum.bucketsPerChunk, sum.buckets);
  let at = out;
  for (let b = c * sum.bucketsPerChunk; b < last; b++) {
    const from = starts[b] ?? 0;
    const to = starts[b + 1] ?? 0;
    if (from < to) {
      sortRowsByLowDigit(rows, from, to, bucket);
      at = sumSorted(bucket, to - from, result, at, groupCase, groupLocation);
    }
  }
  return at - out;
}

/** Sorts the rows [from, to) of one high-digit bucket by the low digit into `bucket.sorted` (stably). */
function sortRowsByLowDigit(rows: PairRows, from: number, to: number, bucket: Bucket): void {
  const { words, times } = rows;
  const { lowMask, counts } = bucket;
  const { words: sortedWords, times: sortedTimes } = bucket.sorted;
  counts.fill(0, 0, lowMask + 2);
  for (let r = from; r < to; r++) {
    const d = ((words[4 * r] ?? 0) & lowMask) + 1;
    counts[d] = (counts[d] ?? 0) + 1;
  }
  for (let d = 0; d < lowMask; d++) {
    counts[d + 1] = (counts[d + 1] ?? 0) + (counts[d] ?? 0);
  }
  for (let r = from; r < to; r++) {
    const p = words[4 * r] ?? 0;
    const d = p & lowMask;
    const at = counts[d] ?? 0;
    counts[d] = at + 1;
    sortedWords[4 * at] = p;
    sortedWords[4 * at + 1] = words[4 * r + 1] ?? 0;
    sortedTimes[2 * at + 1] = times[2 * r + 1] ?? 0;
  }
}

/** The same as sortRowsByLowDigit, for pairs kept in three columns (see pair-sort.ts). */
export function sortColumnsByLowDigit(
  pairs: { person: Int32Array; group: Int32Array; overlap: Float64Array },
  from: number,
  to: number,
  bucket: Bucket,
): void {
  const { person, group, overlap } = pairs;
  const { lowMask, counts } = bucket;
  const { words: sortedWords, times: sortedTimes } = bucket.sorted;
  counts.fill(0, 0, lowMask + 2);
  for (let r = from; r < to; r++) {
    const d = ((person[r] ?? 0) & lowMask) + 1;
    counts[d] = (counts[d] ?? 0) + 1;
  }
  for (let d = 0; d < lowMask; d++) {
    counts[d + 1] = (counts[d + 1] ?? 0) + (counts[d] ?? 0);
  }
  for (let r = from; r < to; r++) {
    const p = person[r] ?? 0;
    const d = p & lowMask;
    const at = counts[d] ?? 0;
    counts[d] = at + 1;
    sortedWords[4 * at] = p;
    sortedWords[4 * at + 1] = group[r] ?? 0;
    sortedTimes[2 * at + 1] = overlap[r] ?? 0;
  }
}

/**
 * Writes the `count` rows of a bucket sorted by person (`bucket.sorted`) to the result from row `out` on,
 * each person's rows put in group order first, summing neighbours of the same person and group (a group is
 * one (case, location), so two groups never make one row). Returns the row after the last one written.
 */
export function sumSorted(
  bucket: Bucket,
  count: number,
  result: ResultColumns,
  out: number,
  groupCase: Int32Array,
  groupLocation: Int32Array,
): number {
  const { words: sortedWords, times: sortedTimes } = bucket.sorted;
  const { person, caseId, location, overlap } = result;
  // The bucket's persons are none of the previous buckets', so its first row always starts a result row.
  let last = out - 1;
  let lastPerson = -1;
  let lastGroup = -1;
  // Where the current person's rows begin, and the result row before theirs.
  let personFrom = 0;
  let lastBefore = last;
  for (let r = 0; r < count; r++) {
    const p = sortedWords[4 * r] ?? 0;
    const g = sortedWords[4 * r + 1] ?? 0;
    const o = sortedTimes[2 * r + 1] ?? 0;
    if (p === lastPerson && g === lastGroup) {
      overlap[last] = (overlap[last] ?? 0) + o;
      continue;
    }
    if (p !== lastPerson) {
      personFrom = r;
      lastBefore = last;
    } else if (g < lastGroup) {
      // The person's rows are not in group order (the scan finds pairs in visit order, and the in-place
      // placement by the high digit does not keep their order): order them and sum the
      // person again.
      let end = r + 1;
      while (end < count && sortedWords[4 * end] === p) {
        end++;
      }
      orderByGroup(bucket.sorted, personFrom, end);
      last = lastBefore;
      lastPerson = -1;
      r = personFrom - 1;
      continue;
    }
    last++;
    person[last] = p;
    caseId[last] = groupCase[g] ?? 0;
    location[last] = groupLocation[g] ?? 0;
    overlap[last] = o;
    lastPerson = p;
    lastGroup = g;
  }
  return last + 1;
}

/** Above this many rows, one person's rows are ordered by sorting their indices instead of by insertion. */
const insertionRun = 24;

/**
 * Stably sorts the rows [from, to) of one person by group. A person meets few case visits, so the run is
 * short and an insertion sort moves little; a long run (a shared id such as a household's) is sorted
 * through its indices.
 */
function orderByGroup(rows: PairRows, from: number, to: number): void {
  const { words, times } = rows;
  if (to - from <= insertionRun) {
    for (let r = from + 1; r < to; r++) {
      const g = words[4 * r + 1] ?? 0;
      const o = times[2 * r + 1] ?? 0;
      let at = r;
      for (; at > from && (words[4 * at - 3] ?? 0) > g; at--) {
        words[4 * at + 1] = words[4 * at - 3] ?? 0;
        times[2 * at + 1] = times[2 * at - 1] ?? 0;
      }
      words[4 * at + 1] = g;
      times[2 * at + 1] = o;
    }
    return;
  }
  const order = Array.from({ length: to - from }, (_, k) => from + k);
  order.sort((a, b) => (words[4 * a + 1] ?? 0) - (words[4 * b + 1] ?? 0) || a - b);
  const groups = order.map((r) => words[4 * r + 1] ?? 0);
  const overlaps = order.map((r) => times[2 * r + 1] ?? 0);
  groups.forEach((g, k) => {
    words[4 * (from + k) + 1] = g;
    times[2 * (from + k) + 1] = overlaps[k] ?? 0;
  });
}
