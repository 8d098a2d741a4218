import { describe, expect, it } from 'vitest';
import { clusterVisits } from './clusters.ts';
import { matchCompanions, matchContacts } from './engine.ts';
import { mulberry32 } from './random.ts';
import { referenceMatch, toRows } from './reference.ts';
import { helpSum, type SharedSum } from './shared-sum.ts';
import { columns, randomWorld, type Rows } from './test-worlds.ts';

// Thousands of worlds per property; a generous timeout because the suite shares the machine.
describe('co-location engine against the brute-force reference', { timeout: 60_000 }, () => {
  it('agrees on contacts for thousands of random worlds', () => {
    const random = mulberry32(20200125);
    for (let iteration = 0; iteration < 3000; iteration++) {
      const { cases, visits } = randomWorld(random);
      const tolerance = [0, 300, 1800][iteration % 3] ?? 0;
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance });
      expect(toRows(matchContacts(cases, visits, { tolerance })), `iteration ${iteration}`).toEqual(expected);
    }
  });

  it('agrees on contacts when a place holds many case visits (long active lists and runs)', () => {
    const random = mulberry32(42);
    for (let iteration = 0; iteration < 500; iteration++) {
      const { cases, visits } = randomWorld(random, 120);
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance: 900 });
      expect(toRows(matchContacts(cases, visits, { tolerance: 900 })), `iteration ${iteration}`).toEqual(
        expected,
      );
    }
  });

  it('sums one person meeting dozens of case visits, found in visit order (long runs out of group order)', () => {
    const caseRows: Rows = Array.from({ length: 40 }, (_, c) => ({
      person: 100 + c,
      caseId: c,
      place: (c * 7) % 9,
      cell: 0,
      start: 3600 * (40 - c),
      end: 3600 * (40 - c) + 1800,
    }));
    // Person 5 visits every place all day, twice over, in reverse order; person 6 a few of them.
    const visitRows: Rows = [];
    for (let round = 0; round < 2; round++) {
      for (let place = 8; place >= 0; place--) {
        visitRows.push({ person: 5, caseId: 0, place, cell: 0, start: 0, end: 3600 * 50 + round });
        visitRows.push({ person: 6 - round, caseId: 0, place, cell: 0, start: 3600 * place, end: 3600 * 20 });
      }
    }
    const cases = columns(caseRows);
    const visits = columns(visitRows);
    const expected = referenceMatch(cases, visits, 'contacts', { tolerance: 600 });
    expect(expected.filter(([person]) => person === 5)).toHaveLength(40);
    expect(toRows(matchContacts(cases, visits, { tolerance: 600 }))).toEqual(expected);
  });

  it('agrees on contacts with a window', () => {
    const random = mulberry32(7);
    for (let iteration = 0; iteration < 2000; iteration++) {
      const { cases, visits } = randomWorld(random);
      const from = Math.floor(random() * 20) * 300;
      const window = { from, to: from + Math.floor(random() * 20) * 300 };
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance: 600, window });
      const actual = matchContacts(cases, visits, { tolerance: 600, window });
      expect(toRows(actual), `iteration ${iteration}`).toEqual(expected);
    }
  });

  it('agrees on companions, including the per-pair minimum', () => {
    const random = mulberry32(11);
    for (let iteration = 0; iteration < 3000; iteration++) {
      const { cases, visits } = randomWorld(random);
      const minOverlap = [0, 600, 1800, 3600][iteration % 4] ?? 0;
      const expected = referenceMatch(cases, visits, 'companions', { minOverlap });
      const actual = matchCompanions(cases, visits, { minOverlap });
      expect(toRows(actual), `iteration ${iteration}`).toEqual(expected);
    }
  });

  it('agrees on contacts with visits hundreds of slots long (past the byte cap of the reject table)', () => {
    const random = mulberry32(17);
    for (let iteration = 0; iteration < 1000; iteration++) {
      const { cases, visits } = randomWorld(random, 10, { start: 4000, length: 3000 });
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance: 1800 });
      expect(toRows(matchContacts(cases, visits)), `iteration ${iteration}`).toEqual(expected);
    }
  });

  it('agrees when case visits span centuries (the grid widens its slots to stay small)', () => {
    const random = mulberry32(5);
    // Few worlds: each builds a grid of millions of entries.
    for (let iteration = 0; iteration < 15; iteration++) {
      const { cases, visits } = randomWorld(random, 40);
      // 300 s steps become 300·10⁶ s: tens of millions of half-hour slots per place before widening.
      for (const columns of [cases, visits]) {
        columns.start.forEach((t, i) => (columns.start[i] = t * 1e6));
        columns.end.forEach((t, i) => (columns.end[i] = t * 1e6));
      }
      const tolerance = 1800 * 1e6;
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance });
      expect(toRows(matchContacts(cases, visits, { tolerance })), `iteration ${iteration}`).toEqual(expected);
    }
  });

  it('agrees when the grid is sized to a small log (slots of hours instead of half-hours)', () => {
    const random = mulberry32(23);
    const int = (n: number) => Math.floor(random() * n);
    for (let iteration = 0; iteration < 40; iteration++) {
      // 80 case places over 1,200 hours: about 190,000 half-hour entries, while 300 visits allow 65,536.
      const visit = (caseId: number) => {
        const start = int(14_400) * 300;
        return { person: int(50), caseId, place: int(80), cell: 0, start, end: start + int(40) * 300 };
      };
      const caseRows = Array.from({ length: 400 }, () => visit(int(5))).map((row) => ({
        ...row,
        person: 100 + row.caseId,
      }));
      const visitRows = Array.from({ length: 300 }, () => visit(0));
      const cases = columns(caseRows);
      const visits = columns(visitRows);
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance: 1800 });
      expect(toRows(matchContacts(cases, visits)), `iteration ${iteration}`).toEqual(expected);
    }
  });

  it("keeps each call's rows intact through the next calls (they are not the engine's kept arrays)", () => {
    const random = mulberry32(31);
    const int = (n: number) => Math.floor(random() * n);
    // Two places, each visit meeting dozens of cases: the pair log fills up and hands its columns over to
    // rows about as many as the pairs (the rows of fewer pairs are copied out, see `cut` in pair-sort.ts).
    const worlds = Array.from({ length: 20 }, () => {
      const visit = (caseId: number) => {
        const start = int(40) * 300;
        // Persons spread over the high digits, so that a helper has buckets to share.
        const person = int(1000) * 4096;
        return { person, caseId, place: int(2), cell: 0, start, end: start + int(24) * 300 };
      };
      const caseRows = Array.from({ length: 10 + int(200) }, () => visit(int(400)));
      return {
        cases: columns(caseRows),
        visits: columns(Array.from({ length: 10 + int(60) }, () => visit(0))),
      };
    });
    const results = worlds.map(({ cases, visits }) => matchContacts(cases, visits));
    const clustered = worlds.map(({ cases, visits }) =>
      matchContacts(cases, visits, { clusters: clusterVisits(visits, visits.place) }),
    );
    const helper = { minPairs: 0, offer: (task: SharedSum) => helpSum(task) };
    const helped = worlds.map(({ cases, visits }) => matchContacts(cases, visits, { helper }));
    worlds.forEach(({ cases, visits }, w) => {
      const expected = referenceMatch(cases, visits, 'contacts', {});
      expect(expected.length).toBeGreaterThan(0);
      expect(toRows(results[w] ?? results[0]!), `world ${w}`).toEqual(expected);
      expect(toRows(clustered[w] ?? results[0]!), `world ${w}, clustered`).toEqual(expected);
      expect(toRows(helped[w] ?? results[0]!), `world ${w}, with a helper`).toEqual(expected);
    });
  });

  it('agrees with large sparse ids and thousands of groups (several radix digits)', () => {
    const random = mulberry32(99);
    const int = (n: number) => Math.floor(random() * n);
    const visit = () => {
      const start = int(200) * 300;
      return { person: int(2 ** 30), caseId: int(3000), place: int(400), start, end: start + int(8) * 300 };
    };
    const caseRows = Array.from({ length: 2500 }, visit).map((row) => ({
      ...row,
      cell: 0,
      person: row.caseId,
    }));
    const visitRows = Array.from({ length: 3000 }, visit).map((row) => ({ ...row, cell: 0 }));
    visitRows.push(...caseRows.slice(0, 200));
    const cases = columns(caseRows);
    const visits = columns(visitRows);
    const expected = referenceMatch(cases, visits, 'contacts', { tolerance: 600 });
    expect(expected.length).toBeGreaterThan(500);
    expect(toRows(matchContacts(cases, visits, { tolerance: 600 }))).toEqual(expected);
  });

  it('finds some matches in the random worlds (the property test is not vacuous)', () => {
    const random = mulberry32(3);
    let rows = 0;
    for (let iteration = 0; iteration < 200; iteration++) {
      const { cases, visits } = randomWorld(random);
      rows += matchContacts(cases, visits).length;
    }
    expect(rows).toBeGreaterThan(500);
  });
});

