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
export function sumPairs(
  log: PairLog,
  groupCase: Int32Array,
  groupLocation: Int32Array,
  /** The pairs already come in group order (the probe emits them so): only the person digits are sorted. */
  inGroupOrder = false,
): MatchRows {
  const n = log.length;
  let maxPerson = 0;
  for (let i = 0; i < n; i++) {
    maxPerson = Math.max(maxPerson, log.person[i] ?? 0);
  }
  let from: PairColumns = { person: log.person, group: log.group, overlap: log.overlap };
  let to: PairColumns = { person: new Int32Array(n), group: new Int32Array(n), overlap: new Float64Array(n) };
  const passes = [
    ...(inGroupOrder
      ? []
      : digitsOf(groupCase.length - 1).shifts.map((shift) => ({ byPerson: false, shift }))),
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
