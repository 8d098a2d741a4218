import { dateOfDayNumber, type ChainGraph } from './graph.ts';

/**
 * Clusters are the connected components of the graph over every edge kind (exposure, conversion,
 * co-exposure), found with a union-find. To cluster by transmission only, leave co-exposure edges out of
 * the graph.
 */

export type Cluster = {
  /**
   * The id of the cluster's index case (earliest onset, then lowest id; cases without onset come last), or
   * the lowest node id when the cluster has no case. Names and colours users give a cluster hang on it.
   */
  key: number;
  indexCaseId: number | null;
  nodeCount: number;
  caseCount: number;
  firstOnset: string | null;
  lastOnset: string | null;
};

export type Clustering = {
  /** For each node (by index), the position of its cluster in `clusters`. */
  clusterOf: Int32Array;
  /** Largest first (by cases, then nodes, then key). */
  clusters: Cluster[];
};

function find(parent: Int32Array, i: number): number {
  let x = i;
  while ((parent[x] ?? x) !== x) {
    const grandparent = parent[parent[x] ?? x] ?? x;
    parent[x] = grandparent; // path halving
    x = grandparent;
  }
  return x;
}

/** The root of each node's component. */
export function componentRoots(graph: ChainGraph): Int32Array {
  const { ids, edgeSource, edgeTarget } = graph;
  const n = ids.length;
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    parent[i] = i;
  }
  const m = edgeSource.length;
  for (let e = 0; e < m; e++) {
    const a = find(parent, edgeSource[e] ?? 0);
    const b = find(parent, edgeTarget[e] ?? 0);
    if (a === b) {
      continue;
    }
    // Union by size keeps the trees shallow.
    const [big, small] = (size[a] ?? 0) < (size[b] ?? 0) ? [b, a] : [a, b];
    parent[small] = big;
    size[big] = (size[big] ?? 0) + (size[small] ?? 0);
  }
  for (let i = 0; i < n; i++) {
    parent[i] = find(parent, i);
  }
  return parent;
}

/** Whether case `a` is an earlier index case than case `b`. */
function earlier(graph: ChainGraph, a: number, b: number): boolean {
  const { ids, onsetDay } = graph;
  const onsetA = onsetDay[a] ?? Number.NaN;
  const onsetB = onsetDay[b] ?? Number.NaN;
  if (Number.isNaN(onsetA) !== Number.isNaN(onsetB)) {
    return Number.isNaN(onsetB);
  }
  if (onsetA !== onsetB && !Number.isNaN(onsetA)) {
    return onsetA < onsetB;
  }
  return (ids[a] ?? 0) < (ids[b] ?? 0);
}

export function findClusters(graph: ChainGraph): Clustering {
  const { ids, isCase, onsetDay } = graph;
  const n = ids.length;
  const roots = componentRoots(graph);
  const slotOfRoot = new Int32Array(n).fill(-1);
  const nodeCount: number[] = [];
  const caseCount: number[] = [];
  const indexCase: number[] = [];
  const minNode: number[] = [];
  const firstOnset: number[] = [];
  const lastOnset: number[] = [];
  const clusterOfSlot = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const root = roots[i] ?? i;
    let slot = slotOfRoot[root] ?? -1;
    if (slot < 0) {
      slot = nodeCount.length;
      slotOfRoot[root] = slot;
      nodeCount.push(0);
      caseCount.push(0);
      indexCase.push(-1);
      minNode.push(i);
      firstOnset.push(Number.POSITIVE_INFINITY);
      lastOnset.push(Number.NEGATIVE_INFINITY);
    }
    clusterOfSlot[i] = slot;
    nodeCount[slot] = (nodeCount[slot] ?? 0) + 1;
    if ((ids[i] ?? 0) < (ids[minNode[slot] ?? i] ?? 0)) {
      minNode[slot] = i;
    }
    if (isCase[i] !== 1) {
      continue;
    }
    caseCount[slot] = (caseCount[slot] ?? 0) + 1;
    const current = indexCase[slot] ?? -1;
    if (current < 0 || earlier(graph, i, current)) {
      indexCase[slot] = i;
    }
    const onset = onsetDay[i] ?? Number.NaN;
    if (!Number.isNaN(onset)) {
      firstOnset[slot] = Math.min(firstOnset[slot] ?? onset, onset);
      lastOnset[slot] = Math.max(lastOnset[slot] ?? onset, onset);
    }
  }
  const slots = nodeCount.map((_, slot) => slot);
  const keyOf = (slot: number): number => {
    const index = indexCase[slot] ?? -1;
    return ids[index >= 0 ? index : (minNode[slot] ?? 0)] ?? 0;
  };
  slots.sort(
    (a, b) =>
      (caseCount[b] ?? 0) - (caseCount[a] ?? 0) ||
      (nodeCount[b] ?? 0) - (nodeCount[a] ?? 0) ||
      keyOf(a) - keyOf(b),
  );
  const positionOfSlot = new Int32Array(slots.length);
  const clusters = slots.map((slot, position): Cluster => {
    positionOfSlot[slot] = position;
    const index = indexCase[slot] ?? -1;
    const first = firstOnset[slot] ?? Number.POSITIVE_INFINITY;
    const last = lastOnset[slot] ?? Number.NEGATIVE_INFINITY;
    return {
      key: keyOf(slot),
      indexCaseId: index >= 0 ? (ids[index] ?? null) : null,
      nodeCount: nodeCount[slot] ?? 0,
      caseCount: caseCount[slot] ?? 0,
      firstOnset: Number.isFinite(first) ? dateOfDayNumber(first) : null,
      lastOnset: Number.isFinite(last) ? dateOfDayNumber(last) : null,
    };
  });
  const clusterOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    clusterOf[i] = positionOfSlot[clusterOfSlot[i] ?? 0] ?? 0;
  }
  return { clusterOf, clusters };
}

export type HistogramBin = { size: number; clusters: number };

/**
 * How many clusters have each size, smallest first. By default a cluster's size is its number of cases and
 * clusters without a case are left out (a contact on their own is not a cluster of disease).
 */
export function clusterSizeHistogram(
  clusters: readonly Cluster[],
  by: 'cases' | 'nodes' = 'cases',
): HistogramBin[] {
  const counts = new Map<number, number>();
  for (const cluster of clusters) {
    const size = by === 'cases' ? cluster.caseCount : cluster.nodeCount;
    if (size > 0) {
      counts.set(size, (counts.get(size) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([size, count]) => ({ size, clusters: count }));
}
