import type { MatchRows } from './types.ts';

/** Matching pairs in scan order: the visit's person, the case visit's group, the pair's overlap. */
export class PairLog {
  person: Int32Array;
  group: Int32Array;
  overlap: Float64Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.person = new Int32Array(capacity);
    this.group = new Int32Array(capacity);
    this.overlap = new Float64Array(capacity);
  }

  add(person: number, group: number, overlap: number): void {
    if (this.length === this.person.length) {
      this.grow();
    }
    const at = this.length++;
    this.person[at] = person;
    this.group[at] = group;
    this.overlap[at] = overlap;
  }

  private grow(): void {
    const capacity = this.person.length * 2;
    const person = new Int32Array(capacity);
    const group = new Int32Array(capacity);
    const overlap = new Float64Array(capacity);
    person.set(this.person);
    group.set(this.group);
    overlap.set(this.overlap);
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

/** The probe's pair log, emptied and refilled by each call (see Scratch). */
export const reusedPairLog = new PairLog(1 << 10);

type PairColumns = { person: Int32Array; group: Int32Array; overlap: Float64Array };

/** Widest radix digit: 2¹¹ counters stay in L1 and the scatter writes to few enough places at once. */
const maxDigitBits = 11;

/** The shifts and mask of the fewest, equally wide digits (≤ maxDigitBits) that cover 0..max. */
function digitsOf(max: number): { shifts: number[]; mask: number } {
  const bits = max > 0 ? 32 - Math.clz32(max) : 0;
  const passes = Math.ceil(bits / maxDigitBits);
  const width = passes > 0 ? Math.ceil(bits / passes) : 0;
  return { shifts: Array.from({ length: passes }, (_, p) => p * width), mask: (1 << width) - 1 };
}

/** One stable counting-sort pass of `from` into `to` by a digit of `key` (the person or the group column of `from`). */
function radixPass(
  from: PairColumns,
  to: PairColumns,
  n: number,
  key: Int32Array,
  shift: number,
  mask: number,
): void {
  const counts = new Int32Array(mask + 2);
  for (let i = 0; i < n; i++) {
    const d = (((key[i] ?? 0) >>> shift) & mask) + 1;
    counts[d] = (counts[d] ?? 0) + 1;
  }
  for (let d = 0; d <= mask; d++) {
    counts[d + 1] = (counts[d + 1] ?? 0) + (counts[d] ?? 0);
  }
  const { person, group, overlap } = from;
  const toPerson = to.person;
  const toGroup = to.group;
  const toOverlap = to.overlap;
  for (let i = 0; i < n; i++) {
    const d = ((key[i] ?? 0) >>> shift) & mask;
    const at = counts[d] ?? 0;
    counts[d] = at + 1;
    toPerson[at] = person[i] ?? 0;
    toGroup[at] = group[i] ?? 0;
    toOverlap[at] = overlap[i] ?? 0;
  }
}

/**
 * The result rows of the pairs: grouped by (person, group) with overlaps summed, in (person, group) order,
 * which is (person, case, location) order because groups are numbered that way. An LSD radix sort (the
 * group's digits, then the person's; no comparisons, a few sequential passes) is stable, so the pairs of a
 * row are summed in scan order.
 */
export function sumPairs(log: PairLog, groupCase: Int32Array, groupLocation: Int32Array): MatchRows {
  const n = log.length;
  let maxPerson = 0;
  for (let i = 0; i < n; i++) {
    maxPerson = Math.max(maxPerson, log.person[i] ?? 0);
  }
  let from: PairColumns = { person: log.person, group: log.group, overlap: log.overlap };
  let to: PairColumns = { person: new Int32Array(n), group: new Int32Array(n), overlap: new Float64Array(n) };
  const passes = [
    ...digitsOf(groupCase.length - 1).shifts.map((shift) => ({ byPerson: false, shift })),
    ...digitsOf(maxPerson).shifts.map((shift) => ({ byPerson: true, shift })),
  ];
  const masks = { group: digitsOf(groupCase.length - 1).mask, person: digitsOf(maxPerson).mask };
  for (const { byPerson, shift } of passes) {
    radixPass(from, to, n, byPerson ? from.person : from.group, shift, byPerson ? masks.person : masks.group);
    [from, to] = [to, from];
  }

  const rows: MatchRows = {
    length: 0,
    person: new Int32Array(n),
    caseId: new Int32Array(n),
    location: new Int32Array(n),
    overlap: new Float64Array(n),
  };
  let out = -1;
  let lastPerson = -1;
  let lastGroup = -1;
  for (let i = 0; i < n; i++) {
    const p = from.person[i] ?? 0;
    const g = from.group[i] ?? 0;
    if (p !== lastPerson || g !== lastGroup) {
      out++;
      rows.person[out] = p;
      rows.caseId[out] = groupCase[g] ?? 0;
      rows.location[out] = groupLocation[g] ?? 0;
      lastPerson = p;
      lastGroup = g;
    }
    rows.overlap[out] = (rows.overlap[out] ?? 0) + (from.overlap[i] ?? 0);
  }
  const length = out + 1;
  return {
    length,
    person: rows.person.subarray(0, length),
    caseId: rows.caseId.subarray(0, length),
    location: rows.location.subarray(0, length),
    overlap: rows.overlap.subarray(0, length),
  };
}

/** Pairs as 16-byte rows: words[4r] the person, words[4r + 1] the group, times[2r + 1] the overlap. */
type PairRows = { words: Int32Array; times: Float64Array };

/**
 * sumPairs for pairs already in group order (the probe's): a stable LSD radix sort by person over 16-byte
 * rows (each pass writes one stream per digit value, not three), whose (person, group) order is then
 * (person, case, location) order; equal neighbours are summed into the result columns.
 */
export function sumGroupOrderedPairs(
  log: PairLog,
  groupCase: Int32Array,
  groupLocation: Int32Array,
): MatchRows {
  const n = log.length;
  const { person, group, overlap } = log;
  let maxPerson = 0;
  for (let i = 0; i < n; i++) {
    const p = person[i] ?? 0;
    maxPerson = p > maxPerson ? p : maxPerson;
  }
  const { shifts, mask } = digitsOf(maxPerson);
  const stride = mask + 2;
  const counts = scratch.int32('counts', shifts.length * stride, true);
  for (let i = 0; i < n; i++) {
    const p = person[i] ?? 0;
    for (let d = 0; d < shifts.length; d++) {
      const at = d * stride + ((p >>> (shifts[d] ?? 0)) & mask) + 1;
      counts[at] = (counts[at] ?? 0) + 1;
    }
  }
  for (let d = 0; d < shifts.length; d++) {
    for (let v = d * stride; v < d * stride + mask; v++) {
      counts[v + 1] = (counts[v + 1] ?? 0) + (counts[v] ?? 0);
    }
  }
  const buffers = [scratch.rows('a', n), scratch.rows('b', n)];
  let rows = buffers[0] ?? scratch.rows('a', n);
  // The first pass reads the log's columns (with no digit, one pass copies them into rows).
  const shift = shifts[0] ?? 0;
  for (let i = 0; i < n; i++) {
    const p = person[i] ?? 0;
    const at = shifts.length > 0 ? (counts[(p >>> shift) & mask] ?? 0) : i;
    if (shifts.length > 0) {
      counts[(p >>> shift) & mask] = at + 1;
    }
    rows.words[4 * at] = p;
    rows.words[4 * at + 1] = group[i] ?? 0;
    rows.times[2 * at + 1] = overlap[i] ?? 0;
  }
  for (let d = 1; d < shifts.length; d++) {
    const to = buffers[d % 2] ?? rows;
    const base = d * stride;
    const digitShift = shifts[d] ?? 0;
    for (let r = 0; r < n; r++) {
      const p = rows.words[4 * r] ?? 0;
      const slot = base + ((p >>> digitShift) & mask);
      const at = counts[slot] ?? 0;
      counts[slot] = at + 1;
      to.words[4 * at] = p;
      to.words[4 * at + 1] = rows.words[4 * r + 1] ?? 0;
      to.times[2 * at + 1] = rows.times[2 * r + 1] ?? 0;
    }
    rows = to;
  }
  return summedRows(rows, n, groupCase, groupLocation);
}

/** The result columns of pair rows sorted by (person, group), equal neighbours summed. */
function summedRows(rows: PairRows, n: number, groupCase: Int32Array, groupLocation: Int32Array): MatchRows {
  const { words, times } = rows;
  let length = 0;
  for (let r = 0; r < n; r++) {
    if (r === 0 || words[4 * r] !== words[4 * r - 4] || words[4 * r + 1] !== words[4 * r - 3]) {
      length++;
    }
  }
  const result: MatchRows = {
    length,
    person: new Int32Array(length),
    caseId: new Int32Array(length),
    location: new Int32Array(length),
    overlap: new Float64Array(length),
  };
  let out = -1;
  for (let r = 0; r < n; r++) {
    const p = words[4 * r] ?? 0;
    const g = words[4 * r + 1] ?? 0;
    if (r === 0 || p !== words[4 * r - 4] || g !== words[4 * r - 3]) {
      out++;
      result.person[out] = p;
      result.caseId[out] = groupCase[g] ?? 0;
      result.location[out] = groupLocation[g] ?? 0;
    }
    result.overlap[out] = (result.overlap[out] ?? 0) + (times[2 * r + 1] ?? 0);
  }
  return result;
}
