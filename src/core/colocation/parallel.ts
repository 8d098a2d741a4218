import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CaseIndex } from './case-index.ts';
import { PairLog } from './pair-sort.ts';
import { scan } from './scan.ts';
import type { CaseVisitColumns, TimeWindow, VisitColumns } from './types.ts';

/** A worker's share of a scan: it rebuilds the same case index and scans visits [from, to). */
export type ScanTask = {
  call: number;
  cases: CaseVisitColumns;
  byCell: boolean;
  tolerance: number;
  window: TimeWindow | undefined;
  visits: VisitColumns;
  from: number;
  to: number;
  /** Set to 1 (and notified) once the result is posted. */
  done: Int32Array;
};

export type ScanResult =
  | { call: number; person: Int32Array; group: Int32Array; overlap: Float64Array; length: number }
  | { call: number; error: string };

export type WorkerInit = { port: MessagePort; ready: Int32Array };

type Helper = { worker: Worker; port: MessagePort; ready: Int32Array; alive: boolean };

/** Below this many visits a second thread costs more (posting, rebuilding the index) than it saves. */
export const minParallelVisits = 1 << 20;
/** Longest wait for a worker's share before the calling thread scans it itself. */
const patienceMs = 120_000;

const helpers: Helper[] = [];
let calls = 0;

function spawn(): Helper {
  const { port1, port2 } = new MessageChannel();
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const entry = new URL('./scan-worker.ts', import.meta.url).href;
  const init: WorkerInit = { port: port2, ready };
  // A worker thread does not inherit the TypeScript loader of its parent: register it, then load the module.
  const worker = new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: init, transferList: [port2] },
  );
  const helper: Helper = { worker, port: port1, ready, alive: true };
  const retire = () => {
    helper.alive = false;
  };
  worker.on('error', retire);
  worker.on('exit', retire);
  worker.unref();
  return helper;
}

function ensureHelpers(count: number): void {
  for (let h = helpers.length - 1; h >= 0; h--) {
    if (!helpers[h]?.alive) {
      helpers.splice(h, 1);
    }
  }
  while (helpers.length < count) {
    helpers.push(spawn());
  }
}

/**
 * Starts `threads − 1` scan workers and resolves once they have loaded (or failed to). Optional: a scan
 * with `threads > 1` starts them too, but runs on the calling thread alone until they are ready.
 */
export async function startScanWorkers(threads: number): Promise<void> {
  ensureHelpers(threads - 1);
  await Promise.all(
    helpers.map(
      (helper) =>
        new Promise<void>((resolve) => {
          if (Atomics.load(helper.ready, 0) === 1 || !helper.alive) {
            resolve();
            return;
          }
          helper.worker.once('message', () => resolve());
          helper.worker.once('error', () => resolve());
          helper.worker.once('exit', () => resolve());
        }),
    ),
  );
}

/** How many scan workers have loaded and are alive. */
export function readyScanWorkers(): number {
  return helpers.filter((helper) => helper.alive && Atomics.load(helper.ready, 0) === 1).length;
}

/** Whether other threads can read the columns without a copy. */
function shared(visits: VisitColumns, locations: Int32Array): boolean {
  const columns = [visits.person, visits.start, visits.end, locations];
  return columns.every((column) => column.buffer instanceof SharedArrayBuffer);
}

function takeResult(port: MessagePort, call: number): PairLog | undefined {
  for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) {
    const result: ScanResult = received.message;
    if (result.call !== call) {
      continue; // a late answer to an abandoned call
    }
    if ('error' in result) {
      return undefined;
    }
    const log = new PairLog(0);
    log.person = result.person;
    log.group = result.group;
    log.overlap = result.overlap;
    log.length = result.length;
    return log;
  }
  return undefined;
}

function concatenate(logs: PairLog[]): PairLog {
  const total = logs.reduce((sum, log) => sum + log.length, 0);
  const all = new PairLog(Math.max(total, 1));
  for (const log of logs) {
    all.person.set(log.person.subarray(0, log.length), all.length);
    all.group.set(log.group.subarray(0, log.length), all.length);
    all.overlap.set(log.overlap.subarray(0, log.length), all.length);
    all.length += log.length;
  }
  return all;
}

/**
 * The scan split into contiguous parts of the visit log, the first on the calling thread and the others
 * on ready workers, which share the visit columns (SharedArrayBuffer) and rebuild the same case index.
 * The parts' pairs are concatenated in visit order, so the result is exactly the one-thread scan's. The
 * calling thread waits synchronously (Atomics.wait), so the engine's API stays synchronous. Without
 * shared columns or ready workers, or when a worker fails, the calling thread scans that part itself.
 */
export function scanOnThreads(
  threads: number,
  index: CaseIndex,
  task: Pick<ScanTask, 'cases' | 'byCell' | 'tolerance' | 'window' | 'visits'>,
  locations: Int32Array,
): PairLog {
  const { visits } = task;
  if (threads < 2 || visits.length < minParallelVisits || !shared(visits, locations)) {
    return scan(index, visits, locations);
  }
  ensureHelpers(threads - 1);
  const ready = helpers.filter((helper) => helper.alive && Atomics.load(helper.ready, 0) === 1);
  if (ready.length === 0) {
    return scan(index, visits, locations);
  }
  const parts = ready.length + 1;
  const bound = (part: number) => Math.floor((visits.length * part) / parts);
  const call = ++calls;
  const waits = ready.map((helper, h) => {
    const done = new Int32Array(new SharedArrayBuffer(4));
    const message: ScanTask = { ...task, call, from: bound(h + 1), to: bound(h + 2), done };
    helper.port.postMessage(message);
    return done;
  });
  const logs = [scan(index, visits, locations, 0, bound(1))];
  ready.forEach((helper, h) => {
    const done = waits[h] ?? new Int32Array(1);
    const finished = Atomics.wait(done, 0, 0, patienceMs) !== 'timed-out';
    const log = finished ? takeResult(helper.port, call) : undefined;
    if (!log) {
      helper.alive = false;
      void helper.worker.terminate();
    }
    logs.push(log ?? scan(index, visits, locations, bound(h + 1), bound(h + 2)));
  });
  return concatenate(logs);
}
