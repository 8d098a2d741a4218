export { matchCompanions, matchContacts, type CompanionOptions, type ContactOptions } from './engine.ts';
export { startScanWorkers } from './parallel.ts';
export type { CaseVisitColumns, MatchRows, TimeWindow, VisitColumns } from './types.ts';
