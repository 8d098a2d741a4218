import {
  bucketScratch,
  chunkCount,
  sortColumnsByLowDigit,
  sumSorted,
  type BucketSum,
  type PairRows,
  type ResultColumns,
} from './bucket-sum.ts';
import { sharedTask, sumShared, type SumHelper } from './shared-sum.ts';
import { scratch, sharedScratch } from './scratch.ts';
import type { MatchRows } from './types.ts';

/**
 * Matching pairs as the scan or the probe finds them: the visit's person, the case visit's group, the
 * pair's overlap. The finders write the columns directly, after `reserve`. A fourth column, `location`,
 * is not written by them: it is the result's location column, reserved with the others so that a process
 * that readies the log (see `touch`) readies it too.
 */
export class PairLog {
  person: Int32Array;
  group: Int32Array;
  overlap: Float64Array;
  location: Int32Array;
  length = 0;
  /** The capacity of the columns last handed over, which the next `reserve` allocates again. */
  private handedOver = 0;

  constructor(capacity: number) {
    this.person = new Int32Array(capacity);
    this.group = new Int32Array(capacity);
    this.overlap = new Float64Array(capacity);
    this.location = new Int32Array(capacity);
  }

  /** Room for at least `more` pairs after the current ones. */
  reserve(more: number): void {
    if (this.length + more <= this.person.length) {
      return;
    }
    const capacity = Math.max(this.person.length * 2, this.handedOver, this.length + more);
    const person = new Int32Array(capacity);
    const group = new Int32Array(capacity);
    const overlap = new Float64Array(capacity);
    person.set(this.person.subarray(0, this.length));
    group.set(this.group.subarray(0, this.length));
    overlap.set(this.overlap.subarray(0, this.length));
    this.person = person;
    this.group = group;
    this.overlap = overlap;
    this.location = new Int32Array(capacity);
  }

  /**
   * Writes every page of the columns now, so that the finders' first writes do not wait for fresh memory
   * (a page fault per 4 KiB, or per 2 MiB with huge pages: decision 017). A process with time to spare
   * before its query does this (see warm-up.ts).
   */
  touch(): void {
    this.person.fill(0);
    this.group.fill(0);
    this.overlap.fill(0);
    this.location.fill(0);
  }

  /**
   * Hands the columns over (to become the sum's result columns) and empties the log. The pages of the
   * handed-over columns were faulted in by the finders, so the result costs no new ones. The next
   * `reserve` allocates columns of the same capacity again, which cost address space only until written;
   * not before, since a one-query process never writes them.
   */
  handOver(): PairColumns {
    const { person, group, overlap, location } = this;
    this.handedOver = person.length;
    this.person = new Int32Array(0);
    this.group = new Int32Array(0);
    this.overlap = new Float64Array(0);
    this.location = new Int32Array(0);
    this.length = 0;
    return { person, group, overlap, location };
  }
}

/** The pair log of the scan and the probe, emptied and refilled by each call (see Scratch). */
export const reusedPairLog = new PairLog(1 << 10);

type PairColumns = { person: Int32Array; group: Int32Array; overlap: Float64Array; location: Int32Array };

/** Pairs per call of the passes over the log: see `scan` on why long loops are split into calls. */
const slice = 1 << 16;

/** Widest radix digit: 2¹¹ counters stay in L1 and the scatter writes to few enough places at once. */
const maxDigitBits = 11;

/** About this many chunks of buckets, for two threads to share them evenly (see shared-sum.ts). */
const chunksWanted = 64;

/**
 * The result rows of the pairs, in any order: grouped by (person, group) with overlaps summed, in
 * (person, group) order, which is (person, case, location) order because groups are numbered that way.
 * The pairs are first put in buckets by the high digit of the person; each bucket (a few thousand pairs) is
 * then sorted by the low digit in a small buffer that stays in cache, the few pairs of one person put in
 * group order there (the probe finds them in that order, the scan in visit order, and the one-thread swap
 * below may move them), and summed into the result columns.
 *
 * On one thread the pairs are put in their buckets where they are, by swapping, and the rows are summed
 * into the log's own columns: the sum takes no second copy of the pairs. Fresh memory costs a page fault
 * per 4 KiB on first write, which on the virtual machines measured here took longer than the sorting
 * (docs/decisions/017). Overlaps are whole seconds, so the order in which a row's pairs are added does not
 * change its sum. With a helper thread, the pairs are copied into rows in shared memory and the buckets
 * summed on both threads (see shared-sum.ts).
 */
