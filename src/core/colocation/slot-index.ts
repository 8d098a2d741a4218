/** Width of a time slot of the per-location coverage index, in seconds. */
const slotSeconds = 1800;
const perSlot = 1 / slotSeconds;

/**
 * The slot of an offset from a location's origin. The index and the scan must use this same monotone
 * function: mixing it with a division rounds differently at slot boundaries.
 */
export function slotOf(offset: number): number {
  return Math.floor(offset * perSlot);
}

/**
 * Per location, a grid of time slots over the span of its case intervals: how many slots before each are
 * covered by some interval (a prefix count), and where in the location's sorted bucket a visit starting in
 * the slot must begin looking. Most visits at a busy place overlap no case visit; this rejects them with
 * two reads instead of a binary search, and spares the search for the others.
 */
export type SlotIndex = {
  /** Start of slot 0 of the location, or NaN when the location has no case interval. */
  origin: Float64Array;
  /** Offset of the location's slots in `coveredBefore` and `firstCandidate`. */
  base: Int32Array;
  count: Int32Array;
  /** coveredBefore[base + s] = covered slots among 0..s−1; one extra entry per location. */
  coveredBefore: Int32Array;
  firstCandidate: Int32Array;
};

export function buildSlotIndex(
  offsets: Int32Array,
  lo: Float64Array,
  hi: Float64Array,
  maxSpan: Float64Array,
): SlotIndex {
  const locations = offsets.length - 1;
  const origin = new Float64Array(locations).fill(Number.NaN);
  const base = new Int32Array(locations);
  const count = new Int32Array(locations);
  let total = 0;
  for (let l = 0; l < locations; l++) {
    const first = offsets[l] ?? 0;
    const last = offsets[l + 1] ?? 0;
    if (first === last) {
      continue;
    }
    let lowest = Infinity;
    let highest = -Infinity;
    for (let k = first; k < last; k++) {
      lowest = Math.min(lowest, lo[k] ?? 0);
      highest = Math.max(highest, hi[k] ?? 0);
    }
    const start = slotOf(lowest) * slotSeconds;
    origin[l] = start;
    base[l] = total;
    count[l] = slotOf(highest - start) + 1;
    total += (count[l] ?? 0) + 1;
  }
  const coveredBefore = new Int32Array(total);
  const firstCandidate = new Int32Array(total);
  const covered = new Uint8Array(total);
  for (let l = 0; l < locations; l++) {
    const first = offsets[l] ?? 0;
    const last = offsets[l + 1] ?? 0;
    const start = origin[l] ?? Number.NaN;
    if (first === last) {
      continue;
    }
    const at = base[l] ?? 0;
    const slots = count[l] ?? 0;
    for (let k = first; k < last; k++) {
      const from = slotOf((lo[k] ?? 0) - start);
      const to = slotOf((hi[k] ?? 0) - start);
      covered.fill(1, at + from, at + to + 1);
    }
    let k = first;
    for (let s = 0; s <= slots; s++) {
      coveredBefore[at + s] = s === 0 ? 0 : (coveredBefore[at + s - 1] ?? 0) + (covered[at + s - 1] ?? 0);
      // Intervals starting at or before slotStart − maxSpan end before any visit of the slot starts.
      const bound = start + s * slotSeconds - (maxSpan[l] ?? 0);
      while (k < last && (lo[k] ?? 0) <= bound) {
        k++;
      }
      firstCandidate[at + s] = k;
    }
  }
  return { origin, base, count, coveredBefore, firstCandidate };
}
