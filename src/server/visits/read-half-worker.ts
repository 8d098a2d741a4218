// A worker thread that parses the second half of a visit file (see read-in-halves.ts) and posts back its
// columns, its own id dictionaries and its bad rows.
import { parentPort, workerData } from 'node:worker_threads';
import { createDictionaries } from '../../core/colocation/id-dictionary.ts';
import type { HalfResult, HalfTask } from './read-in-halves.ts';
import { readVisitRange } from './read-visit-file.ts';

const task: HalfTask = workerData;

async function run(): Promise<{ result: HalfResult; transfer: ArrayBuffer[] }> {
  const dictionaries = createDictionaries({ direct: task.direct });
  const { parser, sawQuote } = await readVisitRange(
    task.path,
    { ...task.options, dictionaries },
    task.range,
    (bytes, rows) => parentPort?.postMessage({ progress: { bytes, rows } }),
  );
  const columns = parser.visitColumns();
  const length = columns.length;
  const person = columns.person.slice(0, length);
  const place = columns.place.slice(0, length);
  const cell = columns.cell?.slice(0, length);
  const start = columns.start.slice(0, length);
  const end = columns.end.slice(0, length);
  const entries = {
    person: dictionaries.person.entries(),
    place: dictionaries.place.entries(),
    cell: dictionaries.cell.entries(),
  };
  const result: HalfResult = {
    sawQuote,
    columns: { rows: length, person, place, cell, start, end },
    entries,
    bad: parser.bad,
    unreachable: parser.unreachable,
    firstLine: 2,
  };
  const buffers = [
    person,
    place,
    cell,
    start,
    end,
    entries.person.values,
    entries.place.values,
    entries.cell.values,
  ];
  const transfer = buffers.flatMap((array) => (array?.buffer instanceof ArrayBuffer ? [array.buffer] : []));
  return { result, transfer };
}

run().then(
  ({ result, transfer }) => parentPort?.postMessage({ result }, transfer),
  (error: unknown) =>
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
