import type { CaseVisitColumns, MatchRows, TimeWindow, VisitColumns } from './types.ts';

export type MatchRow = [person: number, caseId: number, location: number, overlap: number];

/**
 * The definition of the join written as plainly as possible (every case visit against every visit), for
 * tests and for checking the engine on real files. Quadratic: small inputs only.
 */
export function referenceMatch(
  cases: CaseVisitColumns,
  visits: VisitColumns,
  kind: 'contacts' | 'companions',
  options: { tolerance?: number; minOverlap?: number; window?: TimeWindow } = {},
): MatchRow[] {
  const tolerance = kind === 'contacts' ? (options.tolerance ?? 1800) : 0;
  const caseLocations = kind === 'contacts' ? cases.place : cases.cell;
  const visitLocations = kind === 'contacts' ? visits.place : visits.cell;
  if (!caseLocations || !visitLocations) {
    throw new TypeError('companions need cells');
  }
  const sums = new Map<string, MatchRow>();
  for (let c = 0; c < cases.length; c++) {
    let cs = cases.start[c] ?? 0;
    let ce = cases.end[c] ?? 0;
    const { window } = options;
    if (window) {
      const inside = cs === ce ? cs >= window.from && cs < window.to : cs < window.to && ce > window.from;
      if (!inside) {
        continue;
      }
      cs = Math.max(cs, window.from);
      ce = Math.min(ce, window.to);
    }
    for (let v = 0; v < visits.length; v++) {
      const vs = visits.start[v] ?? 0;
      const ve = visits.end[v] ?? 0;
      const matches =
        visitLocations[v] === caseLocations[c] &&
        visits.person[v] !== cases.person[c] &&
        vs < ce + tolerance &&
        ve > cs - tolerance;
      if (!matches) {
        continue;
      }
      const row: MatchRow = [visits.person[v] ?? 0, cases.caseId[c] ?? 0, caseLocations[c] ?? 0, 0];
      const key = row.slice(0, 3).join('|');
      const held = sums.get(key) ?? row;
      held[3] += Math.min(ve, ce + tolerance) - Math.max(vs, cs - tolerance);
      sums.set(key, held);
    }
  }
  const rows = [...sums.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  if (kind === 'contacts') {
    return rows;
  }
  const totals = new Map<string, number>();
  for (const [person, caseId, , overlap] of rows) {
    totals.set(`${person}|${caseId}`, (totals.get(`${person}|${caseId}`) ?? 0) + overlap);
  }
  const minOverlap = options.minOverlap ?? 600;
  return rows.filter(([person, caseId]) => (totals.get(`${person}|${caseId}`) ?? 0) >= minOverlap);
}

/** Engine rows as tuples, for comparisons. */
export function toRows(rows: MatchRows): MatchRow[] {
  return Array.from({ length: rows.length }, (_, r): MatchRow => [
    rows.person[r] ?? 0,
    rows.caseId[r] ?? 0,
    rows.location[r] ?? 0,
    rows.overlap[r] ?? 0,
  ]);
}
