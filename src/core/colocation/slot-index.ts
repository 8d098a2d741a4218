/** Narrowest time slot of the grid, in seconds; wider when the grid would otherwise be too large. */
const baseSlotSeconds = 1800;
/** Upper bound of grid entries (rows × slots); about 10 bytes each. */
const maxGridEntries = 1 << 23;
/** The fewest entries `gridEntriesFor` allows: a grid this small builds in well under a millisecond. */
const minGridEntries = 1 << 16;

/**
 * The most entries worth building for a scan of `visits` visits: a quarter of an entry per visit. Every
 * entry costs the build a few steps, while finer slots save the scan little when most visits reach a case
 * interval anyway (the visits a reader kept for one query). Measured on the bench's 708k kept visits, in
 * one process: 661 slots of 30 min took 10.7 ms to build, 166 slots of 2 h took 3.1 ms, and the scan took
 * 44.3 and 45.5 ms; with 84 slots of 4 h the scan took 49.5 ms. The bench's whole log (10M visits)
 * keeps its 30-minute slots.
 */
export function gridEntriesFor(visits: number): number {
  return Math.min(maxGridEntries, Math.max(minGridEntries, Math.floor(visits / 4)));
}

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
 * An interval covers the slots from slot(lo) to slot(hi), both included. Slots are 30 minutes wide, or
 * twice, four times... that, until the grid has at most `maxEntries` entries.
 *
 * The work is done a row at a time by small functions called once per case location, from loops that
 * each have a function of their own: V8 optimizes a function called a thousand times quickly, while one
 * function holding every loop was recompiled loop by loop on its first call, which cost more than the
 * building itself.
 */
export function buildSlotIndex(
  offsets: Int32Array,
  lo: Float64Array,
  hi: Float64Array,
  maxEntries = maxGridEntries,
): SlotIndex {
  const { rows, lowest, highest } = gridSpan(offsets, lo, hi);
  let width = baseSlotSeconds;
  while (rows > 1 && rows * (Math.floor(highest / width) - Math.floor(lowest / width) + 2) > maxEntries) {
    width *= 2;
  }
  const origin = rows > 1 ? Math.floor(lowest / width) * width : 0;
  const perSlot = 1 / width;
  const slots = rows > 1 ? slotOf(highest, origin, perSlot) + 1 : 0;
  const grid: Grid = { origin, perSlot, slots, lo, hi, counts: new Int32Array(slots + 1) };

  const entries = rows * (slots + 1);
  const index: SlotIndex = {
    origin,
    perSlot,
    slots,
    row: new Int32Array(offsets.length - 1),
    nextCovered: new Uint8Array(entries).fill(farSlots),
    lists: new Int32Array(2 * entries + 2),
    active: new Int32Array(0),
  };
  // The shared empty row's entries stay 0: no active intervals, no bucket.
  const listed = countRows(grid, offsets, index);
  index.lists[2 * entries] = listed;
  index.active = new Int32Array(listed);
  listRows(grid, offsets, index);
  return index;
}

/** Rows the grid needs (the locations with intervals, and the shared empty row) and the intervals' span. */
function gridSpan(
  offsets: Int32Array,
  lo: Float64Array,
  hi: Float64Array,
): { rows: number; lowest: number; highest: number } {
  let lowest = Infinity;
  let highest = -Infinity;
  let rows = 1;
  for (let l = 0; l + 1 < offsets.length; l++) {
    const first = offsets[l] ?? 0;
    const last = offsets[l + 1] ?? 0;
    if (first < last) {
      rows++;
      lowest = Math.min(lowest, lo[first] ?? 0);
      highest = Math.max(highest, spanEnd(hi, first, last));
    }
  }
  return { rows, lowest, highest };
}

