import type { ChainsResponse } from './queries.ts';

export type Positioned = { x: number; y: number };

/**
 * A layout that costs one pass: clusters in a grid of cells sized by their node count, and inside a cluster
 * each generation on its own ring around the index case. A force layout over 10k nodes takes seconds in
 * the browser; this takes milliseconds and keeps chains readable from the centre outwards.
 */
export function clusterLayout(data: ChainsResponse): Map<string, Positioned> {
  const members = new Map<string, ChainsResponse['nodes']>();
  for (const node of data.nodes) {
    const list = members.get(node.cluster) ?? [];
    list.push(node);
    members.set(node.cluster, list);
  }
  const clusters = [...members.entries()].sort((a, b) => b[1].length - a[1].length);
  const columns = Math.max(1, Math.ceil(Math.sqrt(clusters.length)));
  const positions = new Map<string, Positioned>();
  let rowHeight = 0;
  let x = 0;
  let y = 0;
  clusters.forEach(([, nodes], i) => {
    if (i > 0 && i % columns === 0) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const radius = 2 + 2 * Math.sqrt(nodes.length);
    const rings = new Map<number, ChainsResponse['nodes']>();
    for (const node of nodes) {
      const g = node.generation ?? 0;
      const ring = rings.get(g) ?? [];
      ring.push(node);
      rings.set(g, ring);
    }
    const maxGeneration = Math.max(1, ...rings.keys());
    for (const [g, ring] of rings) {
      const r = g === 0 && ring.length === 1 ? 0 : (radius * (g + 1)) / (maxGeneration + 1);
      ring.forEach((node, j) => {
        const angle = (2 * Math.PI * j) / ring.length + g * 0.3;
        positions.set(node.id, { x: x + radius + r * Math.cos(angle), y: y + radius + r * Math.sin(angle) });
      });
    }
    x += 2 * radius + 2;
    rowHeight = Math.max(rowHeight, 2 * radius + 2);
  });
  return positions;
}
