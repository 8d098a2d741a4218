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
 * the pairs come out in group order and only need sorting by person.
 */
export function probe(index: CaseBuckets, clusters: VisitClusters): PairLog {
  const pairs = reusedPairLog;
  pairs.length = 0;
  const { lo, hi, person: casePerson, group } = index;
  const { words, times, maxDuration } = clusters;
  const runStart = clusters.offsets;
  for (const k of intervalsInGroupOrder(index)) {
    const l = index.groupLocation[group[k] ?? 0] ?? 0;
    if (l >= clusters.keys) {
      continue;
    }
    const cl = lo[k] ?? 0;
    const ch = hi[k] ?? 0;
    const cp = casePerson[k] ?? -1;
    const g = group[k] ?? 0;
    const lastSlot = slotOfTime(clusters, ch);
    for (let run = l * tierCount; run < (l + 1) * tierCount; run++) {
      const from = runStart[run] ?? 0;
      const to = runStart[run + 1] ?? 0;
      if (from === to) {
        continue;
      }
      // One second (and a relative margin for the rounding of large times) below the exact bound, so the
      // first slot read is never past a visit that can match.
      const earliest = cl - (maxDuration[run] ?? 0) - 1 - Math.abs(cl) * 1e-12;
      const first = firstAtSlot(clusters, from, to, slotOfTime(clusters, earliest));
      const last = firstAtSlot(clusters, first, to, lastSlot + 1);
      for (let i = first; i < last; i++) {
        const vs = times[3 * i + 1] ?? 0;
        const ve = times[3 * i + 2] ?? 0;
        const p = words[rowWords * i + 1] ?? -1;
        if (vs < ch && ve > cl && p !== cp) {
          pairs.add(p, g, (ve < ch ? ve : ch) - (vs > cl ? vs : cl));
        }
      }
    }
  }
  return pairs;
}
