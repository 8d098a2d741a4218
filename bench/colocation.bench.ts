// The co-location benchmark: saolei's reader and engine against DuckDB and SQLite, in one process, on
// the same files, with every result checked against the others.
//   node --import tsx bench/colocation.bench.ts [--dir .cache/bench/city] [--runs 3] [--sqlite-load-runs 1]
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { matchCompanions, matchContacts } from '../src/core/colocation/engine.ts';
import { clusterVisitsBy, type VisitClusters } from '../src/core/colocation/clusters.ts';
import type { MatchRows } from '../src/core/colocation/types.ts';
import { check, emptyRows, externalRows, sameRows } from './result-rows.ts';
import { runMatchCli } from './cli-run.ts';
import { checkReference } from './reference-by-location.ts';
import { createSumThread } from '../src/server/discovery/sum-thread.ts';
import { dwellSeconds } from './city-gen.ts';
import { duckdbHashJoin, duckdbLoad, duckdbRangeJoin, sqliteIndexed, type Query } from './sql-plans.ts';
import { createSqliteTables, insertIntoSqlite } from './sqlite-load.ts';
import { formatPaired, pairedRounds } from './paired.ts';
import { loadAverageSampler } from './load-average.ts';
import { formatTable, measure, medianOf, type Sample, type TableRow } from './timing.ts';
import { timedVisitLoad, type LoadOptions } from './timed-load.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '.cache/bench/city' },
    runs: { type: 'string', default: '3' },
    'sqlite-load-runs': { type: 'string', default: '1' },
    'sqlite-runs': { type: 'string', default: '1' },
  },
});
const runs = Number(values.runs);
const visitsPath = join(values.dir, 'visits.csv');
const casesPath = join(values.dir, 'case-visits.csv');
const log = (line: string) => process.stderr.write(`${line}\n`);
const kb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const { sample: sampleLoad, summary: loadSummary } = loadAverageSampler();

const timedLoad = (options: LoadOptions) =>
  timedVisitLoad(runs, { visitsPath, caseVisitsPath: casesPath, dwell: dwellSeconds, ...options });

// The helper thread of the sum, started as a server starts it: before the log is read (decision 013).
const helper = createSumThread();
helper.start();
const { sample: saoleiLoad, loaded: data } = await timedLoad({ requireCell: true });
const badRows = data.bad.visits.length + data.bad.cases.length;
if (badRows > 0) {
  throw new Error(`${badRows} bad rows in the generated files`);
}
const { cell } = data.visits;
if (!cell) {
  throw new Error('the visits have no cell column');
}
let clusters: VisitClusters[] = [];
const saoleiPrepare = await medianOf(runs, () => {
  clusters = [];
  clusters = clusterVisitsBy(data.visits, [data.visits.place, cell]);
});
const [byPlace, byCell] = clusters;
// The place alone, for the end-to-end figure of one contact query.
const clusterPlace = await medianOf(runs, () => clusterVisitsBy(data.visits, [data.visits.place]));
log(
  `saolei load: ${Math.round(saoleiLoad.wall)} ms, clustering ${Math.round(saoleiPrepare.wall)} ms ` +
    `(place alone ${Math.round(clusterPlace.wall)} ms), ${data.visits.length} visits, ${data.cases.length} case visits`,
);
let maxDuration = 0;
for (let i = 0; i < data.visits.length; i++) {
  maxDuration = Math.max(maxDuration, (data.visits.end[i] ?? 0) - (data.visits.start[i] ?? 0));
}
const contactsQuery: Query = { kind: 'contacts', tolerance: 1800, minOverlap: 0, maxDuration };
const queries: Query[] = [contactsQuery, { kind: 'companions', tolerance: 0, minOverlap: 600, maxDuration }];
const engineRuns = Math.max(runs, 5);
// The floor the issue quotes: one pass over the columns the contact scan reads (place, start, end).
const onePass = await medianOf(engineRuns, () => {
  let sum = 0;
  const { place, start, end } = data.visits;
  for (let i = 0; i < data.visits.length; i++) {
    sum += (place[i] ?? 0) + (end[i] ?? 0) - (start[i] ?? 0);
  }
  return sum;
});
sampleLoad();
// The engine as the server's discovery runs it: over the clusters, summing its pairs on two threads; then
// its scan of the unclustered log, which must give the same rows.
const saoleiResults = new Map<
  string,
  { rows: MatchRows; sample: Sample; scan: Sample; firstCalls: { clustered: number; scan: number } }
