import { GrowableFloat64, GrowableInt32 } from './growable.ts';
import type { MatchRows } from './types.ts';

/** Matching pairs in scan order: the visit's person, the case visit's group, the pair's overlap. */
export class PairLog {
  readonly person = new GrowableInt32(1 << 18);
  readonly group = new GrowableInt32(1 << 18);
  readonly overlap = new GrowableFloat64(1 << 18);
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

/**
 * The result rows of the pairs: grouped by (person, group) with overlaps summed, in (person, group) order,
 * which is (person, case, location) order because groups are numbered that way. One counting sort by person
 * (O(pairs + persons), no comparisons), then each person's few pairs are ordered by group in place.
 */
export function sumPairs(log: PairLog, groupCase: Int32Array, groupLocation: Int32Array): MatchRows {
  const n = log.person.length;
  const person = log.person.data;
  const group = log.group.data;
  const overlap = log.overlap.data;
  const starts = new Int32Array(log.maxPerson + 2);
  for (let i = 0; i < n; i++) {
    const p = (person[i] ?? 0) + 1;
    starts[p] = (starts[p] ?? 0) + 1;
  }
  for (let p = 0; p <= log.maxPerson; p++) {
    starts[p + 1] = (starts[p + 1] ?? 0) + (starts[p] ?? 0);
  }
  const order = new Int32Array(n);
  const fill = starts.slice(0, log.maxPerson + 1);
  for (let i = 0; i < n; i++) {
    const p = person[i] ?? 0;
    const at = fill[p] ?? 0;
    fill[p] = at + 1;
    order[at] = i;
  }
  const rows = {
    person: new Int32Array(n),
    caseId: new Int32Array(n),
    location: new Int32Array(n),
    overlap: new Float64Array(n),
  };
  let out = 0;
  for (let p = 0; p <= log.maxPerson; p++) {
    const first = starts[p] ?? 0;
    const last = starts[p + 1] ?? 0;
    // Insertion sort by group: a person rarely has more than a handful of pairs.
    for (let i = first + 1; i < last; i++) {
      const row = order[i] ?? 0;
      const g = group[row] ?? 0;
      let j = i - 1;
      while (j >= first && (group[order[j] ?? 0] ?? 0) > g) {
        order[j + 1] = order[j] ?? 0;
        j--;
      }
      order[j + 1] = row;
    }
    let lastGroup = -1;
    for (let i = first; i < last; i++) {
      const row = order[i] ?? 0;
      const g = group[row] ?? 0;
      if (g !== lastGroup) {
        rows.person[out] = p;
        rows.caseId[out] = groupCase[g] ?? 0;
        rows.location[out] = groupLocation[g] ?? 0;
        out++;
        lastGroup = g;
      }
      rows.overlap[out - 1] = (rows.overlap[out - 1] ?? 0) + (overlap[row] ?? 0);
    }
  }
  return {
    length: out,
    person: rows.person.subarray(0, out),
    caseId: rows.caseId.subarray(0, out),
    location: rows.location.subarray(0, out),
    overlap: rows.overlap.subarray(0, out),
  };
}
