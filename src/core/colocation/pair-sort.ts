import { GrowableFloat64, GrowableInt32 } from './growable.ts';

/** Matching pairs in scan order: the visit's person, the case visit's group, the pair's overlap. */
export class PairLog {
  readonly person = new GrowableInt32(1 << 16);
  readonly group = new GrowableInt32(1 << 16);
  readonly overlap = new GrowableFloat64(1 << 16);
  maxPerson = -1;

  add(person: number, group: number, overlap: number): void {
    this.person.push(person);
    this.group.push(group);
    this.overlap.push(overlap);
    if (person > this.maxPerson) {
      this.maxPerson = person;
    }
  }
}

/** A stable counting sort of `order` by `key[order[i]]`, keys in [0, buckets). */
function countingSort(order: Int32Array, key: Int32Array, buckets: number): Int32Array {
  const starts = new Int32Array(buckets + 1);
  for (let i = 0; i < order.length; i++) {
    const k = (key[order[i] ?? 0] ?? 0) + 1;
    starts[k] = (starts[k] ?? 0) + 1;
  }
  for (let b = 0; b < buckets; b++) {
    starts[b + 1] = (starts[b + 1] ?? 0) + (starts[b] ?? 0);
  }
  const sorted = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const row = order[i] ?? 0;
    const k = key[row] ?? 0;
    const at = starts[k] ?? 0;
    starts[k] = at + 1;
    sorted[at] = row;
  }
  return sorted;
}

export type SummedPairs = { length: number; person: Int32Array; group: Int32Array; sum: Float64Array };

/**
 * The pairs ordered by (person, group) with equal keys summed. Two counting-sort passes (least significant
 * key first) cost O(pairs + persons + groups): no comparisons and no hashing in the scan.
 */
export function sumPairs(log: PairLog, groups: number): SummedPairs {
  const n = log.person.length;
  const person = log.person.data;
  const group = log.group.data;
  const overlap = log.overlap.data;
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    identity[i] = i;
  }
  const order = countingSort(countingSort(identity, group, groups), person, log.maxPerson + 1);
  const out = {
    length: 0,
    person: new Int32Array(n),
    group: new Int32Array(n),
    sum: new Float64Array(n),
  };
  let at = -1;
  let lastPerson = -1;
  let lastGroup = -1;
  for (let i = 0; i < n; i++) {
    const row = order[i] ?? 0;
    const p = person[row] ?? 0;
    const g = group[row] ?? 0;
    if (p !== lastPerson || g !== lastGroup) {
      at++;
      out.person[at] = p;
      out.group[at] = g;
      lastPerson = p;
      lastGroup = g;
    }
    out.sum[at] = (out.sum[at] ?? 0) + (overlap[row] ?? 0);
  }
  out.length = at + 1;
  return out;
}
