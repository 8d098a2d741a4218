// The SQL the benchmark runs on DuckDB and SQLite. Every plan materialises its sorted result in a table,
// so that the timing is the engine's work and not the transfer of rows into JavaScript.

export type Query = {
  kind: 'contacts' | 'companions';
  tolerance: number;
  minOverlap: number;
  maxDuration: number;
};

const columns = `{'person_id': 'INTEGER', 'place_id': 'INTEGER', 'cell_id': 'INTEGER', 'start_ts': 'BIGINT', 'end_ts': 'BIGINT'}`;
const caseColumns = `{'case_id': 'INTEGER', ${columns.slice(1)}`;

/** DuckDB: both files read with read_csv into the tables `visits` and `case_visits`, the dwell applied. */
export function duckdbLoad(files: { visits: string; caseVisits: string; dwell: number }): string[] {
  const end = `COALESCE(end_ts, start_ts + ${files.dwell}) AS end_ts`;
  return [
    `CREATE OR REPLACE TABLE visits AS SELECT person_id, place_id, cell_id, start_ts, ${end}
     FROM read_csv('${files.visits}', header = true, columns = ${columns})`,
    `CREATE OR REPLACE TABLE case_visits AS SELECT case_id, person_id, place_id, cell_id, start_ts, ${end}
     FROM read_csv('${files.caseVisits}', header = true, columns = ${caseColumns})`,
  ];
}

const location = (q: Query) => (q.kind === 'contacts' ? 'place_id' : 'cell_id');
const overlap = (q: Query, least: string, greatest: string) =>
  `${least}(v.end_ts, c.end_ts + ${q.tolerance}) - ${greatest}(v.start_ts, c.start_ts - ${q.tolerance})`;

/** The per-(person, case) minimum of companions, as a window over the grouped rows. */
function finish(q: Query, grouped: string): string {
  if (q.kind === 'contacts') {
    return `${grouped} ORDER BY 1, 2, 3`;
  }
  return (
    `SELECT person_id, case_id, ${location(q)}, overlap FROM (SELECT *, SUM(overlap) OVER ` +
    `(PARTITION BY person_id, case_id) AS total FROM (${grouped})) WHERE total >= ${q.minOverlap} ORDER BY 1, 2, 3`
  );
}

/** DuckDB: a plain hash join on the location with the interval predicate. */
export function duckdbHashJoin(q: Query): string {
  const l = location(q);
  return finish(
    q,
    `SELECT v.person_id, c.case_id, v.${l}, SUM(${overlap(q, 'LEAST', 'GREATEST')})::DOUBLE AS overlap
     FROM case_visits c JOIN visits v ON v.${l} = c.${l}
     WHERE v.person_id <> c.person_id AND v.start_ts < c.end_ts + ${q.tolerance} AND v.end_ts > c.start_ts - ${q.tolerance}
     GROUP BY 1, 2, 3`,
  );
}

/** DuckDB: the same join with the duration bound as a range on start, which a range join can use. */
export function duckdbRangeJoin(q: Query): string {
  const l = location(q);
  return finish(
    q,
    `SELECT v.person_id, c.case_id, v.${l}, SUM(${overlap(q, 'LEAST', 'GREATEST')})::DOUBLE AS overlap
     FROM case_visits c JOIN visits v ON v.${l} = c.${l}
       AND v.start_ts < c.end_ts + ${q.tolerance}
       AND v.start_ts > c.start_ts - ${q.tolerance + q.maxDuration}
     WHERE v.person_id <> c.person_id AND v.end_ts > c.start_ts - ${q.tolerance}
     GROUP BY 1, 2, 3`,
  );
}

/**
 * SQLite: each case visit probes the (location, start_ts) index over the range the duration bound allows
 * (CROSS JOIN keeps the small table outside).
 */
export function sqliteIndexed(q: Query): string {
  const l = location(q);
  return finish(
    q,
    `SELECT v.person_id AS person_id, c.case_id AS case_id, v.${l} AS ${l}, SUM(${overlap(q, 'MIN', 'MAX')}) AS overlap
     FROM case_visits c CROSS JOIN visits v
     WHERE v.${l} = c.${l}
       AND v.start_ts < c.end_ts + ${q.tolerance}
       AND v.start_ts > c.start_ts - ${q.tolerance + q.maxDuration}
       AND v.end_ts > c.start_ts - ${q.tolerance}
       AND v.person_id <> c.person_id
     GROUP BY 1, 2, 3`,
  );
}
