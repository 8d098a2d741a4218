import { chunkCount, sumChunk, type BucketSum, type PairRows, type ResultColumns } from './bucket-sum.ts';
import { sharedTask, sumShared, type SumHelper } from './shared-sum.ts';
import { scratch, sharedScratch } from './scratch.ts';
import type { MatchRows } from './types.ts';

/**
 * Matching pairs as the scan or the probe finds them: the visit's person, the case visit's group, the
 * pair's overlap. The finders write the columns directly, after `reserve`.
 */
export class PairLog {
  person: Int32Array;
  group: Int32Array;
  overlap: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.person = new Int32Array(capacity);
    this.group = new Int32Array(capacity);
    this.overlap = new Float64Array(capacity);
  }

  /** Room for at least `more` pairs after the current ones. */
  reserve(more: number): void {
    if (this.length + more <= this.person.length) {
      return;
    }
    const capacity = Math.max(this.person.length * 2, this.length + more);
    const person = new Int32Array(capacity);
    const group = new Int32Array(capacity);
    const overlap = new Float64Array(capacity);
    person.set(this.person.subarray(0, this.length));
    group.set(this.group.subarray(0, this.length));
    overlap.set(this.overlap.subarray(0, this.length));
    this.person = person;
    this.group = group;
    this.overlap = overlap;
  }

  /**
   * Hands the columns over (to become the sum's result columns once their pairs are copied out) and
   * takes fresh ones of the same capacity. The pages of the handed-over columns were faulted in by the
   * finders, so the result costs no new ones; the fresh columns cost address space only until written.
   */
  handOver(): PairColumns {
    const { person, group, overlap } = this;
    this.person = new Int32Array(person.length);
    this.group = new Int32Array(group.length);
    this.overlap = new Float64Array(overlap.length);
    this.length = 0;
    return { person, group, overlap };
  }
}

/** The pair log of the scan and the probe, emptied and refilled by each call (see Scratch). */
export const reusedPairLog = new PairLog(1 << 10);

type PairColumns = { person: Int32Array; group: Int32Array; overlap: Float64Array };

/** Pairs per call of the passes over the log: see `scan` on why long loops are split into calls. */
const slice = 1 << 16;

/** Widest radix digit: 2¹¹ counters stay in L1 and the scatter writes to few enough places at once. */
const maxDigitBits = 11;

/** About this many chunks of buckets, for two threads to share them evenly (see shared-sum.ts). */
const chunksWanted = 64;

/**
 * The result rows of the pairs, in any order: grouped by (person, group) with overlaps summed, in
 * (person, group) order, which is (person, case, location) order because groups are numbered that way.
 * One pass scatters the pairs by the high digit of the person into buckets of 16-byte rows; each bucket (a
 * few thousand rows) is then sorted by the low digit in a small buffer that stays in cache, the few pairs
 * of one person put in group order there (the probe finds them in that order, the scan in visit order),
 * and summed straight into the result columns. Every step is stable, so the pairs of a row are summed in
 * the order they were found. With a helper thread, the buckets are summed on both threads.
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
    groupCase: shared ? copied(kept.int32('case', groupCase.length), groupCase) : groupCase,
    groupLocation: shared
      ? copied(kept.int32('location', groupLocation.length), groupLocation)
      : groupLocation,
    // With a helper, the rows go to the kept shared columns, then into the result's (resultColumns).
    result: shared
      ? {
          person: kept.int32('result person', n),
          caseId: kept.int32('result case', n),
          location: kept.int32('result location', n),
          overlap: kept.float64('result overlap', n),
        }
      : resultColumns(log),
  };
  let result = sum.result;
  let length = 0;
  if (shared) {
    const chunks = chunkCount(sum);
    const task = sharedTask(sum, {
      control: kept.int32('control', 1),
      claims: kept.int32('claims', chunks),
      chunkRows: kept.int32('chunk rows', chunks),
    });
    result = resultColumns(log);
    length = sumShared(task, helper, result);
  } else {
    for (let c = 0; c < chunkCount(sum); c++) {
      length += sumChunk(sum, c, length);
    }
  }
  // Rows far fewer than the columns' capacity (many pairs summed into each) are copied out, so that they
  // do not hold on to the pairs' pages.
  const cut = 2 * length < result.person.length ? 'slice' : 'subarray';
  return {
    length,
    person: result.person[cut](0, length),
    caseId: result.caseId[cut](0, length),
    location: result.location[cut](0, length),
    overlap: result.overlap[cut](0, length),
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
  const { person, group, overlap } = log.handOver();
  return { person, caseId: group, location: new Int32Array(n), overlap };
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
