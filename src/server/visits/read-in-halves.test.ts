import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReachSpec } from '../../core/colocation/reach-filter.ts';
import type { VisitColumns } from '../../core/colocation/types.ts';
import { createDictionaries, type VisitDictionaries } from '../../core/colocation/id-dictionary.ts';
import { readVisitsInHalves, splitPoint } from './read-in-halves.ts';
import { readVisitFile } from './read-visit-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'saolei-halves-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** A log whose ids repeat across both halves, with textual ids and bad rows on either side of the middle. */
function log(rows: number): string[] {
  const lines = ['person_id,place_id,cell_id,start_ts,end_ts'];
  for (let i = 0; i < rows; i++) {
    const person = i % 7 === 0 ? `p-${i % 50}` : String((i * 7919) % 300);
    const bad = i % 97 === 13 ? 'soon' : String(1579910400 + i * 60);
    lines.push(`${person},${(i * 31) % 40},${i % 9},${bad},${i % 5 === 0 ? '' : 1579910400 + i * 60 + 600}`);
  }
  return lines;
}

const labelled = (columns: Awaited<ReturnType<typeof readVisitsInHalves>>['columns'], d: VisitDictionaries) =>
  Array.from({ length: columns.length }, (_, i) => [
    d.person.label(columns.person[i] ?? 0),
    d.place.label(columns.place[i] ?? 0),
    d.cell.label(columns.cell?.[i] ?? 0),
    columns.start[i],
    columns.end[i],
  ]);

async function bothWays(path: string, direct: boolean, workerModule?: URL, reach?: ReachSpec) {
  const options = { kind: 'visits' as const, requireCell: true, reach };
  const serialDictionaries = createDictionaries({ direct });
  serialDictionaries.person.text('p-3');
  const serial = await readVisitFile(path, { ...options, dictionaries: serialDictionaries });
  const splitDictionaries = createDictionaries({ direct });
  splitDictionaries.person.text('p-3');
  const split = await readVisitsInHalves(path, { ...options, dictionaries: splitDictionaries }, undefined, {
    minSplitBytes: 0,
    workerModule,
  });
  return { serial, serialDictionaries, split, splitDictionaries };
}

