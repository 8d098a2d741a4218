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
  private readonly floats = new Map<string, Float64Array>();

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

  float64(name: string, length: number): Float64Array {
    let array = this.floats.get(name);
    if (!array || array.length < length) {
      array = new Float64Array(Math.max(length, (array?.length ?? 0) * 2));
      this.floats.set(name, array);
    }
    return array;
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

/**
 * sumPairs for pairs already in group order (the probe's): one stable counting sort by person over a
 * counter per person id scatters the pairs straight into the result columns, whose (person, group) order is
 * then (person, case, location) order; equal neighbours are summed in place.
 */
export function sumGroupOrderedPairs(
  log: PairLog,
  groupCase: Int32Array,
  groupLocation: Int32Array,
): MatchRows {
  const n = log.length;
  const { person, group, overlap } = log;
  let maxPerson = -1;
  for (let i = 0; i < n; i++) {
    const p = person[i] ?? 0;
    maxPerson = p > maxPerson ? p : maxPerson;
  }
  const starts = scratch.int32('starts', maxPerson + 2, true);
  for (let i = 0; i < n; i++) {
    const p = (person[i] ?? 0) + 1;
    starts[p] = (starts[p] ?? 0) + 1;
  }
  for (let p = 0; p <= maxPerson; p++) {
    starts[p + 1] = (starts[p + 1] ?? 0) + (starts[p] ?? 0);
  }
  const rowPerson = scratch.int32('person', n);
  const rowGroup = scratch.int32('group', n);
  const rowOverlap = scratch.float64('overlap', n);
  for (let i = 0; i < n; i++) {
    const p = person[i] ?? 0;
    const at = starts[p] ?? 0;
    starts[p] = at + 1;
    rowPerson[at] = p;
    rowGroup[at] = group[i] ?? 0;
    rowOverlap[at] = overlap[i] ?? 0;
  }
  let out = -1;
  for (let i = 0; i < n; i++) {
    const p = rowPerson[i] ?? 0;
    const g = rowGroup[i] ?? 0;
    if (out >= 0 && p === rowPerson[out] && g === rowGroup[out]) {
      rowOverlap[out] = (rowOverlap[out] ?? 0) + (rowOverlap[i] ?? 0);
      continue;
    }
    out++;
    rowPerson[out] = p;
    rowGroup[out] = g;
    rowOverlap[out] = rowOverlap[i] ?? 0;
  }
  const length = out + 1;
  const caseId = new Int32Array(length);
  const location = new Int32Array(length);
  for (let r = 0; r < length; r++) {
    const g = rowGroup[r] ?? 0;
    caseId[r] = groupCase[g] ?? 0;
    location[r] = groupLocation[g] ?? 0;
  }
  return {
    length,
    person: rowPerson.slice(0, length),
    caseId,
    location,
    overlap: rowOverlap.slice(0, length),
  };
}
