import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendVisitFile } from './store-import.ts';
import { dictionaryKinds, loadVisitColumns, readLabels, readManifest } from './visit-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'saolei-store-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A log with integer and textual ids, some shared with the other file, and a bad row now and then. */
function visitFile(name: string, rows: number, offset: number): string {
  const lines = ['person_id,place_id,cell_id,start_ts,end_ts'];
  for (let i = 0; i < rows; i++) {
    const person = i % 5 === 0 ? `p-${(i + offset) % 70}` : String(((i + offset) * 7919) % 900);
    const start = i % 211 === 3 ? 'later' : String(1579910400 + i * 60);
    lines.push(`${person},${(i * 31 + offset) % 60},c${i % 13},${start},${1579910400 + i * 60 + 900}`);
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** What a store holds: its columns and the labels of its dense ids. */
function contents(store: string) {
  const manifest = readManifest(store);
  const columns = loadVisitColumns(store, manifest);
  const { length } = columns;
  return {
    rows: length,
    person: Array.from(columns.person.subarray(0, length)),
    place: Array.from(columns.place.subarray(0, length)),
    cell: Array.from(columns.cell?.subarray(0, length) ?? []),
    start: Array.from(columns.start.subarray(0, length)),
    labels: dictionaryKinds.map((kind) => readLabels(store, manifest, kind)),
  };
}

describe('importing visit files into the store', { timeout: 60_000 }, () => {
  it('stores the same rows and ids whether a file is read on one thread or two', async () => {
    const first = visitFile('first.csv', 6000, 0);
    const second = visitFile('second.csv', 4000, 17);
    const results = [];
    for (const [store, minSplitBytes] of [
      [join(dir, 'one-thread'), undefined],
      [join(dir, 'two-threads'), 0],
    ] as const) {
      const a = await appendVisitFile(store, first, { minSplitBytes });
      const b = await appendVisitFile(store, second, { minSplitBytes });
      results.push({ bad: [a.bad, b.bad], rows: a.rows + b.rows, contents: contents(store) });
    }
    const [one, two] = results;
    expect(two).toEqual(one);
    // The second file met ids the first had numbered, and new ones; bad rows on both sides of its middle.
    expect(one?.contents.labels[0]?.length).toBeGreaterThan(900);
    expect(one?.bad[1]?.length).toBeGreaterThan(10);
    expect(one?.bad[1]?.at(-1)?.line).toBeGreaterThan(3000);
    expect(one?.rows).toBe(10000 - (one?.bad.flat().length ?? 0));
  });
});
