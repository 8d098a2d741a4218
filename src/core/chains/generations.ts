import { CO_EXPOSURE, directedAdjacency, type ChainGraph } from './graph.ts';

/**
 * Generation numbers: a case with no known source (no incoming exposure or conversion) is generation 0 —
 * in a well-traced cluster that is its earliest case — and every exposure along the way adds one, while a
 * conversion (a contact becoming a case) adds none because it is the same person. A node reachable from
 * several roots takes its shortest distance. Nodes no case reaches (a contact whose source is unknown, or
 * a loop of exposures with no root) get -1.
 *
 * The distances are found with a 0-1 breadth-first search, linear in nodes and edges.
 */
export function generations(graph: ChainGraph): Int32Array {
  const { ids, isCase, edgeSource, edgeTarget, edgeKind } = graph;
  const n = ids.length;
  const generation = new Int32Array(n).fill(-1);
  const hasSource = new Uint8Array(n);
  const m = edgeSource.length;
  for (let e = 0; e < m; e++) {
    if (edgeKind[e] !== CO_EXPOSURE) {
      hasSource[edgeTarget[e] ?? 0] = 1;
    }
  }
  const { start, targets, weights } = directedAdjacency(graph);
  // A node is pushed at most once as a root and once per relaxation, so this ring never overflows.
  const capacity = n + targets.length + 1;
  const deque = new Int32Array(capacity);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    if (isCase[i] === 1 && hasSource[i] === 0) {
      generation[i] = 0;
      deque[tail] = i;
      tail += 1;
    }
  }
  while (head !== tail) {
    const node = deque[head] ?? 0;
    head = head + 1 === capacity ? 0 : head + 1;
    const base = generation[node] ?? 0;
    const end = start[node + 1] ?? 0;
    for (let at = start[node] ?? 0; at < end; at++) {
      const next = targets[at] ?? 0;
      const weight = weights[at] ?? 1;
      const candidate = base + weight;
      const known = generation[next] ?? -1;
      if (known >= 0 && known <= candidate) {
        continue;
      }
      generation[next] = candidate;
      if (weight === 0) {
        head = head === 0 ? capacity - 1 : head - 1;
        deque[head] = next;
      } else {
        deque[tail] = next;
        tail = tail + 1 === capacity ? 0 : tail + 1;
      }
    }
  }
  return generation;
}