/** Places the rows and counts them (see countRow); returns the number of active entries. */
function countRows(grid: Grid, offsets: Int32Array, index: SlotIndex): number {
  const { row, lists, nextCovered } = index;
  let at = 0;
  let listed = 0;
  for (let l = 0; l + 1 < offsets.length; l++) {
    const first = offsets[l] ?? 0;
    const last = offsets[l + 1] ?? 0;
    if (first < last) {
      at += grid.slots + 1;
      row[l] = at;
      listed = countRow(grid, first, last, at, lists, nextCovered, listed);
    }
  }
  return listed;
}

/** Lists the intervals of every row under the slots they touch (see listRow). */
function listRows(grid: Grid, offsets: Int32Array, index: SlotIndex): void {
  const { row, lists, active } = index;
  for (let l = 0; l + 1 < offsets.length; l++) {
    const first = offsets[l] ?? 0;
    const last = offsets[l + 1] ?? 0;
    if (first < last) {
      listRow(grid, first, last, row[l] ?? 0, lists, active);
    }
  }
}

/** What the row builders share: the grid's slots, the intervals, and a counter per slot of one row. */
type Grid = {
  origin: number;
  perSlot: number;
  slots: number;
  lo: Float64Array;
  hi: Float64Array;
  counts: Int32Array;
};

function slotOf(t: number, origin: number, perSlot: number): number {
  return Math.floor((t - origin) * perSlot);
}

/** The latest end of the bucket [first, last); buckets are sorted by start, not by end. */
function spanEnd(hi: Float64Array, first: number, last: number): number {
  let end = -Infinity;
  for (let k = first; k < last; k++) {
    end = Math.max(end, hi[k] ?? 0);
  }
  return end;
}

/**
 * Fills the row at entry `at` for the bucket [first, last): each slot's first bucket index starting in it
 * or later, where its active intervals will begin in `active` (counting on from `listed`), and the
 * distances to the next covered slot. Returns the number of active entries listed so far.
 */
function countRow(
  grid: Grid,
  first: number,
  last: number,
  at: number,
  lists: Int32Array,
  nextCovered: Uint8Array,
  listed: number,
): number {
  const { origin, perSlot, slots, lo, hi, counts } = grid;
  counts.fill(0);
  let k = first;
  for (let s = 0; s <= slots; s++) {
    while (k < last && slotOf(lo[k] ?? 0, origin, perSlot) < s) {
      k++;
    }
    lists[2 * (at + s) + 1] = k;
  }
  for (k = first; k < last; k++) {
    const to = slotOf(hi[k] ?? 0, origin, perSlot);
    for (let s = slotOf(lo[k] ?? 0, origin, perSlot); s <= to; s++) {
      counts[s] = (counts[s] ?? 0) + 1;
    }
  }
  for (let s = 0; s <= slots; s++) {
    lists[2 * (at + s)] = listed;
    listed += counts[s] ?? 0;
  }
  // The last entry (slot `slots`) stays at farSlots: no slot at or after it is covered.
  let next = -1;
  for (let s = slots - 1; s >= 0; s--) {
    next = (counts[s] ?? 0) > 0 ? s : next;
    nextCovered[at + s] = next < 0 ? farSlots : Math.min(next - s, farSlots);
  }
  return listed;
}

/** Lists the bucket [first, last) under every slot of the row at `at` that its intervals touch. */
function listRow(
  grid: Grid,
  first: number,
  last: number,
  at: number,
  lists: Int32Array,
  active: Int32Array,
): void {
  const { origin, perSlot, slots, lo, hi, counts: cursor } = grid;
  for (let s = 0; s <= slots; s++) {
    cursor[s] = lists[2 * (at + s)] ?? 0;
  }
  for (let k = first; k < last; k++) {
    const to = slotOf(hi[k] ?? 0, origin, perSlot);
    for (let s = slotOf(lo[k] ?? 0, origin, perSlot); s <= to; s++) {
      const entry = cursor[s] ?? 0;
      cursor[s] = entry + 1;
      active[entry] = k;
    }
  }
}
