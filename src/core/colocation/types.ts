/**
 * Columnar inputs and outputs of the co-location engine. Ids are non-negative dense integers (the loader
 * maps external ids to them); times are unix seconds. The arrays may be longer than `length` (growable
 * buffers filled by a reader), so the engine reads only the first `length` entries and never copies them.
 */
export type VisitColumns = {
  length: number;
  person: Int32Array;
  place: Int32Array;
  /** Grid cell of each visit; only `matchCompanions` needs it. */
  cell?: Int32Array;
  start: Float64Array;
  end: Float64Array;
};

/** A case's visits: the same columns plus the case each visit belongs to. */
export type CaseVisitColumns = VisitColumns & { caseId: Int32Array };

/**
 * Result rows sorted by (person, caseId, location) ascending; `location` is the place for contacts and the
 * cell for companions; `overlap` is the sum of pairwise overlaps in seconds.
 */
export type MatchRows = {
  length: number;
  person: Int32Array;
  caseId: Int32Array;
  location: Int32Array;
  overlap: Float64Array;
};

/** A half-open window [from, to) in unix seconds. */
export type TimeWindow = { from: number; to: number };
