import { clusterSizeHistogram, findClusters, type Clustering, type HistogramBin } from './clusters.ts';
import { generations } from './generations.ts';
import { buildChainGraph, type ChainEdge, type ChainGraph, type ChainNode } from './graph.ts';
import {
  onsetChecks,
  serialIntervalSummary,
  transmissionPairs,
  type IntervalSummary,
  type OnsetChecks,
  type TransmissionPair,
} from './intervals.ts';

export type ChainAnalysis = Clustering & {
  graph: ChainGraph;
  /** For each node (by index in the input), its generation, or -1 when no case reaches it. */
  generation: Int32Array;
  pairs: TransmissionPair[];
  serialInterval: IntervalSummary;
  histogram: HistogramBin[];
  checks: OnsetChecks;
};

/** Everything the chains view and the dashboard need, computed on request in one pass over the graph. */
export function analyseChains(
  nodes: readonly ChainNode[],
  edges: readonly ChainEdge[],
  options: { maxGapDays?: number } = {},
): ChainAnalysis {
  const graph = buildChainGraph(nodes, edges);
  const clustering = findClusters(graph);
  const pairs = transmissionPairs(graph);
  return {
    graph,
    ...clustering,
    generation: generations(graph),
    pairs,
    serialInterval: serialIntervalSummary(pairs),
    histogram: clusterSizeHistogram(clustering.clusters),
    checks: onsetChecks(pairs, options.maxGapDays),
  };
}
