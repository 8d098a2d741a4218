import { describe, expect, it } from 'vitest';
import { clusterVisits, rowWords, tierCount } from './clusters.ts';
import { matchCompanions, matchContacts } from './engine.ts';
import { mulberry32 } from './random.ts';
import { referenceMatch, toRows } from './reference.ts';
import { columns, randomWorld } from './test-worlds.ts';
import type { CaseVisitColumns, VisitColumns } from './types.ts';

const byPlace = (visits: VisitColumns) => clusterVisits(visits, visits.place);
const byCell = (visits: VisitColumns) => clusterVisits(visits, visits.cell ?? new Int32Array());

/** Visits [from, to) of a log, as a log of its own. */
function sliceOf(visits: VisitColumns, from: number, to: number): VisitColumns {
  return {
    length: to - from,
    person: visits.person.subarray(from, to),
    place: visits.place.subarray(from, to),
    cell: visits.cell?.subarray(from, to),
    start: visits.start.subarray(from, to),
    end: visits.end.subarray(from, to),
  };
}

/** Contacts over the clusters, checked against the scan of the same log; returns the rows. */
function probedContacts(
  cases: CaseVisitColumns,
  visits: VisitColumns,
  options: Parameters<typeof matchContacts>[2] = {},
) {
  const rows = toRows(matchContacts(cases, visits, { ...options, clusters: byPlace(visits) }));
  expect(rows).toEqual(toRows(matchContacts(cases, visits, options)));
  return rows;
}

describe('the engine over clustered visits, against the brute-force reference', { timeout: 60_000 }, () => {
  it('agrees on contacts for thousands of random worlds', () => {
    const random = mulberry32(20200126);
    for (let iteration = 0; iteration < 3000; iteration++) {
      const { cases, visits } = randomWorld(random);
      const tolerance = [0, 300, 1800][iteration % 3] ?? 0;
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance });
      expect(probedContacts(cases, visits, { tolerance }), `iteration ${iteration}`).toEqual(expected);
    }
  });

  it('agrees when a place holds many case visits, and with a window', () => {
    const random = mulberry32(43);
    for (let iteration = 0; iteration < 1000; iteration++) {
      const { cases, visits } = randomWorld(random, 120);
      const from = Math.floor(random() * 20) * 300;
      const window = iteration % 2 === 0 ? { from, to: from + Math.floor(random() * 20) * 300 } : undefined;
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance: 900, window });
      expect(probedContacts(cases, visits, { tolerance: 900, window }), `iteration ${iteration}`).toEqual(
        expected,
      );
    }
  });

  it('agrees on companions, including the per-pair minimum', () => {
    const random = mulberry32(12);
    for (let iteration = 0; iteration < 2000; iteration++) {
      const { cases, visits } = randomWorld(random);
      const minOverlap = [0, 600, 1800, 3600][iteration % 4] ?? 0;
      const expected = referenceMatch(cases, visits, 'companions', { minOverlap });
      const actual = matchCompanions(cases, visits, { minOverlap, clusters: byCell(visits) });
      expect(toRows(actual), `iteration ${iteration}`).toEqual(expected);
    }
  });

  it('agrees with visits from minutes to days long (every duration tier, long ones reaching far back)', () => {
    const random = mulberry32(18);
    for (let iteration = 0; iteration < 1000; iteration++) {
      const { cases, visits } = randomWorld(random, 10, { start: 4000, length: 3000 });
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance: 1800 });
      expect(probedContacts(cases, visits), `iteration ${iteration}`).toEqual(expected);
    }
  });

  it('agrees when the log spans centuries (the start slots widen to stay few)', () => {
    const random = mulberry32(6);
    for (let iteration = 0; iteration < 200; iteration++) {
      const { cases, visits } = randomWorld(random, 40);
      for (const table of [cases, visits]) {
        table.start.forEach((t, i) => (table.start[i] = t * 1e6));
        table.end.forEach((t, i) => (table.end[i] = t * 1e6));
      }
      const tolerance = 1800 * 1e6;
      const clusters = byPlace(visits);
      expect(clusters.slots).toBeLessThanOrEqual(1 << 16);
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance });
      const rows = toRows(matchContacts(cases, visits, { tolerance, clusters }));
      expect(rows, `iteration ${iteration}`).toEqual(expected);
    }
  });

  it('agrees when visits have NaN or infinite times (they match as the definition says, or never)', () => {
    const random = mulberry32(77);
    const odd = [NaN, Infinity, -Infinity];
    for (let iteration = 0; iteration < 1000; iteration++) {
      const { cases, visits } = randomWorld(random);
      for (let i = 0; i < visits.length; i++) {
        if (random() < 0.2) {
          const column = random() < 0.5 ? visits.start : visits.end;
          column[i] = odd[Math.floor(random() * odd.length)] ?? NaN;
        }
      }
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance: 600 });
      expect(probedContacts(cases, visits, { tolerance: 600 }), `iteration ${iteration}`).toEqual(expected);
    }
  });

  it('agrees when the log is clustered in parts (the visit store clusters each segment)', () => {
    const random = mulberry32(909);
    let rows = 0;
    for (let iteration = 0; iteration < 1000; iteration++) {
      const { cases, visits } = randomWorld(random, 30);
      // Up to three consecutive parts, some of them empty.
      const cuts = [
        0,
        ...[random(), random()].map((x) => Math.floor(x * (visits.length + 1))).sort((a, b) => a - b),
      ];
      const parts = cuts.map((from, p) => {
        const to = cuts[p + 1] ?? visits.length;
        const part = sliceOf(visits, from, to);
        return { byPlace: byPlace(part), byCell: byCell(part) };
      });
      const contacts = matchContacts(cases, visits, {
        tolerance: 900,
        clusters: parts.map((p) => p.byPlace),
      });
      const expected = referenceMatch(cases, visits, 'contacts', { tolerance: 900 });
      expect(toRows(contacts), `iteration ${iteration}`).toEqual(expected);
      rows += contacts.length;
      const companions = matchCompanions(cases, visits, {
        minOverlap: 600,
        clusters: parts.map((p) => p.byCell),
      });
      expect(toRows(companions), `iteration ${iteration}`).toEqual(
        referenceMatch(cases, visits, 'companions', { minOverlap: 600 }),
      );
    }
    expect(rows).toBeGreaterThan(1000);
    const { cases, visits } = randomWorld(random, 30);
    const half = byPlace(sliceOf(visits, 0, visits.length >> 1));
    expect(() => matchContacts(cases, visits, { clusters: [half] })).toThrow(RangeError);
  });

  it('finds matches in the random worlds (the property test is not vacuous)', () => {
    const random = mulberry32(4);
    let rows = 0;
    for (let iteration = 0; iteration < 200; iteration++) {
      const { cases, visits } = randomWorld(random);
      rows += matchContacts(cases, visits, { clusters: byPlace(visits) }).length;
    }
    expect(rows).toBeGreaterThan(500);
  });
});