export function sumPairs(
  log: PairLog,
  groupCase: Int32Array,
  groupLocation: Int32Array,
  helper?: SumHelper,
): MatchRows {
  const n = log.length;
  let maxPerson = 0;
  for (let from = 0; from < n; from += slice) {
    maxPerson = Math.max(maxPerson, largestPerson(log.person, from, Math.min(from + slice, n)));
  }
  const bits = maxPerson > 0 ? 32 - Math.clz32(maxPerson) : 0;
  const lowBits = Math.min(bits, maxDigitBits);
  const buckets = 1 << (bits - lowBits);
  const shared = helper !== undefined && n >= helper.minPairs && buckets > 1;
  // With a helper, every array it reads or writes is shared (and kept: see scratch.ts).
  const kept = shared ? sharedScratch : scratch;
  const starts = kept.int32('starts', buckets + 1, true);
  for (let from = 0; from < n; from += slice) {
    countHighDigits(log.person, from, Math.min(from + slice, n), lowBits, starts);
  }
  let largest = 0;
  for (let b = 0; b < buckets; b++) {
    largest = Math.max(largest, starts[b + 1] ?? 0);
    starts[b + 1] = (starts[b + 1] ?? 0) + (starts[b] ?? 0);
  }
  const fill = scratch.int32('fill', buckets);
  fill.set(starts.subarray(0, buckets));
  if (!shared) {
    for (let b = 0; b < buckets; b++) {
      placeBucket(log, b, fill, starts[b + 1] ?? 0, lowBits);
    }
    return sumInPlace(log.handOver(), starts, buckets, lowBits, largest, groupCase, groupLocation);
  }
  const rows = kept.rows('rows', n);
  for (let from = 0; from < n; from += slice) {
    scatterByHighDigit(log, from, Math.min(from + slice, n), lowBits, fill, rows);
  }
  const sum: BucketSum = {
    rows,
    starts,
    buckets,
    bucketsPerChunk: Math.ceil(buckets / chunksWanted),
    lowBits,
    largest,
    groupCase: copied(kept.int32('case', groupCase.length), groupCase),
    groupLocation: copied(kept.int32('location', groupLocation.length), groupLocation),
    // The helper's rows go to the kept shared columns, then into the result's.
    result: {
      person: kept.int32('result person', n),
      caseId: kept.int32('result case', n),
      location: kept.int32('result location', n),
      overlap: kept.float64('result overlap', n),
    },
  };
  const chunks = chunkCount(sum);
  const task = sharedTask(sum, {
    control: kept.int32('control', 1),
    claims: kept.int32('claims', chunks),
    chunkRows: kept.int32('chunk rows', chunks),
  });
  const result = resultColumns(log);
  return cut(result, sumShared(task, helper, result));
}

/**
 * Sums the pairs, already in their buckets, bucket by bucket into the pairs' own columns: the rows of a
 * bucket are read into the bucket's buffer before any is written, and a bucket never has fewer pairs than
 * rows, so the rows written never reach a pair not yet read. The location column is the log's fourth.
 */
function sumInPlace(
  pairs: PairColumns,
  starts: Int32Array,
  buckets: number,
  lowBits: number,
  largest: number,
  groupCase: Int32Array,
  groupLocation: Int32Array,
): MatchRows {
  const result = {
    person: pairs.person,
    caseId: pairs.group,
    location: pairs.location,
    overlap: pairs.overlap,
  };
  const bucket = bucketScratch(lowBits, largest);
  let length = 0;
  for (let b = 0; b < buckets; b++) {
    const from = starts[b] ?? 0;
    const to = starts[b + 1] ?? 0;
    if (from < to) {
      sortColumnsByLowDigit(pairs, from, to, bucket);
      length = sumSorted(bucket, to - from, result, length, groupCase, groupLocation);
    }
  }
  return cut(result, length);
}