describe('co-location edges', () => {
  const base = { person: 1, caseId: 0, place: 3, cell: 0 };
  const one = (rows: Rows) => columns(rows);

  it('a visit starting exactly at c.end + tol does not match; one second earlier does', () => {
    const cases = one([{ ...base, start: 1000, end: 2000 }]);
    const touching = one([{ ...base, person: 2, start: 3800, end: 5000 }]);
    expect(matchContacts(cases, touching).length).toBe(0);
    const inside = one([{ ...base, person: 2, start: 3799, end: 5000 }]);
    expect(toRows(matchContacts(cases, inside))).toEqual([[2, 0, 3, 1]]);
  });

  it('a visit ending exactly at c.start − tol does not match', () => {
    const cases = one([{ ...base, start: 5000, end: 6000 }]);
    expect(matchContacts(cases, one([{ ...base, person: 2, start: 0, end: 3200 }])).length).toBe(0);
  });

  it('sums pairwise overlaps without merging them', () => {
    const cases = one([
      { ...base, start: 0, end: 3600 },
      { ...base, start: 600, end: 1200 },
    ]);
    const visits = one([{ ...base, person: 2, start: 0, end: 3600 }]);
    // 3600 (clipped to the first widened case visit) + 3600 − 0 against the second: 0…3000 → 3000.
    expect(toRows(matchContacts(cases, visits))).toEqual([[2, 0, 3, 3600 + 3000]]);
  });

  it('finds a case visit hundreds of slots into a long visit (past the byte cap of the reject table)', () => {
    const slot = 1800;
    const cases = one([
      { ...base, start: 0, end: 60 },
      { ...base, start: 400 * slot, end: 400 * slot + 60 },
    ]);
    const visitor = { ...base, person: 2 };
    const long = one([{ ...visitor, start: 10 * slot, end: 500 * slot }]);
    expect(toRows(matchContacts(cases, long, { tolerance: 0 }))).toEqual([[2, 0, 3, 60]]);
    const short = one([
      { ...visitor, start: 10 * slot, end: 200 * slot },
      { ...visitor, start: 10 * slot, end: 300 * slot },
    ]);
    expect(matchContacts(cases, short, { tolerance: 0 }).length).toBe(0);
  });

  it('a visit longer than the byte cap at a place without case visits matches nothing', () => {
    // Place 1 sits between two case places, so its empty bucket lies between theirs; the grid is 1000 slots.
    const cases = one([
      { ...base, place: 0, start: 0, end: 60 },
      { ...base, place: 3, start: 1000 * 1800, end: 1000 * 1800 + 60 },
    ]);
    const visits = one([{ ...base, person: 2, place: 1, start: 0, end: 1000 * 1800 }]);
    expect(matchContacts(cases, visits).length).toBe(0);
  });

  it('matches a visit that starts before every case interval of its place', () => {
    const cases = one([{ ...base, start: 100_000, end: 103_600 }]);
    const visits = one([{ ...base, person: 2, start: 0, end: 101_000 }]);
    expect(toRows(matchContacts(cases, visits))).toEqual([[2, 0, 3, 101_000 - (100_000 - 1800)]]);
  });

  it('never matches the case person with their own case', () => {
    const cases = one([{ ...base, start: 0, end: 3600 }]);
    expect(matchContacts(cases, one([{ ...base, start: 0, end: 3600 }])).length).toBe(0);
  });

  it('handles empty inputs', () => {
    const empty = one([]);
    expect(matchContacts(empty, empty).length).toBe(0);
    expect(matchContacts(one([{ ...base, start: 0, end: 1 }]), empty).length).toBe(0);
    expect(matchCompanions(empty, one([{ ...base, start: 0, end: 1 }])).length).toBe(0);
  });

  it('refuses companions without cells and absurd ids', () => {
    const cases = one([{ ...base, start: 0, end: 1 }]);
    expect(() => matchCompanions({ ...cases, cell: undefined }, cases)).toThrow(TypeError);
    expect(() => matchContacts(one([{ ...base, place: 2 ** 30, start: 0, end: 1 }]), cases)).toThrow(
      RangeError,
    );
    expect(() => matchContacts(one([{ ...base, start: 0, end: Infinity }]), cases)).toThrow(RangeError);
  });
});
