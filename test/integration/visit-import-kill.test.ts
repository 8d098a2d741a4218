import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadSegmentClusters,
  loadVisitColumns,
  readManifest,
  rowCount,
  storeDir,
} from '../../src/server/visits/visit-store.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.drop();
});

function env(): NodeJS.ProcessEnv {
  const vars: NodeJS.ProcessEnv = { ...process.env, SAOLEI_DATA: db.dataDir, SAOLEI_LOG_LEVEL: 'silent' };
  delete vars.SAOLEI_DATABASE_URL;
  if (db.url) {
    vars.SAOLEI_DATABASE_URL = db.url;
  }
  return vars;
}

/** A visit file with textual ids and ISO times (the slower path of the reader, so the kill lands mid-way). */
function writeVisitFile(file: string, rows: number, seed: number): void {
  const out = fs.openSync(file, 'w');
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  const base = Date.UTC(2020, 0, 11);
  const lines: string[] = ['person_id,place_id,start_ts,end_ts,cell_id'];
  for (let i = 0; i < rows; i++) {
    const start = base + (next() % (14 * 86400)) * 1000;
    const end = start + (60 + (next() % 3600)) * 1000;
    lines.push(
      `P${next() % 100000},V${next() % 5000},${new Date(start).toISOString()},${new Date(end).toISOString()},C${next() % 800}`,
    );
    if (lines.length >= 50000) {
      fs.writeSync(out, `${lines.join('\n')}\n`);
      lines.length = 0;
    }
  }
  fs.writeSync(out, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  fs.closeSync(out);
}

type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

function importVisits(file: string, killOnProgress = false): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/saolei.js', 'import', 'visits', file], { env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (killOnProgress && stderr.includes('rows/s')) {
        child.kill('SIGKILL');
      }
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('visit import interrupted by kill -9', () => {
  it('leaves the store exactly as before, and the re-run imports every row once', async () => {
    const dir = storeDir(db.dataDir);
    const small = path.join(db.dataDir, 'small.csv');
    writeVisitFile(small, 1000, 7);
    const first = await importVisits(small);
    expect(first.code, first.stderr).toBe(0);

    const manifestBefore = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    const rowsBefore = rowCount(readManifest(dir));
    expect(rowsBefore).toBe(1000);

    const big = path.join(db.dataDir, 'big.csv');
    const bigRows = 400_000;
    writeVisitFile(big, bigRows, 11);
    const killed = await importVisits(big, true);
    expect(killed.signal).toBe('SIGKILL');
    expect(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe(manifestBefore);
    expect(loadVisitColumns(dir).length).toBe(rowsBefore);

    const rerun = await importVisits(big);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain('400,000 rows imported, 0 bad rows');
    const columns = loadVisitColumns(dir);
    expect(columns.length).toBe(rowsBefore + bigRows);
    // Leftovers of the killed run (segment and cluster files, dictionary tails) are gone: the folder holds
    // what the manifest names and nothing else.
    const manifest = readManifest(dir);
    const expected = new Set(['manifest.json', 'person.ids', 'place.ids', 'cell.ids']);
    for (const segment of manifest.segments) {
      for (const column of ['person', 'place', 'cell', 'start', 'end']) {
        expected.add(`${segment.name}.${column}`);
      }
      for (const key of ['place', 'cell']) {
        for (const part of ['rows', 'offsets', 'longest']) {
          expected.add(`${segment.name}.by-${key}.${part}`);
        }
      }
    }
    expect(new Set(fs.readdirSync(dir))).toEqual(expected);
    // Every segment's clusterings were committed with it and cover its rows.
    for (const key of ['place', 'cell'] as const) {
      const parts = loadSegmentClusters(dir, manifest, key);
      expect(parts?.map((part) => part.sourceLength)).toEqual(manifest.segments.map((s) => s.rows));
    }
    for (const kind of ['person', 'place', 'cell'] as const) {
      expect(fs.statSync(path.join(dir, `${kind}.ids`)).size).toBe(manifest.dictionaries[kind].bytes);
    }

    const imports = await db.kysely
      .selectFrom('visit_imports')
      .select(['status', 'rows', 'failure'])
      .orderBy('id')
      .execute();
    expect(imports.map((r) => [r.status, Number(r.rows), r.failure])).toEqual([
      ['done', 1000, null],
      ['failed', expect.any(Number), 'interrupted'],
      ['done', bigRows, null],
    ]);
  }, 300_000);
});
