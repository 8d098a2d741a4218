/** Narrowest time slot of the grid, in seconds; wider when the grid would otherwise be too large. */
const baseSlotSeconds = 1800;
/** Upper bound of grid entries (rows × slots); about 10 bytes each. */
const maxGridEntries = 1 << 23;

/**
 * Distances to the next covered slot are stored in a byte, so that the table every visit reads (a row per
 * case place) stays in the core's L2 cache; a longer distance is stored as this cap, which can only let a
 * visit through the reject test to the exact check, never reject a match.
 */
export const farSlots = 0xff;

/**
 * One grid of time slots over the span of all case intervals, with a row per location that has case
 * intervals. A location without any shares the empty row at 0, which rejects everything, so the scan
 * tests every visit the same way: a visit covering slots [a, b) can only match when
 * `nextCovered[row + a] < b − a`. Because the grid is common to all locations, clamping a visit's slots
 * to it depends on the visit's time only, not on its place, which keeps the scan's branches predictable.
 *
 * A visit that passes is matched exactly against two disjoint sets of its location's bucket (sorted by
 * interval start): the intervals active in its first slot a (start slot ≤ a ≤ end slot), listed per slot,
 * and the intervals starting in a later slot — they start after the visit does — a run of the bucket from
 * the first one starting in slot a + 1 or later to the first one starting at or after the visit's end.
 */
export type SlotIndex = {
  /** Start of slot 0, in seconds. */
  origin: number;
  /** 1 / slot width: slot of t = floor((t − origin) · perSlot). */
  perSlot: number;
  /** Slots of the grid; a row has slots + 1 entries, the last one past every interval. */
  slots: number;
  /** Offset of each location's row in the per-slot arrays (0: the shared empty row). */
  row: Int32Array;
  /** Slots from s to the first slot at or after s that a case interval touches, capped at `farSlots`. */
  nextCovered: Uint8Array;
  /**
   * Two numbers per entry e = row + s, side by side because a visit that passes the test reads both:
   * lists[2e] is where the slot's active intervals begin in `active` (they end at lists[2e + 2]), and
   * lists[2e + 1] is the bucket index of the location's first interval whose start slot is at least s.
   */
  lists: Int32Array;
  active: Int32Array;
};

/**
 * Builds the grid of intervals bucketed by location in CSR layout (`offsets`), each bucket sorted by `lo`.
 * An interval covers the slots from slot(lo) to slot(hi), both included.
 */
export function buildSlotIndex(offsets: Int32Array, lo: Float64Array, hi: Float64Array): SlotIndex {
  const locations = offsets.length - 1;
  let lowest = Infinity;
  let highest = -Infinity;
  let rows = 1;
  for (let l = 0; l < locations; l++) {
    const first = offsets[l] ?? 0;
    const last = offsets[l + 1] ?? 0;
    rows += first < last ? 1 : 0;
    for (let k = first; k < last; k++) {
      lowest = Math.min(lowest, lo[k] ?? 0);
      highest = Math.max(highest, hi[k] ?? 0);
    }
  }
  let width = baseSlotSeconds;
  const slotsOf = (w: number) => (rows > 1 ? Math.floor(highest / w) - Math.floor(lowest / w) + 1 : 0);
  while (rows * (slotsOf(width) + 1) > maxGridEntries) {
    width *= 2;
  }
  const origin = rows > 1 ? Math.floor(lowest / width) * width : 0;
  const perSlot = 1 / width;
  const slotOf = (t: number) => Math.floor((t - origin) * perSlot);
  const slots = rows > 1 ? slotOf(highest) + 1 : 0;
  const rowSize = slots + 1;

  const row = new Int32Array(locations);
  const entries = rows * rowSize;
  const nextCovered = new Uint8Array(entries).fill(farSlots);
  const lists = new Int32Array(2 * entries + 2);
  const covered = new Uint8Array(rowSize);
  let at = 0;
  for (let l = 0; l < locations; l++) {
    const first = offsets[l] ?? 0;
    const last = offsets[l + 1] ?? 0;
    if (first === last) {
      continue;
    }
    at += rowSize;
    row[l] = at;
    covered.fill(0);
    let k = first;
    for (let s = 0; s <= slots; s++) {
      while (k < last && slotOf(lo[k] ?? 0) < s) {
        k++;
      }
      lists[2 * (at + s) + 1] = k;
    }
    for (k = first; k < last; k++) {
      const from = slotOf(lo[k] ?? 0);
      const to = slotOf(hi[k] ?? 0);
      covered.fill(1, from, to + 1);
      for (let s = from; s <= to; s++) {
        const e = 2 * (at + s + 1);
        lists[e] = (lists[e] ?? 0) + 1;
      }
    }
    // The last entry (slot `slots`) stays at farSlots: no slot at or after it is covered.
    let next = -1;
    for (let s = slots - 1; s >= 0; s--) {
      next = covered[s] === 1 ? s : next;
      nextCovered[at + s] = next < 0 ? farSlots : Math.min(next - s, farSlots);
    }
  }
  const fill = new Int32Array(entries);
  for (let e = 0; e < entries; e++) {
    lists[2 * e + 2] = (lists[2 * e + 2] ?? 0) + (lists[2 * e] ?? 0);
    fill[e] = lists[2 * e] ?? 0;
  }
  const active = new Int32Array(lists[2 * entries] ?? 0);
  for (let l = 0; l < locations; l++) {
    const rowAt = row[l] ?? 0;
    for (let k = offsets[l] ?? 0; k < (offsets[l + 1] ?? 0); k++) {
      for (let s = slotOf(lo[k] ?? 0); s <= slotOf(hi[k] ?? 0); s++) {
        const entry = fill[rowAt + s] ?? 0;
        fill[rowAt + s] = entry + 1;
        active[entry] = k;
      }
    }
  }
  return { origin, perSlot, slots, row, nextCovered, lists, active };
}
