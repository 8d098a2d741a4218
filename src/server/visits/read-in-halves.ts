import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { DictionaryEntries } from '../../core/colocation/id-dictionary.ts';
import type { VisitColumns } from '../../core/colocation/types.ts';
import type { BadRow, VisitCsvOptions } from '../../core/colocation/visit-csv.ts';
import { readVisitFile, readVisitRange, type ByteRange, type ReadProgress } from './read-visit-file.ts';

/** Below this size one thread reads the file: starting a worker costs a few hundred milliseconds. */
const defaultMinSplitBytes = 64 << 20;
const newline = 10;
/**
 * This thread's share of the bytes: more than half, because the worker first spends a few hundred
 * milliseconds loading its modules (measured on the bench's 388 MB file: halves took 2.7–3.4 s, and this
 * thread then waited 0.4–0.7 s for the worker).
 */
const firstShare = 0.56;

type IdKind = 'person' | 'place' | 'cell';

export type HalfTask = {
  path: string;
  range: ByteRange;
  options: Omit<VisitCsvOptions, 'dictionaries'>;
  /** Whether the worker's dictionaries are direct, as the shared ones are (see IdDictionary). */
  direct: boolean;
};

/**
 * The worker's columns, under another shape than VisitColumns: V8 gives the objects a message is read into
 * the maps of objects built with the same keys in the same order, and changes those maps' recorded field
 * types as it does, which throws away the code compiled for VisitColumns so far (see `whileWaiting`).
 */
type HalfColumns = Omit<VisitColumns, 'length'> & { rows: number };

export type HalfResult = {
  sawQuote: boolean;
  columns: HalfColumns;
  entries: Record<IdKind, DictionaryEntries>;
  bad: BadRow[];
  /** Valid rows left out by the reach filter (see VisitCsvOptions.reach). */
  unreachable: number;
  /** Line number the half's parser gave its first record (its header was line 1). */
  firstLine: number;
};

/**
 * Where to split the file: just after the first line break past this thread's share, with the header line that
 * the second half is parsed after. Undefined for small files and files without such a line break.
 */
export async function splitPoint(
  path: string,
  minSplitBytes: number,
): Promise<{ at: number; size: number; header: Uint8Array } | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size < minSplitBytes) {
      return undefined;
    }
    const head = Buffer.alloc(1 << 16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const headerEnd = head.subarray(0, bytesRead).indexOf(newline);
    const middle = Buffer.alloc(1 << 20);
    const mid = Math.floor(size * firstShare);
    const got = await handle.read(middle, 0, middle.length, mid);
    const found = middle.subarray(0, got.bytesRead).indexOf(newline);
    const at = mid + found + 1;
    if (headerEnd < 0 || found < 0 || at <= headerEnd + 1 || at >= size) {
      return undefined;
    }
    return { at, size, header: head.subarray(0, headerEnd + 1) };
  } finally {
    await handle.close();
  }
}

const workerEntry = new URL('./read-half-worker.ts', import.meta.url);

/** Parses a half in a worker thread, which loads the TypeScript loader before the module. */
function readInWorker(
  task: HalfTask,
  onProgress: (bytes: number, rows: number) => void,
  module: URL,
): Promise<HalfResult> {
  const entry = module.href;
  const worker = new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: task },
  );
  return new Promise<HalfResult>((resolve, reject) => {
    worker.on(
      'message',
      (message: { progress?: { bytes: number; rows: number }; result?: HalfResult; error?: string }) => {
        if (message.progress) {
          onProgress(message.progress.bytes, message.progress.rows);
        } else if (message.result) {
          resolve(message.result);
        } else {
          reject(new Error(message.error ?? 'the reading thread failed'));
        }
      },
    );
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the reading thread exited (${code})`)));
  }).finally(() => void worker.terminate());
}

/**
 * Reads a large visit file on two threads: this one parses the first half into the shared dictionaries
 * while a worker parses the second with dictionaries of its own, whose ids are then translated (adding
 * the new ones in file order), so the ids are those a one-thread read gives. A file holding a quote
 * character is read again on one thread, because a quoted field may hold the line break the split was
 * made at, and so is a file whose worker failed; the first half has then put into the dictionaries only
 * ids that the re-read meets first, in the same order.
 */
export async function readVisitsInHalves(
  path: string,
  options: VisitCsvOptions,
  onProgress?: ReadProgress,
  tuning: {
    minSplitBytes?: number;
    workerModule?: URL;
    /**
     * Called when this thread has read its share of the file and the worker is still reading, with the
     * visits this thread kept (not to be changed) and its share of the file's bytes. The worker's rows are
     * appended to the same columns afterwards. Not called for a file that will be read again on one
     * thread because it holds a quote.
     */
    whileWaiting?: (firstHalf: VisitColumns, share: number) => void;
  } = {},
): Promise<{ columns: VisitColumns; bad: BadRow[]; unreachable: number }> {
  const { minSplitBytes = defaultMinSplitBytes, workerModule = workerEntry, whileWaiting } = tuning;
  const oneThread = async () => {
    const parser = await readVisitFile(path, options, onProgress);
    return { columns: parser.visitColumns(), bad: parser.bad, unreachable: parser.unreachable };
  };
  const split = await splitPoint(path, minSplitBytes);
  if (!split) {
    return oneThread();
  }
  const progress = { mine: { bytes: 0, rows: 0 }, theirs: { bytes: 0, rows: 0 } };
  const report = () =>
    onProgress?.(
      progress.mine.bytes + progress.theirs.bytes,
      progress.mine.rows + progress.theirs.rows,
      split.size,
    );
  const { dictionaries: shared, ...parseOptions } = options;
  const second = readInWorker(
    {
      path,
      range: { from: split.at, to: split.size, header: split.header },
      options: parseOptions,
      direct: shared.person.direct,
    },
    (bytes, rows) => {
      progress.theirs = { bytes, rows };
      report();
    },
    workerModule,
  );
  // A worker that fails (it could not start, or ran out of memory) leaves the file to this thread alone.
  const settled = second.catch(() => undefined);
  let waiting = true;
  void settled.then(() => (waiting = false));
  const first = await readVisitRange(
    path,
    options,
    { from: 0, to: split.at, sizeFor: split.size },
    (bytes, rows) => {
      progress.mine = { bytes, rows };
      report();
    },
  );
  // A file holding a quote is read again on one thread below: its first half is not worth the caller's time.
  if (waiting && whileWaiting && !first.sawQuote) {
    whileWaiting(first.parser.visitColumns(), split.at / split.size);
  }
  const other = await settled;
  if (!other || first.sawQuote || other.sawQuote) {
    return oneThread();
  }
  const { parser } = first;
  const lineShift = parser.nextLine - other.firstLine;
  const bad = [...parser.bad, ...other.bad.map((row) => ({ ...row, line: row.line + lineShift }))];
  const { rows, ...columns } = other.columns;
  parser.appendTranslated(
    { length: rows, ...columns },
    {
      person: shared.person.translate(other.entries.person),
      place: shared.place.translate(other.entries.place),
      cell: shared.cell.translate(other.entries.cell),
    },
  );
  return { columns: parser.visitColumns(), bad, unreachable: parser.unreachable + other.unreachable };
}
