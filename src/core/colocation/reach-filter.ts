import { integerId, type IdDictionary } from './id-dictionary.ts';
import type { CaseVisitColumns } from './types.ts';

/**
 * Where and when a visit can meet a case visit, in the files' own ids so that any reader (another thread,
 * with dictionaries of its own) can test its rows as it parses them: one widened interval [lo, hi) per case
 * visit at its location's external id. Plain data, so it crosses to a worker thread as it is.
 */
export type ReachSpec = {
  location: 'place' | 'cell';
  ids: (number | string)[];
  lo: number[];
  hi: number[];
};

/**
 * The spec of case visits widened by `tolerance` on both sides, their locations labelled with the
 * dictionary that numbered them. A case visit without a location (no cell) can meet no visit.
 */
export function reachSpec(
  cases: CaseVisitColumns,
  dictionary: IdDictionary,
  location: 'place' | 'cell',
  tolerance: number,
): ReachSpec {
  const spec: ReachSpec = { location, ids: [], lo: [], hi: [] };
  const column = cases[location];
  for (let i = 0; i < cases.length; i++) {
    const l = column?.[i] ?? -1;
    if (l >= 0) {
      spec.ids.push(dictionary.external(l));
      spec.lo.push((cases.start[i] ?? 0) - tolerance);
      spec.hi.push((cases.end[i] ?? 0) + tolerance);
    }
  }
  return spec;
}

/** Integer ids below this are looked up in a flat table (sized to the largest case location below it). */
const tableLimit = 1 << 22;

/**
 * The test a reader applies to each visit before keeping it: does the visit [start, end) overlap a widened
 * case interval at its location? A visit that fails cannot pair with any case visit (the engine's join
 * needs the same location and v.start < hi, v.end > lo), so dropping it leaves the engine's rows as they
 * were, whatever the window; the engine still makes the exact test on the visits kept. Each location's
 * intervals are merged into disjoint runs, sorted, so a visit reads one run after a binary search.
 */
export class ReachFilter {
  readonly location: 'place' | 'cell';
  /** Integer id → 1 + its location slot, 0 for none. */
  private readonly table: Int32Array;
  private readonly others = new Map<number | string, number>();
  private readonly offsets: Int32Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;

  constructor(spec: ReachSpec) {
    this.location = spec.location;
    const slotOf = new Map<number | string, number>();
    const perSlot: number[][] = [];
    let maxSmall = -1;
    spec.ids.forEach((id, k) => {
      let slot = slotOf.get(id);
      if (slot === undefined) {
        slot = perSlot.length;
        slotOf.set(id, slot);
        perSlot.push([]);
        if (typeof id === 'number' && id < tableLimit) {
          maxSmall = Math.max(maxSmall, id);
        }
      }
      perSlot[slot]?.push(k);
    });
    this.table = new Int32Array(maxSmall + 1);
    for (const [id, slot] of slotOf) {
      if (typeof id === 'number' && id < tableLimit) {
        this.table[id] = slot + 1;
      } else {
        this.others.set(id, slot);
      }
    }
    const runs = perSlot.map((members) => mergeRuns(members, spec.lo, spec.hi));
    this.offsets = new Int32Array(runs.length + 1);
    runs.forEach((run, slot) => {
      this.offsets[slot + 1] = (this.offsets[slot] ?? 0) + run.length / 2;
    });
    const total = this.offsets[runs.length] ?? 0;
    this.lo = new Float64Array(total);
    this.hi = new Float64Array(total);
    runs.forEach((run, slot) => {
      const at = this.offsets[slot] ?? 0;
      for (let r = 0; r < run.length / 2; r++) {
        this.lo[at + r] = run[2 * r] ?? 0;
        this.hi[at + r] = run[2 * r + 1] ?? 0;
      }
    });
  }

  /** The location slot of a non-negative integer id, −1 when no case visit is there. */
  slotOfInteger(id: number): number {
    if (id < this.table.length) {
      return (this.table[id] ?? 0) - 1;
    }
    return this.others.size === 0 ? -1 : (this.others.get(id) ?? -1);
  }

  /** The location slot of an id read as text (a canonical integer is that integer), −1 for none. */
  slotOfText(text: string): number {
    const id = integerId(text);
    return id === undefined ? (this.others.get(text) ?? -1) : this.slotOfInteger(id);
  }

  /** Whether [start, end) at the slot's location overlaps one of its runs. */
  reaches(slot: number, start: number, end: number): boolean {
    if (slot < 0) {
      return false;
    }
    const { lo, hi } = this;
    // The first run ending after start; the runs are disjoint and sorted, so their ends increase.
    let low = this.offsets[slot] ?? 0;
    let high = this.offsets[slot + 1] ?? 0;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((hi[middle] ?? 0) > start) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low < (this.offsets[slot + 1] ?? 0) && (lo[low] ?? 0) < end;
  }
}

/** The union of the intervals `members` as sorted disjoint runs, flattened [lo, hi, lo, hi, …]. */
function mergeRuns(members: number[], lo: readonly number[], hi: readonly number[]): number[] {
  const sorted = members.slice().sort((a, b) => (lo[a] ?? 0) - (lo[b] ?? 0));
  const runs: number[] = [];
  for (const k of sorted) {
    const l = lo[k] ?? 0;
    const h = hi[k] ?? 0;
    const last = runs.length - 1;
    if (last > 0 && l <= (runs[last] ?? 0)) {
      runs[last] = Math.max(runs[last] ?? 0, h);
    } else {
      runs.push(l, h);
    }
  }
  return runs;
}
