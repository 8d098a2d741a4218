// SQLite's side of the co-location bench's load (colocation.bench.ts): the same rows saolei read, with the
// files' own ids, inserted in one transaction through prepared statements.
import type Database from 'better-sqlite3';
import type { IdDictionary } from '../src/core/colocation/id-dictionary.ts';
import type { LoadedVisits } from '../src/server/visits/load-visit-files.ts';

/** Drops and creates the two tables. */
export function createSqliteTables(sqlite: Database.Database): void {
  sqlite.exec('DROP TABLE IF EXISTS visits; DROP TABLE IF EXISTS case_visits');
  sqlite.exec(
    'CREATE TABLE visits (person_id INTEGER, place_id INTEGER, cell_id INTEGER, start_ts INTEGER, end_ts INTEGER)',
  );
  sqlite.exec(
    'CREATE TABLE case_visits (case_id INTEGER, person_id INTEGER, place_id INTEGER, cell_id INTEGER, start_ts INTEGER, end_ts INTEGER)',
  );
}

/** Inserts the loaded visits and case visits (the generator writes integer ids). */
export function insertIntoSqlite(sqlite: Database.Database, data: LoadedVisits): void {
  const insert = sqlite.prepare('INSERT INTO visits VALUES (?, ?, ?, ?, ?)');
  const insertCase = sqlite.prepare('INSERT INTO case_visits VALUES (?, ?, ?, ?, ?, ?)');
  const { visits, cases, dictionaries: d } = data;
  const id = (dictionary: IdDictionary, value: number) => Number(dictionary.label(value));
  sqlite.transaction(() => {
    for (let i = 0; i < visits.length; i++) {
      insert.run(
        id(d.person, visits.person[i] ?? 0),
        id(d.place, visits.place[i] ?? 0),
        id(d.cell, visits.cell?.[i] ?? 0),
        visits.start[i],
        visits.end[i],
      );
    }
    for (let i = 0; i < cases.length; i++) {
      insertCase.run(
        id(d.caseId, cases.caseId[i] ?? 0),
        id(d.person, cases.person[i] ?? 0),
        id(d.place, cases.place[i] ?? 0),
        id(d.cell, cases.cell?.[i] ?? 0),
        cases.start[i],
        cases.end[i],
      );
    }
  })();
}