>();
const engineRun = (q: Query, clustered: boolean, threads: 1 | 2 = 2) =>
  q.kind === 'contacts'
    ? matchContacts(data.cases, data.visits, {
        tolerance: q.tolerance,
        clusters: clustered ? byPlace : undefined,
        helper: threads === 2 ? helper : undefined,
      })
    : matchCompanions(data.cases, data.visits, {
        minOverlap: q.minOverlap,
        clusters: clustered ? byCell : undefined,
        helper: threads === 2 ? helper : undefined,
      });
for (const q of queries) {
  const run = (clustered: boolean) => engineRun(q, clustered);
  // The first calls compile the code (reported apart: a one-query process such as the CLI pays this).
  const firstCalls = {
    clustered: (await measure(() => run(true))).wall,
    scan: (await measure(() => run(false))).wall,
  };
  let rows: MatchRows | undefined;
  const sample = await medianOf(engineRuns, () => {
    rows = run(true);
  });
  let scannedRows: MatchRows | undefined;
  const scan = await medianOf(engineRuns, () => {
    scannedRows = run(false);
  });
  if (!rows || !scannedRows) {
    throw new Error('no rows');
  }
  if (!sameRows(rows, scannedRows)) {
    throw new Error(`${q.kind}: the scan gave other rows than the clustered join`);
  }
  saoleiResults.set(q.kind, { rows, sample, scan, firstCalls });
  sampleLoad();
  log(
    `saolei ${q.kind}: ${Math.round(sample.wall)} ms, scan ${Math.round(scan.wall)} ms, ${rows.length} rows`,
  );
}

const ms = (sample: Sample) => `${Math.round(sample.wall)} (${Math.round(sample.cpu)})`;

const saoleiRss = kb();

const expected = new Map(
  queries.map((q) => {
    const location = q.kind === 'contacts' ? data.dictionaries.place : data.dictionaries.cell;
    const rows = saoleiResults.get(q.kind)?.rows ?? emptyRows();
    return [q.kind, externalRows(rows, data.dictionaries, location)];
  }),
);

// ---- The brute-force reference (every case visit against every visit of its location), on the same data.
const referenceTimes = checkReference(data, queries, expected, log);

// ---- The path of `saolei match contacts` on files, in this process: the readers keep only the visits that
// can meet a case visit, then the engine scans those, on one thread as the CLI does.
const { sample: reachLoad, loaded: kept } = await timedLoad({
  onlyReaching: { location: 'place', tolerance: 1800 },
});
const contactsOfKept = () => matchContacts(kept.cases, kept.visits, { tolerance: 1800 });
let keptRows = emptyRows();
const keptScan = await medianOf(engineRuns, () => {
  keptRows = contactsOfKept();
});
const keptExternal = externalRows(keptRows, kept.dictionaries, kept.dictionaries.place);
check(
  'saolei contacts of the visits kept while reading',
  expected.get('contacts') ?? new Float64Array(),
  Array.from({ length: keptRows.length }, (_, r) => Array.from(keptExternal.subarray(4 * r, 4 * r + 4))),
);
log(
  `saolei load keeping ${kept.visits.length} visits: ${Math.round(reachLoad.wall)} ms; ` +
    `contacts ${Math.round(keptScan.wall)} ms (same rows)`,
);

