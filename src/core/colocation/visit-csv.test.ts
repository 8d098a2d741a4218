import { describe, expect, it } from 'vitest';
import { sortIds } from './renumber.ts';
import { createDictionaries } from './id-dictionary.ts';
import { VisitCsvParser, VisitHeaderError, type VisitCsvOptions } from './visit-csv.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Parses `text` fed in pieces of `step` bytes, the way the file reader hands over chunks. */
function parseInPieces(text: string, step: number, options: Partial<VisitCsvOptions> = {}) {
  const parser = new VisitCsvParser({ kind: 'visits', dictionaries: createDictionaries(), ...options });
  const data = bytes(text);
  let kept = new Uint8Array(0);
  for (let at = 0; at < data.length; at += step) {
    const chunk = new Uint8Array(kept.length + Math.min(step, data.length - at));
    chunk.set(kept);
    chunk.set(data.subarray(at, at + step), kept.length);
    const consumed = parser.parse(chunk, 0, chunk.length, false);
    kept = chunk.slice(consumed);
  }
  parser.parse(kept, 0, kept.length, true);
  return parser;
}

function rowsOf(parser: VisitCsvParser, dictionaries = parser) {
  const columns = dictionaries.visitColumns();
  return Array.from({ length: columns.length }, (_, i) => [
    columns.person[i],
    columns.place[i],
    columns.start[i],
    columns.end[i],
  ]);
}

const sample = [
  'place_id,extra,person_id,start_ts,end_ts',
  '10,x,7,1579910400,1579914000',
  '"11","a, quoted\nfield",8,2020-01-25T08:00:00+08:00,2020-01-25T01:30:00Z',
  '10,,7,1579910400,',
  '',
  '12,y,9,yesterday,1579914000',
  '12,y,,1579910400,1579914000',
  '12,y,9,1579914000,1579910400',
  '12,"bad"quote,9,1579910400,1579914000',
  '13,z,10',
  '13,z,"1""0",1579910400,1579910400',
].join('\r\n');

describe('visit CSV parser', () => {
  it('reads columns in any order, quoted fields, ISO times and empty end times, whatever the chunking', () => {
    for (const step of [1, 2, 3, 7, 64, 100_000]) {
      const parser = parseInPieces(sample, step, { dwell: 600 });
      expect(rowsOf(parser), `step ${step}`).toEqual([
        [0, 0, 1579910400, 1579914000],
        [1, 1, 1579910400, 1579915800],
        [0, 0, 1579910400, 1579911000],
        // Only kept rows number their ids: the bad rows' persons 9 and places 12 take none.
        [2, 2, 1579910400, 1579910400],
      ]);
      expect(parser.bad, `step ${step}`).toEqual([
        {
          line: 7,
          field: 'start_ts',
          reason: 'not unix seconds or an ISO 8601 time with offset: "yesterday"',
        },
        { line: 8, field: 'person_id', reason: 'empty' },
        { line: 9, field: 'end_ts', reason: 'end_ts is before start_ts' },
        { line: 10, field: 'extra', reason: 'text after a closing quote' },
        { line: 11, field: 'start_ts', reason: 'missing (the row has too few fields)' },
      ]);
    }
  });

  /** Reads persons b, 30, 4, a at places 20, x, 20, x in pieces, then puts the ids in external order. */
  function readMixedIds(direct: boolean) {
    const dictionaries = createDictionaries({ direct });
    const text = 'person_id,place_id,start_ts,end_ts\nb,20,0,1\n30,x,0,1\n4,20,0,1\na,x,0,1\n';
    const visits = parseInPieces(text, 5, { dictionaries }).visitColumns();
    const cases = new VisitCsvParser({ kind: 'case-visits', dictionaries }).caseVisitColumns();
    const sorted = sortIds(dictionaries, visits, cases);
    const labels = Array.from({ length: visits.length }, (_, i) => [
      sorted.person.label(visits.person[i] ?? 0),
      sorted.place.label(visits.place[i] ?? 0),
    ]);
    expect(labels).toEqual([
      ['b', '20'],
      ['30', 'x'],
      ['4', '20'],
      ['a', 'x'],
    ]);
    return visits;
  }

  it('maps textual ids to dense integers and renumbers them into external order', () => {
    const visits = readMixedIds(false);
    // Integers first in numeric order (4 < 30), then text: a, b.
    expect(Array.from(visits.person.subarray(0, 4))).toEqual([3, 1, 0, 2]);
  });

  it('keeps small integer ids as they are with direct dictionaries, and puts the others after them', () => {
    const visits = readMixedIds(true);
    expect(Array.from(visits.person.subarray(0, 4))).toEqual([32, 30, 4, 31]);
    expect(Array.from(visits.place.subarray(0, 4))).toEqual([20, 21, 20, 21]);
  });

  it('treats a leading-zero id as text, distinct from the integer', () => {
    const parser = parseInPieces('person_id,place_id,start_ts,end_ts\n007,1,0,1\n7,1,0,1\n', 4);
    const visits = parser.visitColumns();
    expect(visits.person[0]).not.toBe(visits.person[1]);
  });

  it('refuses a header without the needed columns, naming them', () => {
    expect(() => parseInPieces('person,place_id,start_ts\n1,2,3\n', 100)).toThrow(VisitHeaderError);
    expect(() => parseInPieces('person,place_id,start_ts\n1,2,3\n', 100)).toThrow(/person_id/);
    expect(() =>
      parseInPieces('case_id,person_id,place_id,start_ts\n1,2,3,4\n', 100, {
        kind: 'case-visits',
        requireCell: true,
      }),
    ).toThrow(/cell_id/);
  });

  it('requires a cell when asked, and reads case ids of case visits', () => {
    const parser = parseInPieces('case_id,person_id,place_id,cell_id,start_ts\nc1,1,2,,5\nc1,1,2,9,5', 3, {
      kind: 'case-visits',
      requireCell: true,
    });
    expect(parser.bad).toEqual([{ line: 2, field: 'cell_id', reason: 'empty' }]);
    const columns = parser.caseVisitColumns();
    expect(columns.length).toBe(1);
    expect(columns.end[0]).toBe(5 + 1800);
  });

  it('reports an unterminated quote instead of losing the rest silently', () => {
    const parser = parseInPieces('person_id,place_id,start_ts,end_ts\n1,2,3,4\n"5,2,3,4\n6,2,3,4\n', 8);
    expect(parser.rows).toBe(1);
    expect(parser.bad).toEqual([{ line: 3, field: 'person_id', reason: 'unterminated quote' }]);
  });
});
