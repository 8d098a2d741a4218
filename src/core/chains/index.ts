/** Transmission chains and clusters (issue 7): pure computations over case/contact nodes and exposure edges. */
export { analyseChains, type ChainAnalysis } from './analyse.ts';
export {
  clusterSizeHistogram,
  componentRoots,
  findClusters,
  type Cluster,
  type Clustering,
  type HistogramBin,
} from './clusters.ts';
export { coExposures, type CoExposure, type PlaceVisit } from './co-exposure.ts';
export { generations } from './generations.ts';
export {
  buildChainGraph,
  ChainInputError,
  dayNumber,
  edgeKinds,
  type ChainEdge,
  type ChainGraph,
  type ChainNode,
  type EdgeKind,
  type NodeKind,
} from './graph.ts';
export {
  onsetChecks,
  serialIntervalSummary,
  transmissionPairs,
  type IntervalSummary,
  type OnsetChecks,
  type TransmissionPair,
} from './intervals.ts';
