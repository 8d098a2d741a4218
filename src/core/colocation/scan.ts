import type { CaseIndex } from './case-index.ts';
import type { PairLog } from './pair-sort.ts';
import { farSlots } from './slot-index.ts';
import type { VisitColumns } from './types.ts';

/**
 * The one pass over the visit columns. Every visit takes the same steps (its slots on the grid, clamped
 * with branches that depend on its time only; one read of its location's row), so the loop has no branch
 * that depends on whether the visit's place is a case place; only the few visits that touch a covered slot
 * go on to the exact join with the location's intervals (see SlotIndex for its two disjoint sets).
 *
 * Scans the visits [from, to) and appends their pairs to `pairs` in visit order; returns the log's new
 * length, which the caller stores. The caller scans a large log in slices: a function called many times
 * runs V8's fully optimized code, while one call's long loop runs the code compiled while it was on the
 * stack (on-stack replacement), measured 3–5× slower here. That code is kept for the function's later
 * calls, and nothing after the loop had run when it was compiled: a store to the log there made each of
 * those calls leave it at the loop's end, so the loop is the function's last statement.
 */
export function scan(
  index: CaseIndex,
  visits: VisitColumns,
  locations: Int32Array,
  pairs: PairLog,
  from: number,
  to: number,
): number {
  // The log's columns in locals, written directly (a method call per pair cost more than the join).
  let n = pairs.length;
  let pairPerson = pairs.person;
  let pairGroup = pairs.group;
  let pairOverlap = pairs.overlap;
  const { lo, hi, person: casePerson, group, offsets, maxLocation } = index;
  const { origin, perSlot, slots, row, nextCovered, lists, active } = index.slots;
  const { person, start, end } = visits;
  for (let i = from; i < to; i++) {
    const l = locations[i] ?? -1;
    if (l < 0 || l > maxLocation) {
      continue;
    }
    const vs = start[i] ?? 0;
    const ve = end[i] ?? 0;
    // Clamped before the integer truncation, which then equals the floor. The end slot is exclusive.
    const x = (vs - origin) * perSlot;
    const a = (x < 0 ? 0 : x > slots ? slots : x) | 0;
    const y = (ve - origin) * perSlot + 1;
    const b = (y < 0 ? 0 : y > slots ? slots : y) | 0;
    const at = row[l] ?? 0;
    // The shared empty row (at 0) lets through only visits longer than farSlots slots; nothing is there.
    if ((nextCovered[at + a] ?? farSlots) >= b - a || at === 0) {
      continue;
    }
    const p = person[i] ?? -1;
    let k = offsets[l] ?? 0;
    const last = offsets[l + 1] ?? 0;
    // A visit pairs with at most every interval of its location.
    if (n + last - k > pairPerson.length) {
      pairs.length = n;
      pairs.reserve(last - k);
      pairPerson = pairs.person;
      pairGroup = pairs.group;
      pairOverlap = pairs.overlap;
    }
    if (x >= 0) {
      const e = 2 * (at + a);
      for (let f = lists[e] ?? 0; f < (lists[e + 2] ?? 0); f++) {
        const j = active[f] ?? 0;
        const cl = lo[j] ?? 0;
        const ch = hi[j] ?? 0;
        if (cl < ve && ch > vs && casePerson[j] !== p) {
          pairPerson[n] = p;
          pairGroup[n] = group[j] ?? 0;
          pairOverlap[n] = (ve < ch ? ve : ch) - (vs > cl ? vs : cl);
          n++;
        }
      }
      k = lists[e + 3] ?? 0;
    }
    // A visit starting before the grid walks its whole bucket. Sorted by start: stop at the first interval
    // starting at or after the visit's end.
    for (; k < last; k++) {
      const cl = lo[k] ?? 0;
      if (cl >= ve) {
        break;
      }
      const ch = hi[k] ?? 0;
      if (ch > vs && casePerson[k] !== p) {
        pairPerson[n] = p;
        pairGroup[n] = group[k] ?? 0;
        pairOverlap[n] = (ve < ch ? ve : ch) - (vs > cl ? vs : cl);
        n++;
      }
    }
  }
  return n;
}