// ---- `saolei match contacts` as a user runs it: one process from the two CSV files to the CSV of
// candidates (start-up, reading, readying the engine, its query, writing), its rows checked like the others.
const cliOut = join(values.dir, 'match-contacts.csv');
const {
  sample: cliRun,
  matchMs: cliMatchMs,
  readyMs: cliReadyMs,
  readied: cliReadied,
  peakMb: cliPeakMb,
  kept: cliKept,
} = await runMatchCli(runs, {
  visits: visitsPath,
  caseVisits: casesPath,
  out: cliOut,
  dwell: dwellSeconds,
});
check(
  'saolei match contacts',
  expected.get('contacts') ?? new Float64Array(),
  readFileSync(cliOut, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')),
);
log(
  `saolei match contacts (CLI): ${Math.round(cliRun.wall)} ms, matching ${cliMatchMs} ms ` +
    `(readied in ${cliReadyMs} ms in ${cliReadied} of ${runs} runs), ` +
    `${cliKept} visits kept, peak ${cliPeakMb} MB (same rows)`,
);

// ---- DuckDB
const duck = await (await DuckDBInstance.create(':memory:')).connect();
async function loadIntoDuck(): Promise<void> {
  for (const sql of duckdbLoad({ visits: visitsPath, caseVisits: casesPath, dwell: dwellSeconds })) {
    await duck.run(sql);
  }
}
const duckLoad = await medianOf(runs, loadIntoDuck);
log(`duckdb load: ${Math.round(duckLoad.wall)} ms`);
const duckResults = new Map<string, Sample>();
const duckBest = new Map<string, string>();
const duckQuery = (sql: string) => duck.run(`CREATE OR REPLACE TABLE result AS ${sql}`);
// DuckDB's first join after its load, the counterpart of the engine's query in `saolei match`.
const duckFirstJoin = await measure(() => duckQuery(duckdbHashJoin(contactsQuery)));
/**
 * Times DuckDB's plans for each query, keeping the fastest (and its SQL) under `${kind}${label}`, after
 * checking each gives saolei's rows.
 */
async function duckPlans(label: string): Promise<void> {
  for (const q of queries) {
    const plans: [string, string][] = [
      ['hash join', duckdbHashJoin(q)],
      ['range join', duckdbRangeJoin(q)],
    ];
    for (const [plan, sql] of plans) {
      const sample = await medianOf(runs, () => duckQuery(sql));
      const reader = await duck.runAndReadAll('SELECT * FROM result ORDER BY 1, 2, 3');
      check(`duckdb ${q.kind} ${plan}`, expected.get(q.kind) ?? new Float64Array(), reader.getRows());
      log(`duckdb ${q.kind} ${plan}${label}: ${Math.round(sample.wall)} ms (same rows as saolei)`);
      const best = duckResults.get(`${q.kind}${label}`);
      if (!best || sample.wall < best.wall) {
        duckResults.set(`${q.kind}${label}`, sample);
        duckBest.set(`${q.kind}${label}`, sql);
      }
    }
  }
}
/** saolei over its clusters and DuckDB's fastest plan under `label`, for pairedRounds. */
const pairingsWithDuck = (label: string, title: string) =>
  queries.map((q) => ({
    name: `${q.kind}${title}`,
    saolei: () => engineRun(q, true),
    other: () => duckQuery(duckBest.get(`${q.kind}${label}`) ?? ''),
  }));
await duckPlans('');
const paired = await pairedRounds(engineRuns, [
  ...pairingsWithDuck('', ''),
  {
    name: 'contacts, saolei scanning the visits its reader kept (the path of `saolei match`)',
    saolei: contactsOfKept,
    other: () => duckQuery(duckBest.get('contacts') ?? ''),
  },
]);
// DuckDB's counterpart of the CLI run: both files read again, the hash join written to a CSV file.
const duckFileToFile = await medianOf(runs, async () => {
  await loadIntoDuck();
  await duck.run(
    `COPY (${duckdbHashJoin(contactsQuery)}) TO '${join(values.dir, 'duckdb-contacts.csv')}' (HEADER)`,
  );
});
log(`duckdb file to file: ${Math.round(duckFileToFile.wall)} ms`);
// DuckDB given a clustering too: the table rewritten in (place_id, start_ts) order, so its zone maps can
// skip row groups; the rewrite is timed apart, as SQLite's index is, and is not in the load row.
const duckSort = await measure(() =>
  duck.run('CREATE OR REPLACE TABLE visits AS SELECT * FROM visits ORDER BY place_id, start_ts'),
);
log(`duckdb sort by (place_id, start_ts): ${Math.round(duckSort.wall)} ms`);
await duckPlans(', sorted');
paired.push(
  ...(await pairedRounds(engineRuns, pairingsWithDuck(', sorted', ', DuckDB on its sorted table'))),
);
duck.closeSync();
// The helper thread's share: the same queries summed on two threads and on one, round by round.
const threads = await pairedRounds(
  engineRuns,
  queries.map((q) => ({
    name: `${q.kind} over the clusters`,
    saolei: () => engineRun(q, true),
    other: () => engineRun(q, true, 1),
  })),
);

// ---- SQLite
const sqlite = new Database(':memory:');
const sqliteLoad = await medianOf(
  Number(values['sqlite-load-runs']),
  () => insertIntoSqlite(sqlite, data),
  () => createSqliteTables(sqlite),
);
log(`sqlite insert: ${Math.round(sqliteLoad.wall)} ms`);
const sqliteIndex = await measure(() => {
  sqlite.exec('CREATE INDEX visits_place_start ON visits (place_id, start_ts)');
  sqlite.exec('CREATE INDEX visits_cell_start ON visits (cell_id, start_ts)');
});
log(`sqlite indexes: ${Math.round(sqliteIndex.wall)} ms`);
const sqliteResults = new Map<string, Sample>();
for (const q of queries) {
  const sql = sqliteIndexed(q);
  const sample = await medianOf(runs, () =>
    sqlite.exec(`DROP TABLE IF EXISTS result; CREATE TABLE result AS ${sql}`),
  );
  check(
    `sqlite ${q.kind}`,
    expected.get(q.kind) ?? new Float64Array(),
    sqlite.prepare('SELECT * FROM result ORDER BY 1, 2, 3').raw().iterate(),
  );
  log(`sqlite ${q.kind}: ${Math.round(sample.wall)} ms (same rows as saolei)`);
  sqliteResults.set(q.kind, sample);
}
sqlite.close();

sampleLoad();

const none: Sample = { wall: 0, cpu: 0 };
const table: TableRow[] = [
  { step: 'load CSV', rows: data.visits.length, saolei: saoleiLoad, duckdb: duckLoad, sqlite: sqliteLoad },
  {
    step: 'prepare: saolei clusters by place and cell; DuckDB sorts by place; SQLite indexes place and cell',
    rows: data.visits.length,
    saolei: saoleiPrepare,
    duckdb: duckSort,
    sqlite: sqliteIndex,
  },
  ...queries.flatMap((q) => {
    const result = saoleiResults.get(q.kind);
    const sqlite = sqliteResults.get(q.kind) ?? none;
    const rows = result?.rows.length ?? 0;
    const clustered = result?.sample ?? none;
    return [
      { step: q.kind, rows, saolei: clustered, duckdb: duckResults.get(q.kind) ?? none, sqlite },
      {
        step: `${q.kind}, DuckDB on its sorted table`,
        rows,
        saolei: clustered,
        duckdb: duckResults.get(`${q.kind}, sorted`) ?? none,
        sqlite,
      },
      {
        step: `${q.kind}, saolei scanning the unclustered log`,
        rows,
        saolei: result?.scan ?? none,
        duckdb: duckResults.get(q.kind) ?? none,
        sqlite,
      },
      ...(q.kind === 'contacts'
        ? [
            {
              step: 'contacts, saolei scanning the visits its reader kept (the path of `saolei match`)',
              rows,
              saolei: keptScan,
              duckdb: duckResults.get(q.kind) ?? none,
              sqlite,
            },
          ]
        : []),
    ];
  }),
];
const firstCallsOf = (kind: string) => {
  const first = saoleiResults.get(kind)?.firstCalls;
  return `${Math.round(first?.clustered ?? 0)} clustered, ${Math.round(first?.scan ?? 0)} scanning`;
};
const contactsOf = (key: string) => duckResults.get(key)?.wall ?? 0;
const saoleiContacts = saoleiResults.get('contacts');
const endToEnd = [
  `saolei load + clustering by place + contacts ${Math.round(saoleiLoad.wall + clusterPlace.wall + (saoleiContacts?.sample.wall ?? 0))}`,
  `saolei load + scan ${Math.round(saoleiLoad.wall + (saoleiContacts?.scan.wall ?? 0))}`,
  `saolei load keeping the ${kept.visits.length} visits that can meet a case visit + scan ` +
    `${Math.round(reachLoad.wall + keptScan.wall)}`,
  `DuckDB load + contacts ${Math.round(duckLoad.wall + contactsOf('contacts'))}`,
  `DuckDB load + sort + contacts ${Math.round(duckLoad.wall + duckSort.wall + contactsOf('contacts, sorted'))}`,
];
process.stdout.write(
  `${data.visits.length.toLocaleString('en')} visits, ${data.cases.length.toLocaleString('en')} case visits, ` +
    `max visit ${maxDuration} s; medians of ${runs} runs (engine ${engineRuns}; SQLite insert ${values['sqlite-load-runs']}, SQLite queries ${values['sqlite-runs']}), ` +
    `ms as wall (process CPU)\n\n${formatTable(table)}\n\n` +
    `Rows "contacts" and "companions": saolei over its clusters; DuckDB's fastest plan (hash join or range join) ` +
    `on the table as read_csv loaded it; SQLite probing its index. In the prepare row, saolei's figure is a ` +
    `median of ${runs} runs, DuckDB's and SQLite's one run; saolei clusters by place alone in ${ms(clusterPlace)} ms.\n` +
    `The same comparisons round by round (each round times saolei and DuckDB back to back, alternating which ` +
    `goes first; the ratio is the round's), after the medians above:\n\n${formatPaired(paired, 'DuckDB')}\n\n` +
    `saolei's queries sum their pairs on two threads, as the server's discovery does (not \`saolei match\`, ` +
    `whose one query is over before the thread is up); against one thread, round by round:\n\n` +
    `${formatPaired(threads, 'one thread')}\n\n` +
    `One contact query from the CSV file, ms wall: ${endToEnd.join('; ')}.\n` +
    `From the two CSV files to a CSV of candidates, ms wall: \`saolei match contacts\` ${Math.round(cliRun.wall)} ` +
    `(one process: start-up, reading while keeping the ${cliKept} visits that can meet a case visit, matching ` +
    `${cliMatchMs} in the engine's query, after readying the engine on a sample of the visits while the second ` +
    `thread read (${cliReadyMs} ms, in ${cliReadied} of ${runs} runs${cliReadied < runs ? '; the others matched cold' : ''}), writing; ` +
    `peak RSS ${cliPeakMb} MB); DuckDB reading both files and ` +
    `writing its hash join ${Math.round(duckFileToFile.wall)}.\n` +
    `The engine's first call in a process, which compiles its code (not in the medians above), ms: ` +
    `${queries.map((q) => `${q.kind} ${firstCallsOf(q.kind)}`).join('; ')}; DuckDB's first join after ` +
    `its load (its hash join for contacts) ${Math.round(duckFirstJoin.wall)}.\n` +
    `One pass over the place, start and end columns: ${ms(onePass)} ms.\n` +
    `The brute-force reference, location by location, one run, ms wall: contacts ${Math.round(referenceTimes.get('contacts') ?? 0)}, companions ${Math.round(referenceTimes.get('companions') ?? 0)}.\n` +
    `Load average (1 min) during the run: ${loadSummary()} on ${availableParallelism()} cores.\n` +
    `Peak RSS: ${saoleiRss} MB after saolei's load, clustering and queries; ${kb()} MB at the end with DuckDB and SQLite loaded too.\n` +
    `All results identical: saolei (clustered and scanning) = the brute-force reference = DuckDB (every plan, both tables) = SQLite, for contacts and companions; ` +
    `the CSV \`saolei match contacts\` wrote has the same rows.\n`,
);
