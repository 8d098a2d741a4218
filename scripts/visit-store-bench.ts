/**
 * Measures what docs/decisions/005-visit-store.md reports: loading N visit rows from the visit store
 * (columnar segments) against reading them back from an indexed SQLite table, and the cost of writing
 * each. Run: `npx tsx scripts/visit-store-bench.ts [rows]` (default 10,000,000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  columnFiles,
  commitManifest,
  loadVisitColumns,
  segmentFile,
  writeDurably,
} from '../src/server/visits/visit-store.ts';

const rows = Number(process.argv[2] ?? 10_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saolei-store-bench-'));
let seed = 7;
const random = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const columns = {
  person: new Int32Array(rows),
  place: new Int32Array(rows),
  cell: new Int32Array(rows),
  start: new Float64Array(rows),
  end: new Float64Array(rows),
};
for (let i = 0; i < rows; i++) {
  columns.person[i] = random(1_000_000);
  columns.place[i] = random(20_000);
  columns.cell[i] = random(5_000);
  const start = 1_578_700_000 + random(14 * 86_400);
  columns.start[i] = start;
  columns.end[i] = start + 60 + random(3_600);
}
const time = (label: string, run: () => void) => {
  const started = performance.now();
  run();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(44)} ${seconds.toFixed(2).padStart(8)} s`);
};

time(`store: write ${rows} rows (5 columns, fsync)`, () => {
  for (const [column, width] of columnFiles) {
    const data = columns[column];
    writeDurably(segmentFile(dir, 'seg-bench', column), new Uint8Array(data.buffer, 0, rows * width), 'w');
  }
  commitManifest(dir, {
    format: 1,
    segments: [{ name: 'seg-bench', rows, cells: true }],
    dictionaries: {
      person: { entries: 0, bytes: 0 },
      place: { entries: 0, bytes: 0 },
      cell: { entries: 0, bytes: 0 },
    },
  });
});
time('store: load all rows into engine columns', () => {
  const loaded = loadVisitColumns(dir);
  if (loaded.length !== rows) {
    throw new Error('row count differs');
  }
});

const db = new SQLite(path.join(dir, 'visits.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('create table visits (person integer, place integer, cell integer, start real, "end" real)');
time(`sqlite: insert ${rows} rows (one transaction)`, () => {
  const insert = db.prepare('insert into visits values (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      insert.run(columns.person[i], columns.place[i], columns.cell[i], columns.start[i], columns.end[i]);
    }
  })();
});
time('sqlite: index (place, start)', () => {
  db.exec('create index visits_place_start on visits (place, start)');
});
time('sqlite: read all rows into engine columns', () => {
  const person = new Int32Array(rows);
  const place = new Int32Array(rows);
  const cell = new Int32Array(rows);
  const start = new Float64Array(rows);
  const end = new Float64Array(rows);
  let i = 0;
  for (const row of db.prepare('select person, place, cell, start, "end" from visits').raw().iterate()) {
    if (!Array.isArray(row)) {
      continue;
    }
    person[i] = Number(row[0]);
    place[i] = Number(row[1]);
    cell[i] = Number(row[2]);
    start[i] = Number(row[3]);
    end[i] = Number(row[4]);
    i++;
  }
});
db.close();
const size = (file: string) => (fs.statSync(path.join(dir, file)).size / 1024 ** 2).toFixed(0);
console.log(
  `store ${rows} rows: ${(columnFiles.reduce((sum, [c]) => sum + fs.statSync(segmentFile(dir, 'seg-bench', c)).size, 0) / 1024 ** 2) | 0} MB; sqlite file ${size('visits.db')} MB`,
);
fs.rmSync(dir, { recursive: true, force: true });
