/**
 * The dashboard's counters (migration 0008): counts kept by triggers with every write, read by the
 * dashboard instead of scanning cases and contacts. `n` may be 0 (the key once had rows); readers skip it.
 */

/** Non-archived cases by the UTC hour they were received (`YYYY-MM-DDTHH`). */
export type DashboardCaseHourTable = {
  hour: string;
  outbreak_id: number;
  division_code: string;
  classification: string;
  n: number;
};

/** Non-archived cases with an onset date, by that date. */
export type DashboardCaseOnsetTable = {
  onset_date: string;
  outbreak_id: number;
  division_code: string;
  classification: string;
  n: number;
};

/** Confirmations (classification history) of cases that are confirmed now, by UTC hour. */
export type DashboardConfirmationTable = {
  hour: string;
  outbreak_id: number;
  division_code: string;
  n: number;
};

/** Every contact, by status and observation end (9999-12-31 when none), converted and direct flags. */
export type DashboardContactCountTable = {
  outbreak_id: number;
  division_code: string;
  status: string;
  observation_end: string;
  converted: number;
  direct: number;
  n: number;
};

/** Open placements of contacts under observation, by regime and site (0: no site). */
export type DashboardObservationTable = {
  outbreak_id: number;
  division_code: string;
  kind: string;
  site_id: number;
  n: number;
};

/** Non-archived cases by how many direct contacts they have (k), keyed by the case's division. */
export type DashboardContactsPerCaseTable = {
  outbreak_id: number;
  division_code: string;
  k: number;
  n: number;
};

/** Every sample by status and planned date (9999-12-31 when none); outbreak 0 when the sample has none. */
export type DashboardSampleCountTable = {
  outbreak_id: number;
  division_code: string;
  status: string;
  planned_date: string;
  n: number;
};
