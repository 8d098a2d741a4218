// Comparing the co-location results of saolei, DuckDB and SQLite row by row (colocation.bench.ts).
import type { MatchRows } from '../src/core/colocation/types.ts';
import type { VisitDictionaries } from '../src/core/colocation/id-dictionary.ts';

type Dictionary = VisitDictionaries['person'];

export function sameRows(a: MatchRows, b: MatchRows): boolean {
  const columns = (rows: MatchRows) => [rows.person, rows.caseId, rows.location, rows.overlap];
  const right = columns(b);
  return (
    a.length === b.length &&
    columns(a).every((column, c) => column.every((value, r) => value === right[c]?.[r]))
  );
}

/** External ids of the engine's rows as numbers (the generator writes integer ids), four per row. */
export function externalRows(
  rows: MatchRows,
  d: Pick<VisitDictionaries, 'person' | 'caseId'>,
  location: Dictionary,
): Float64Array {
  const out = new Float64Array(rows.length * 4);
  for (let r = 0; r < rows.length; r++) {
    out[r * 4] = Number(d.person.label(rows.person[r] ?? 0));
    out[r * 4 + 1] = Number(d.caseId.label(rows.caseId[r] ?? 0));
    out[r * 4 + 2] = Number(location.label(rows.location[r] ?? 0));
    out[r * 4 + 3] = rows.overlap[r] ?? 0;
  }
  return out;
}

/** Stops the run when another engine's rows differ from saolei's (`expected`, from externalRows). */
export function check(name: string, expected: Float64Array, actual: Iterable<unknown>): void {
  let r = 0;
  for (const row of actual) {
    if (!Array.isArray(row)) {
      throw new Error(`${name}: row ${r} is not an array`);
    }
    for (let c = 0; c < 4; c++) {
      if (Number(row[c]) !== expected[r * 4 + c]) {
        throw new Error(
          `${name}: row ${r} is ${row.join(',')}, saolei has ${expected.slice(r * 4, r * 4 + 4).join(',')}`,
        );
      }
    }
    r++;
  }
  if (r * 4 !== expected.length) {
    throw new Error(`${name}: ${r} rows, saolei has ${expected.length / 4}`);
  }
}

export function emptyRows(): MatchRows {
  return {
    length: 0,
    person: new Int32Array(),
    caseId: new Int32Array(),
    location: new Int32Array(),
    overlap: new Float64Array(),
  };
}
