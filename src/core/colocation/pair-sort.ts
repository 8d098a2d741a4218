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
}

/**
 * Working arrays kept from one call of the engine to the next (it is synchronous and never returns them):
 * fresh arrays of many megabytes cost a page fault per 4 KiB page on first write, which on a virtual
 * machine took longer than the sort that fills them.
 */
class Scratch {
  private readonly ints = new Map<string, Int32Array>();
  private readonly pairRows = new Map<string, PairRows>();

  /** An Int32Array of at least `length` entries, zeroed over the first `length` when `zeroed`. */
  int32(name: string, length: number, zeroed = false): Int32Array {
    let array = this.ints.get(name);
    if (!array || array.length < length) {
      array = new Int32Array(Math.max(length, (array?.length ?? 0) * 2));
      this.ints.set(name, array);
    } else if (zeroed) {
      array.fill(0, 0, length);
    }
    return array;
  }

  /** Rows of four 32-bit words (two as one Float64) in one buffer; see PairRows. */
  rows(name: string, length: number): PairRows {
    let held = this.pairRows.get(name);
    if (!held || held.words.length < 4 * length) {
      const buffer = new ArrayBuffer(Math.max(length, (held?.words.length ?? 0) / 2) * 16);
      held = { words: new Int32Array(buffer), times: new Float64Array(buffer) };
      this.pairRows.set(name, held);
    }
    return held;
  }
}

const scratch = new Scratch();

/** The pair log of the scan and the probe, emptied and refilled by each call (see Scratch). */
export const reusedPairLog = new PairLog(1 << 10);

type PairColumns = { person: Int32Array; group: Int32Array; overlap: Float64Array };

/** Pairs per call of the passes over the log: see `scan` on why long loops are split into calls. */
const slice = 1 << 16;

/** Widest radix digit: 2¹¹ counters stay in L1 and the scatter writes to few enough places at once. */
const maxDigitBits = 11;

/** Pairs as 16-byte rows: words[4r] the person, words[4r + 1] the group, times[2r + 1] the overlap. */
type PairRows = { words: Int32Array; times: Float64Array };

/**
 * The result rows of the pairs, in any order: grouped by (person, group) with overlaps summed, in
 * (person, group) order, which is (person, case, location) order because groups are numbered that way.
 * One pass scatters the pairs by the high digit of the person into buckets of 16-byte rows; each bucket (a
 * few thousand rows) is then sorted by the low digit in a small buffer that stays in cache, the few pairs
 * of one person put in group order there (the probe finds them in that order, the scan in visit order),
 * and summed straight into the result columns. Every step is stable, so the pairs of a row are summed in
 * the order they were found.
 */
export function sumPairs(
  log: PairColumns & { length: number },
  groupCase: Int32Array,
  groupLocation: Int32Array,
): MatchRows {
  const n = log.length;
  let maxPerson = 0;
  for (let from = 0; from < n; from += slice) {
    maxPerson = Math.max(maxPerson, largestPerson(log.person, from, Math.min(from + slice, n)));
  }
  const bits = maxPerson > 0 ? 32 - Math.clz32(maxPerson) : 0;
  const lowBits = Math.min(bits, maxDigitBits);
  const buckets = 1 << (bits - lowBits);
  const starts = scratch.int32('starts', buckets + 1, true);
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
  const rows = scratch.rows('rows', n);
  for (let from = 0; from < n; from += slice) {
    scatterByHighDigit(log, from, Math.min(from + slice, n), lowBits, fill, rows);
  }

  const result: MatchRows = {
    length: 0,
    person: new Int32Array(n),
    caseId: new Int32Array(n),
    location: new Int32Array(n),
    overlap: new Float64Array(n),
  };
  const bucket: Bucket = {
    lowMask: (1 << lowBits) - 1,
    counts: scratch.int32('counts', (1 << lowBits) + 1),
    sorted: scratch.rows('bucket', largest),
  };
  for (let b = 0; b < buckets; b++) {
    sumBucket(rows, starts[b] ?? 0, starts[b + 1] ?? 0, bucket, result, groupCase, groupLocation);
  }
  const { length } = result;
  return {
    length,
    person: result.person.subarray(0, length),
    caseId: result.caseId.subarray(0, length),
    location: result.location.subarray(0, length),
    overlap: result.overlap.subarray(0, length),
  };
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

/** The working arrays of sumBucket: counters of the low digit and room for the largest bucket. */
type Bucket = { lowMask: number; counts: Int32Array; sorted: PairRows };

/**
 * Sorts the rows [from, to) of one high-digit bucket by the low digit into `sorted` (a stable counting
 * sort), puts each person's rows in group order, and appends them to the result, summing neighbours of the
 * same person and group (a group is one (case, location), so two groups never make one row).
 */
function sumBucket(
  rows: PairRows,
  from: number,
  to: number,
  bucket: Bucket,
  result: MatchRows,
  groupCase: Int32Array,
  groupLocation: Int32Array,
): void {
  if (from === to) {
    return;
  }
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
  const count = to - from;
  const { person, caseId, location, overlap } = result;
  // The bucket's persons are none of the previous buckets', so its first row always starts a result row.
  let out = result.length - 1;
  let lastPerson = -1;
  let lastGroup = -1;
  // Where the current person's rows begin, and the result row before theirs.
  let personFrom = 0;
  let outBefore = out;
  for (let r = 0; r < count; r++) {
    const p = sortedWords[4 * r] ?? 0;
    const g = sortedWords[4 * r + 1] ?? 0;
    const o = sortedTimes[2 * r + 1] ?? 0;
    if (p === lastPerson && g === lastGroup) {
      overlap[out] = (overlap[out] ?? 0) + o;
      continue;
    }
    if (p !== lastPerson) {
      personFrom = r;
      outBefore = out;
    } else if (g < lastGroup) {
      // The person's rows are not in group order (the scan finds pairs in visit order): order them and
      // sum the person again.
      let end = r + 1;
      while (end < count && sortedWords[4 * end] === p) {
        end++;
      }
      orderByGroup(bucket.sorted, personFrom, end);
      out = outBefore;
      lastPerson = -1;
      r = personFrom - 1;
      continue;
    }
    out++;
    person[out] = p;
    caseId[out] = groupCase[g] ?? 0;
    location[out] = groupLocation[g] ?? 0;
    overlap[out] = o;
    lastPerson = p;
    lastGroup = g;
  }
  result.length = out + 1;
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