/**
 * The first `length` rows of the columns. Rows far fewer than the columns' capacity (many pairs summed
 * into each) are copied out, so that they do not hold on to the pairs' pages.
 */
function cut(result: ResultColumns, length: number): MatchRows {
  const how = 2 * length < result.person.length ? 'slice' : 'subarray';
  return {
    length,
    person: result.person[how](0, length),
    caseId: result.caseId[how](0, length),
    location: result.location[how](0, length),
    overlap: result.overlap[how](0, length),
  };
}

/**
 * Columns for the rows of the log's pairs (there are at most as many rows as pairs), called once the pairs
 * are copied out of the log. A log at least half full hands its own columns over: their pages are in
 * memory already, while fresh columns of 20 bytes a row fault in a page per 4 KiB as the sum writes them.
 * A log less than half full gets fresh columns of the exact length instead.
 */
function resultColumns(log: PairLog): ResultColumns {
  const n = log.length;
  if (2 * n < log.person.length) {
    return {
      person: new Int32Array(n),
      caseId: new Int32Array(n),
      location: new Int32Array(n),
      overlap: new Float64Array(n),
    };
  }
  const { person, group, overlap, location } = log.handOver();
  return { person, caseId: group, location, overlap };
}

/**
 * Moves the pairs of bucket b into their place by swapping (an in-place counting sort): each pair that
 * belongs to another bucket goes to that bucket's next free place, and the pair found there moves on, until
 * one that belongs to b comes back. `next[d]` is bucket d's next free place; bucket b ends at `end`. Once
 * b is placed, no pair is left for it, so its `next` is not needed again (and not updated: V8 compiles the
 * loop while it runs, and a first write after it would throw that code away when the loop ends).
 */
function placeBucket(log: PairColumns, b: number, next: Int32Array, end: number, lowBits: number): void {
  const { person, group, overlap } = log;
  for (let i = next[b] ?? 0; i < end; i++) {
    let p = person[i] ?? 0;
    let d = p >>> lowBits;
    if (d === b) {
      continue;
    }
    let g = group[i] ?? 0;
    let o = overlap[i] ?? 0;
    while (d !== b) {
      const j = next[d] ?? 0;
      next[d] = j + 1;
      const q = person[j] ?? 0;
      const h = group[j] ?? 0;
      const w = overlap[j] ?? 0;
      person[j] = p;
      group[j] = g;
      overlap[j] = o;
      p = q;
      g = h;
      o = w;
      d = p >>> lowBits;
    }
    person[i] = p;
    group[i] = g;
    overlap[i] = o;
  }
}

function copied(into: Int32Array, from: Int32Array): Int32Array {
  into.set(from);
  return into.subarray(0, from.length);
}

function largestPerson(person: Int32Array, from: number, to: number): number {
  let max = 0;
  for (let i = from; i < to; i++) {
    const p = person[i] ?? 0;
    max = p > max ? p : max;
  }
  return max;
}

/** Adds the pairs of [from, to) to `counts[high digit + 1]`. */
function countHighDigits(
  person: Int32Array,
  from: number,
  to: number,
  lowBits: number,
  counts: Int32Array,
): void {
  for (let i = from; i < to; i++) {
    const at = ((person[i] ?? 0) >>> lowBits) + 1;
    counts[at] = (counts[at] ?? 0) + 1;
  }
}

/** Copies the pairs of [from, to) into rows at their bucket's next free place (`fill`). */
function scatterByHighDigit(
  log: PairColumns,
  from: number,
  to: number,
  lowBits: number,
  fill: Int32Array,
  rows: PairRows,
): void {
  const { person, group, overlap } = log;
  const { words, times } = rows;
  for (let i = from; i < to; i++) {
    const p = person[i] ?? 0;
    const b = p >>> lowBits;
    const at = fill[b] ?? 0;
    fill[b] = at + 1;
    words[4 * at] = p;
    words[4 * at + 1] = group[i] ?? 0;
    times[2 * at + 1] = overlap[i] ?? 0;
  }
}
