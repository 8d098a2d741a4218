import { describe, expect, it } from 'vitest';
import { matchCompanions, matchContacts } from './engine.ts';
import { createDictionaries, IdDictionary } from './id-dictionary.ts';
import { mulberry32 } from './random.ts';
import { ReachFilter, reachSpec } from './reach-filter.ts';
import { referenceMatch, toRows } from './reference.ts';
import { randomWorld } from './test-worlds.ts';
import type { VisitColumns } from './types.ts';
import { VisitCsvParser } from './visit-csv.ts';

/** A dictionary whose dense ids are the integers 0..size-1 themselves. */
function identity(size: number): IdDictionary {
  const dictionary = new IdDictionary();
  for (let id = 0; id < size; id++) {
    dictionary.integer(id);
  }
  return dictionary;
}

/** The visits the filter keeps, in log order. */
function kept(visits: VisitColumns, filter: ReachFilter): VisitColumns {
  const locations = filter.location === 'place' ? visits.place : (visits.cell ?? new Int32Array());
  const rows: number[] = [];
  for (let i = 0; i < visits.length; i++) {
    const slot = filter.slotOfInteger(locations[i] ?? 0);
    if (filter.reaches(slot, visits.start[i] ?? 0, visits.end[i] ?? 0)) {
      rows.push(i);
    }
  }
  const ints = (column: Int32Array) => Int32Array.from(rows, (i) => column[i] ?? 0);
  const times = (column: Float64Array) => Float64Array.from(rows, (i) => column[i] ?? 0);
  return {
    length: rows.length,
    person: ints(visits.person),
    place: ints(visits.place),
    cell: visits.cell && ints(visits.cell),
    start: times(visits.start),
    end: times(visits.end),
  };
}

describe('the reach filter', () => {
  it('drops only visits that cannot pair: the engine gives the same rows on what it keeps', () => {
    const random = mulberry32(20200125);
    const counts = { visits: 0, kept: 0, rows: 0 };
    for (let iteration = 0; iteration < 3000; iteration++) {
      const { cases, visits } = randomWorld(random, 12);
      const ids = identity(16);
      const tolerance = [0, 300, 1800][iteration % 3] ?? 0;
      const from = Math.floor(random() * 20) * 300;
      const window = iteration % 4 === 0 ? { from, to: from + Math.floor(random() * 20) * 300 } : undefined;

      const byPlace = kept(visits, new ReachFilter(reachSpec(cases, ids, 'place', tolerance)));
      const contacts = toRows(matchContacts(cases, byPlace, { tolerance, window }));
      expect(contacts, `iteration ${iteration}`).toEqual(
        referenceMatch(cases, visits, 'contacts', { tolerance, window }),
      );

      const byCell = kept(visits, new ReachFilter(reachSpec(cases, ids, 'cell', 0)));
      const minOverlap = [0, 600, 1800][iteration % 3] ?? 0;
      expect(
        toRows(matchCompanions(cases, byCell, { minOverlap, window })),
        `iteration ${iteration}`,
      ).toEqual(referenceMatch(cases, visits, 'companions', { minOverlap, window }));
      counts.visits += visits.length;
      counts.kept += byPlace.length;
      counts.rows += contacts.length;
    }
    // Not vacuous: many rows matched, and the filter left out a good share of the visits.
    expect(counts.rows).toBeGreaterThan(10_000);
    expect(counts.kept).toBeLessThan(counts.visits * 0.8);
    expect(counts.kept).toBeGreaterThan(counts.visits * 0.1);
  });

  it('keeps a visit touching a widened interval only when it overlaps it', () => {
    const filter = new ReachFilter({
      location: 'place',
      ids: [10, 10, 11],
      lo: [1000, 1500, 50],
      hi: [2000, 3000, 50],
    });
    const at10 = filter.slotOfInteger(10);
    expect(filter.reaches(at10, 3000, 3600)).toBe(false); // starts where the merged run ends
    expect(filter.reaches(at10, 400, 1000)).toBe(false); // ends where it starts
    expect(filter.reaches(at10, 2999, 3600)).toBe(true);
    expect(filter.reaches(at10, 400, 1001)).toBe(true);
    expect(filter.reaches(at10, 1200, 1200)).toBe(true); // a zero-length visit inside
    // A zero-length case interval is met by a visit strictly around it, as in the engine.
    const at11 = filter.slotOfInteger(11);
    expect(filter.reaches(at11, 0, 100)).toBe(true);
    expect(filter.reaches(at11, 50, 100)).toBe(false);
    expect(filter.reaches(filter.slotOfInteger(12), 0, 5000)).toBe(false);
    expect(filter.reaches(filter.slotOfInteger(1 << 30), 0, 5000)).toBe(false);
  });

  it('matches textual, large and quoted ids as the dictionaries do', () => {
    const filter = new ReachFilter({
      location: 'place',
      ids: ['A-1', 2 ** 40, 7],
      lo: [0, 0, 0],
      hi: [100, 100, 100],
    });
    expect(filter.slotOfText('A-1')).toBeGreaterThanOrEqual(0);
    expect(filter.slotOfInteger(2 ** 40)).toBeGreaterThanOrEqual(0);
    expect(filter.slotOfText(String(2 ** 40))).toBe(filter.slotOfInteger(2 ** 40));
    expect(filter.slotOfText('7')).toBe(filter.slotOfInteger(7));
    expect(filter.slotOfText('07')).toBe(-1); // not the integer 7, as for the dictionaries
    expect(filter.slotOfText('A-2')).toBe(-1);
  });

  it('lets the parser keep only the reaching rows, count the others, and still report bad rows', () => {
    const dictionaries = createDictionaries();
    const cases = new VisitCsvParser({ kind: 'case-visits', dictionaries });
    const caseCsv =
      'case_id,person_id,place_id,start_ts,end_ts\nC1,1,P-9,1000,2000\nC1,1,1099511627776,5000,6000\n';
    const caseBytes = new TextEncoder().encode(caseCsv);
    cases.parse(caseBytes, 0, caseBytes.length, true);
    const spec = reachSpec(cases.caseVisitColumns(), dictionaries.place, 'place', 100);
    const parser = new VisitCsvParser({ kind: 'visits', dictionaries, reach: spec });
    const csv = [
      'person_id,place_id,start_ts,end_ts',
      '2,P-9,1500,1600', // kept
      '3,P-9,2100,2200', // starts at the widened end: left out
      '4,"P-9",800,901', // kept (quoted)
      '5,1099511627776,6050,7000', // kept (a large integer id)
      '6,"1099511627776",6099,7000', // kept (the same id quoted)
      '7,P-8,1500,1600', // another place: left out
      '8,P-9,later,1600', // bad
      '9,P-9,3000,2000', // bad
    ].join('\n');
    const bytes = new TextEncoder().encode(csv);
    parser.parse(bytes, 0, bytes.length, true);
    const columns = parser.visitColumns();
    expect(
      Array.from(columns.person.subarray(0, columns.length), (p) => dictionaries.person.label(p)),
    ).toEqual(['2', '4', '5', '6']);
    expect(parser.unreachable).toBe(2);
    expect(parser.rowsRead).toBe(6);
    expect(parser.bad.map((row) => [row.line, row.field])).toEqual([
      [8, 'start_ts'],
      [9, 'end_ts'],
    ]);
    // The persons of the rows left out were never numbered.
    expect(dictionaries.person.size).toBe(5);
    expect(dictionaries.place.size).toBe(2);
  });
});