describe('clustering the visits', () => {
  const base = { person: 2, caseId: 0, place: 1, cell: 0 };

  it('orders each place and duration tier by start slot and leaves out visits that can never match', () => {
    const visits = columns([
      { ...base, start: 7200, end: 7300 },
      { ...base, place: 0, start: 100, end: 200 },
      { ...base, start: 0, end: 60 },
      { ...base, start: 3600, end: 3600 + 5 * 3600 },
      { ...base, start: NaN, end: 10 },
      { ...base, start: 5, end: -Infinity },
      { ...base, place: -1, start: 0, end: 10 },
    ]);
    const clusters = byPlace(visits);
    expect(clusters.keys).toBe(2);
    expect(Array.from(clusters.offsets)).toEqual([0, 1, 1, 1, 3, 3, 4]);
    const starts = Array.from({ length: 4 }, (_, r) => clusters.times[3 * r + 1]);
    expect(starts).toEqual([100, 0, 7200, 3600]);
    expect(Array.from({ length: 4 }, (_, r) => clusters.words[rowWords * r + 1])).toEqual([2, 2, 2, 2]);
    expect(clusters.maxDuration[tierCount]).toBe(100);
    expect(clusters.maxDuration[tierCount + 2]).toBe(5 * 3600);
    expect(clusters.maxDuration[1]).toBe(-Infinity);
  });

  it('refuses clusters built from another log', () => {
    const cases = columns([{ ...base, person: 1, start: 0, end: 10 }]);
    const visits = columns([{ ...base, start: 0, end: 10 }]);
    const clusters = byPlace(columns([]));
    expect(() => matchContacts(cases, visits, { clusters })).toThrow(RangeError);
  });
});
