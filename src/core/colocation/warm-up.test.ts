import { describe, expect, it } from 'vitest';
import { matchCompanions, matchContacts } from './engine.ts';
import { reusedPairLog } from './pair-sort.ts';
import { mulberry32 } from './random.ts';
import { referenceMatch, toRows } from './reference.ts';
import { columns, randomWorld, type Rows } from './test-worlds.ts';
import type { CaseVisitColumns, VisitColumns } from './types.ts';
import { warmUp, type Query } from './warm-up.ts';

/** The first `length` visits, as a reader that has read part of a file holds them. */
function firstPart(visits: VisitColumns, length: number): VisitColumns {
  return { ...visits, length };
}

function query(cases: CaseVisitColumns, visits: VisitColumns, spec: Query) {
  return spec.kind === 'contacts'
    ? toRows(matchContacts(cases, visits, { tolerance: spec.tolerance, window: spec.window }))
    : toRows(matchCompanions(cases, visits, { minOverlap: spec.minOverlap, window: spec.window }));
}

function reference(cases: CaseVisitColumns, visits: VisitColumns, spec: Query) {
  return spec.kind === 'contacts'
    ? referenceMatch(cases, visits, 'contacts', { tolerance: spec.tolerance, window: spec.window })
    : referenceMatch(cases, visits, 'companions', { minOverlap: spec.minOverlap, window: spec.window });
}

/** A city of `visits` visits over a day at a few places and cells, with cases among the visitors. */
function city(random: () => number, visits: number): { cases: CaseVisitColumns; visits: VisitColumns } {
  const int = (n: number) => Math.floor(random() * n);
  const visit = (person: number, caseId: number) => {
    const place = int(40);
    const start = 1_700_000_000 + int(86_400);
    return { person, caseId, place, cell: place % 13, start, end: start + int(7200) };
  };
  const caseRows: Rows = Array.from({ length: 30 }, (_, i) => visit(1_000_000 + (i % 6), i % 6));
  const visitRows: Rows = Array.from({ length: visits }, () => visit(int(20_000), 0));
  visitRows.push(...caseRows.slice(0, 10));
  return { cases: columns(caseRows), visits: columns(visitRows) };
}

describe('readying the engine for one query', { timeout: 60_000 }, () => {
  it('leaves the rows of the query that follows as the reference gives them', () => {
    const random = mulberry32(20260129);
    for (let iteration = 0; iteration < 600; iteration++) {
      const { cases, visits } = randomWorld(random);
      const window = iteration % 4 === 3 ? { from: 3000, to: 9000 } : undefined;
      const spec: Query =
        iteration % 2 === 0
          ? { kind: 'contacts', tolerance: [0, 600, 1800][iteration % 3] ?? 0, window }
          : { kind: 'companions', minOverlap: [0, 600][iteration % 2] ?? 0, window };
      warmUp(cases, firstPart(visits, Math.floor(visits.length / 2)), spec, visits.length);
      expect(query(cases, visits, spec), `iteration ${iteration}`).toEqual(reference(cases, visits, spec));
    }
  });

  it('samples a log larger than its sample, and the query over the whole log is still exact', () => {
    const { cases, visits } = city(mulberry32(5), 150_000);
    for (const spec of [
      { kind: 'contacts', tolerance: 1800 },
      { kind: 'companions', minOverlap: 600 },
    ] satisfies Query[]) {
      const expected = reference(cases, visits, spec);
      expect(expected.length).toBeGreaterThan(1000);
      warmUp(cases, firstPart(visits, 100_000), spec, visits.length);
      expect(query(cases, visits, spec)).toEqual(expected);
    }
  });

  it('reserves the pair log for the visits expected, and the query fills it', () => {
    const { cases, visits } = city(mulberry32(9), 20_000);
    const spec: Query = { kind: 'contacts', tolerance: 900 };
    warmUp(cases, firstPart(visits, 5_000), spec, 20_000);
    expect(reusedPairLog.length).toBe(0);
    expect(reusedPairLog.person.length).toBeGreaterThanOrEqual(2 * 20_000);
    expect(reusedPairLog.overlap.length).toBe(reusedPairLog.person.length);
    expect(reusedPairLog.location.length).toBe(reusedPairLog.person.length);
    expect(query(cases, visits, spec)).toEqual(reference(cases, visits, spec));
  });

  it('does nothing wrong with no case visits or no visits read yet', () => {
    const { cases, visits } = city(mulberry32(11), 2_000);
    const none = firstPart(visits, 0);
    const noCases = { ...cases, length: 0 };
    const spec: Query = { kind: 'companions', minOverlap: 600 };
    expect(() => warmUp(noCases, visits, spec, 2_000)).not.toThrow();
    expect(() => warmUp(cases, none, spec, 0)).not.toThrow();
    expect(query(cases, visits, spec)).toEqual(reference(cases, visits, spec));
  });
});
