import type { CaseBuckets } from './case-index.ts';
import { rowWords, slotOfTime, tierCount, type VisitClusters } from './clusters.ts';
import { reusedPairLog, type PairLog } from './pair-sort.ts';

/** First index in [from, to) of the run whose start slot is at least `slot` (runs are in slot order). */
function firstAtSlot(clusters: VisitClusters, from: number, to: number, slot: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (slotOfTime(clusters, clusters.times[3 * middle + 1] ?? 0) < slot) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/** The case intervals ordered by group (a stable counting sort; within a group, by start). */
function intervalsInGroupOrder(index: CaseBuckets): Int32Array {
  const { group } = index;
  const starts = new Int32Array(index.groupCase.length + 1);
  for (const g of group) {
    starts[g + 1] = (starts[g + 1] ?? 0) + 1;
  }
  for (let g = 0; g < index.groupCase.length; g++) {
    starts[g + 1] = (starts[g + 1] ?? 0) + (starts[g] ?? 0);
  }
  const order = new Int32Array(group.length);
  group.forEach((g, k) => {
    const at = starts[g] ?? 0;
    starts[g] = at + 1;
    order[at] = k;
  });
  return order;
}

/**
 * The join over clustered visits: for each widened case interval [lo, hi) at location l, the visits of l
 * that can reach it, per duration tier: a visit v with v.end > lo started after lo − (the tier's longest
 * visit), and one with v.start < hi starts in slot(hi) or earlier, so only the start slots between those
 * two are read, and each visit there is checked exactly. The case intervals are taken group by group, so
 * the pairs come out in group order and only need sorting by person. A log clustered in parts (the visit
 * store's segments) is probed part by part for each interval, which keeps that order.
 */
export function probe(index: CaseBuckets, parts: readonly VisitClusters[]): PairLog {
  const pairs = reusedPairLog;
  pairs.length = 0;
  for (const k of intervalsInGroupOrder(index)) {
    const l = index.groupLocation[index.group[k] ?? 0] ?? 0;
    for (const clusters of parts) {
      if (l < clusters.keys) {
        probeInterval(index, k, l, clusters, pairs);
      }
    }
  }
  return pairs;
}

/**
 * Appends the pairs of case interval k (at location l). A function per interval, not one long loop: V8
 * then runs it as fully optimized code after a few calls (see `scan`).
 */
function probeInterval(
  index: CaseBuckets,
  k: number,
  l: number,
  clusters: VisitClusters,
  pairs: PairLog,
): void {
  const cl = index.lo[k] ?? 0;
  const ch = index.hi[k] ?? 0;
  const cp = index.person[k] ?? -1;
  const g = index.group[k] ?? 0;
  const { words, times, maxDuration, offsets } = clusters;
  const lastSlot = slotOfTime(clusters, ch);
  for (let run = l * tierCount; run < (l + 1) * tierCount; run++) {
    const from = offsets[run] ?? 0;
    const to = offsets[run + 1] ?? 0;
    if (from === to) {
      continue;
    }
    // One second (and a relative margin for the rounding of large times) below the exact bound, so the
    // first slot read is never past a visit that can match.
    const earliest = cl - (maxDuration[run] ?? 0) - 1 - Math.abs(cl) * 1e-12;
    const first = firstAtSlot(clusters, from, to, slotOfTime(clusters, earliest));
    const last = firstAtSlot(clusters, first, to, lastSlot + 1);
    pairs.reserve(last - first);
    const { person, group, overlap } = pairs;
    let n = pairs.length;
    for (let i = first; i < last; i++) {
      const vs = times[3 * i + 1] ?? 0;
      const ve = times[3 * i + 2] ?? 0;
      const p = words[rowWords * i + 1] ?? -1;
      if (vs < ch && ve > cl && p !== cp) {
        person[n] = p;
        group[n] = g;
        overlap[n] = (ve < ch ? ve : ch) - (vs > cl ? vs : cl);
        n++;
      }
    }
    pairs.length = n;
  }
}
