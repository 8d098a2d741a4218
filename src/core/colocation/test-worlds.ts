// Random small worlds for the engine's property tests (imported by tests only).
import type { CaseVisitColumns, VisitColumns } from './types.ts';

export type Rows = {
  person: number;
  caseId: number;
  place: number;
  cell: number;
  start: number;
  end: number;
}[];

export function columns(rows: Rows): CaseVisitColumns {
  return {
    length: rows.length,
    person: Int32Array.from(rows, (r) => r.person),
    caseId: Int32Array.from(rows, (r) => r.caseId),
    place: Int32Array.from(rows, (r) => r.place),
    cell: Int32Array.from(rows, (r) => r.cell),
    start: Float64Array.from(rows, (r) => r.start),
    end: Float64Array.from(rows, (r) => r.end),
  };
}

/**
 * Random small worlds on a coarse time grid (multiples of 300 s within a few hours), so that ties, touching
 * intervals (v.start == c.end + tol), zero-length visits and cases visiting a place twice are frequent.
 */
export function randomWorld(
  random: () => number,
  maxCaseVisits = 10,
  steps = { start: 40, length: 12 },
): { cases: CaseVisitColumns; visits: VisitColumns } {
  const int = (n: number) => Math.floor(random() * n);
  const persons = 1 + int(12);
  const places = 1 + int(6);
  const visit = (caseId: number) => {
    const start = int(steps.start) * 300;
    const length = random() < 0.15 ? 0 : int(steps.length) * 300;
    const place = int(places);
    return { person: int(persons), caseId, place, cell: Math.floor(place / 2), start, end: start + length };
  };
  const caseCount = int(4);
  const casePersons = Array.from({ length: caseCount }, () => int(persons));
  const caseRows = Array.from({ length: int(maxCaseVisits) }, () => {
    const caseId = int(Math.max(caseCount, 1));
    return { ...visit(caseId), person: casePersons[caseId] ?? 0 };
  });
  const visitRows = Array.from({ length: int(60) }, () => visit(0));
  // The cases' own visits are in the log too: the same-person exclusion must drop them.
  visitRows.push(...caseRows.filter(() => random() < 0.5));
  return { cases: columns(caseRows), visits: columns(visitRows) };
}