// Numbered dictionaries (the visit store's) and direct ones (a one-off read): person ids are integers and
// text, place and cell ids small integers, which a direct dictionary keeps as they are.
describe.each([
  { kind: 'numbered', direct: false },
  { kind: 'direct', direct: true },
])('reading a visit file on two threads, $kind ids', { timeout: 60_000 }, ({ direct }) => {
  it('gives the rows, ids and bad-row lines of a one-thread read', async () => {
    const path = file('log.csv', log(5000));
    expect(await splitPoint(path, 0)).toBeDefined();
    const { serial, serialDictionaries, split, splitDictionaries } = await bothWays(path, direct);
    const columns = serial.visitColumns();
    expect(split.columns.length).toBe(columns.length);
    expect(Array.from(split.columns.person.subarray(0, columns.length))).toEqual(
      Array.from(columns.person.subarray(0, columns.length)),
    );
    expect(labelled(split.columns, splitDictionaries)).toEqual(labelled(columns, serialDictionaries));
    if (direct) {
      const places = Array.from(split.columns.place.subarray(0, columns.length));
      expect(places.map((id) => splitDictionaries.place.label(id))).toEqual(places.map(String));
    }
    expect(split.bad).toEqual(serial.bad);
    // Bad rows on both sides of the middle, so the second half's line numbers were shifted right.
    expect(split.bad.length).toBeGreaterThan(40);
    expect(split.bad.at(-1)?.line).toBeGreaterThan(4000);
  });

  it('keeps the same rows with a reach filter, and counts those left out on both threads', async () => {
    const path = file('reach.csv', log(5000));
    const reach: ReachSpec = {
      location: 'cell',
      ids: [3, 3, 5],
      lo: [1579910400 + 600 * 60, 1579910400 + 4000 * 60, 1579910400],
      hi: [1579910400 + 1000 * 60, 1579910400 + 4500 * 60, 1579910400 + 5000 * 60],
    };
    const { serial, serialDictionaries, split, splitDictionaries } = await bothWays(
      path,
      direct,
      undefined,
      reach,
    );
    const columns = serial.visitColumns();
    expect(labelled(split.columns, splitDictionaries)).toEqual(labelled(columns, serialDictionaries));
    expect(split.unreachable).toBe(serial.unreachable);
    expect(split.bad).toEqual(serial.bad);
    // Rows kept and left out on both sides of the middle.
    expect(columns.length).toBeGreaterThan(600);
    expect(serial.unreachable).toBeGreaterThan(3000);
    expect(columns.length + serial.unreachable + serial.bad.length).toBe(5000);
    expect(labelled(split.columns, splitDictionaries).every((row) => row[2] === '3' || row[2] === '5')).toBe(
      true,
    );
  });

  it('reads on one thread again when a quoted field may hold the line break it split at', async () => {
    // A quoted place id holding thousands of line breaks spans the middle of the file.
    const before = log(300);
    const after = log(300).slice(1);
    const quoted = `7,"${'x\n'.repeat(8000)}",1,1579910400,1579914000`;
    const path = file('quoted.csv', [...before, quoted, ...after]);
    const fieldStart = `${before.join('\n')}\n`.length;
    const split = await splitPoint(path, 0);
    expect(split?.at).toBeGreaterThan(fieldStart);
    expect(split?.at).toBeLessThan(fieldStart + quoted.length);
    const read = await bothWays(path, direct);
    const rows = read.serial.rows;
    expect(rows).toBeGreaterThan(590);
    expect(read.split.columns.length).toBe(rows);
    expect(labelled(read.split.columns, read.splitDictionaries)).toEqual(
      labelled(read.serial.visitColumns(), read.serialDictionaries),
    );
    expect(Array.from(read.split.columns.person.subarray(0, rows))).toEqual(
      Array.from(read.serial.visitColumns().person.subarray(0, rows)),
    );
    expect(read.split.bad).toEqual(read.serial.bad);
  });

  it('lets the caller use the wait for a slower worker, with the visits this thread kept', async () => {
    // The real worker module, started a second late.
    const slow = join(dir, 'slow-worker.mjs');
    const worker = new URL('./read-half-worker.ts', import.meta.url).href;
    writeFileSync(
      slow,
      `await new Promise((resolve) => setTimeout(resolve, 1000));\nawait import(${JSON.stringify(worker)});\n`,
    );
    const path = file(`slow-${direct}.csv`, log(5000));
    const options = { kind: 'visits' as const, requireCell: true };
    const serial = await readVisitFile(path, { ...options, dictionaries: createDictionaries({ direct }) });
    const waits: { persons: number[]; share: number }[] = [];
    const whileWaiting = (firstHalf: VisitColumns, share: number) =>
      waits.push({ persons: Array.from(firstHalf.person.subarray(0, firstHalf.length)), share });
    const split = await readVisitsInHalves(
      path,
      { ...options, dictionaries: createDictionaries({ direct }) },
      undefined,
      {
        minSplitBytes: 0,
        workerModule: pathToFileURL(slow),
        whileWaiting,
      },
    );
    const at = await splitPoint(path, 0);
    expect(waits).toHaveLength(1);
    expect(waits[0]?.share).toBe((at?.at ?? 0) / (at?.size ?? 1));
    const kept = waits[0]?.persons ?? [];
    expect(kept.length).toBeGreaterThan(2000);
    expect(kept.length).toBeLessThan(serial.rows);
    // The first half's rows, and the worker's appended after them as without the wait.
    expect(Array.from(split.columns.person.subarray(0, kept.length))).toEqual(kept);
    expect(split.columns.length).toBe(serial.rows);
    expect(Array.from(split.columns.person.subarray(0, serial.rows))).toEqual(
      Array.from(serial.visitColumns().person.subarray(0, serial.rows)),
    );

    // A file holding a quote in its first half is read again on one thread: no wait is lent.
    const quoted = log(5000);
    quoted[3] = `"p-q",1,2,${1579910400},`;
    const quotedPath = file(`slow-quoted-${direct}.csv`, quoted);
    await readVisitsInHalves(
      quotedPath,
      { ...options, dictionaries: createDictionaries({ direct }) },
      undefined,
      {
        minSplitBytes: 0,
        workerModule: pathToFileURL(slow),
        whileWaiting,
      },
    );
    expect(waits).toHaveLength(1);

    // A file read on one thread has no wait.
    await readVisitsInHalves(path, { ...options, dictionaries: createDictionaries({ direct }) }, undefined, {
      whileWaiting,
    });
    expect(waits).toHaveLength(1);
  });

  it('reads on one thread again when the worker fails', async () => {
    // A worker module that leaves a mark next to the file it was given, then fails as it starts.
    const failing = join(dir, 'failing-worker.mjs');
    writeFileSync(
      failing,
      [
        "import { writeFileSync } from 'node:fs';",
        "import { workerData } from 'node:worker_threads';",
        "writeFileSync(`${workerData.path}.worker-ran`, '');",
        "throw new Error('the reading thread could not start');",
      ].join('\n'),
    );
    const path = file('worker-fails.csv', log(3000));
    const read = await bothWays(path, direct, pathToFileURL(failing));
    expect(existsSync(`${path}.worker-ran`)).toBe(true);
    const rows = read.serial.rows;
    expect(rows).toBeGreaterThan(2900);
    expect(read.split.columns.length).toBe(rows);
    expect(labelled(read.split.columns, read.splitDictionaries)).toEqual(
      labelled(read.serial.visitColumns(), read.serialDictionaries),
    );
    expect(read.split.bad).toEqual(read.serial.bad);
  });
});
