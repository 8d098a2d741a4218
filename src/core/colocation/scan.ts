import type { CaseIndex } from './case-index.ts';
import { PairLog } from './pair-sort.ts';
import { farSlots } from './slot-index.ts';
import type { VisitColumns } from './types.ts';

/**
 * The one pass over the visit columns. Every visit takes the same steps (its slots on the grid, clamped
 * with branches that depend on its time only; one read of its location's row), so the loop has no branch
 * that depends on whether the visit's place is a case place; only the few visits that touch a covered slot
 * go on to the exact join with the location's intervals (see SlotIndex for its two disjoint sets).
 * Scans the visits [from, to); pairs come out in visit order.
 */
export function scan(
  index: CaseIndex,
  visits: VisitColumns,
  locations: Int32Array,
  from = 0,
  to = visits.length,
): PairLog {
  const pairs = new PairLog();
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
    if (x >= 0) {
      const e = 2 * (at + a);
      for (let f = lists[e] ?? 0; f < (lists[e + 2] ?? 0); f++) {
        const j = active[f] ?? 0;
        const cl = lo[j] ?? 0;
        const ch = hi[j] ?? 0;
        if (cl < ve && ch > vs && casePerson[j] !== p) {
          pairs.add(p, group[j] ?? 0, (ve < ch ? ve : ch) - (vs > cl ? vs : cl));
        }
      }
      k = lists[e + 3] ?? 0;
    }
    // A visit starting before the grid walks its whole bucket. Sorted by start: stop at the first interval
    // starting at or after the visit's end.
    const last = offsets[l + 1] ?? 0;
    for (; k < last; k++) {
      const cl = lo[k] ?? 0;
      if (cl >= ve) {
        break;
      }
      const ch = hi[k] ?? 0;
      if (ch > vs && casePerson[k] !== p) {
        pairs.add(p, group[k] ?? 0, (ve < ch ? ve : ch) - (vs > cl ? vs : cl));
      }
    }
  }
  return pairs;
}
