export { matchCompanions, matchContacts, type CompanionOptions, type ContactOptions } from './engine.ts';
export { clusterVisits, type VisitClusters } from './clusters.ts';
export type { CaseVisitColumns, MatchRows, TimeWindow, VisitColumns } from './types.ts';
