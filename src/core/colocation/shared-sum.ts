import { chunkCount, chunkStart, sumChunk, type BucketSum, type ResultColumns } from './bucket-sum.ts';

/**
 * A second thread for the sum of the pairs, its largest step. The engine hands the thread a task whose
 * arrays live in shared memory; then the engine sums chunks of buckets from the first one up and the
 * helper from the last one down, each claiming a chunk before summing it, until they meet. A helper that
 * is late or busy simply takes fewer chunks, or none. The engine stays synchronous and free of I/O: the
 * caller (the server) starts the thread and passes it in as a SumHelper.
 */
export type SumHelper = {
  /** Below this many pairs the engine sums alone: handing over costs more than it saves. */
  minPairs: number;
  /** Sends the task to the other thread, which runs `helpSum` on it when it gets it. */
  offer(task: SharedSum): void;
};

/**
 * A BucketSum over shared memory, with the cells the two threads share. The engine keeps these arrays
 * from task to task; `generation` tells a task from the earlier ones, whose offers may still be on their
 * way to the helper.
 */
export type SharedSum = BucketSum & {
  /** generation · 4 + the helper's state: open (it may join), helping, or stopped. */
  control: Int32Array;
  generation: number;
  /** One cell per chunk: 0 while free, then who claimed it. */
  claims: Int32Array;
  /** Rows the helper wrote for each chunk it summed, at the chunk's chunkStart; −1 for the others. */
  chunkRows: Int32Array;
};

const open = 0;
const helping = 1;
const stopped = 2;
const byOwner = 1;
const byHelper = 2;

/** A helper that cannot finish one chunk in this long has stopped; the sum fails rather than hang. */
const helperTimeoutMs = 60_000;

let lastGeneration = 0;

/**
 * A task for the sum whose arrays are already shared, with the kept cells (at least one control cell and
 * a claim and a row count per chunk) reset for it.
 */
export function sharedTask(
  sum: BucketSum,
  cells: Pick<SharedSum, 'control' | 'claims' | 'chunkRows'>,
): SharedSum {
  const chunks = chunkCount(sum);
  lastGeneration = (lastGeneration + 1) % (1 << 28);
  const task = {
    ...sum,
    control: cells.control,
    generation: lastGeneration,
    claims: cells.claims.subarray(0, chunks).fill(0),
    chunkRows: cells.chunkRows.subarray(0, chunks).fill(-1),
  };
  // Written last and atomically: a helper that joins also sees everything written before.
  Atomics.store(task.control, 0, state(task, open));
  return task;
}

function state(task: SharedSum, value: number): number {
  return task.generation * 4 + value;
}

/** The helper's part: claims chunks from the last one down until it meets one the engine claimed. */
export function helpSum(task: SharedSum): void {
  if (
    Atomics.compareExchange(task.control, 0, state(task, open), state(task, helping)) !== state(task, open)
  ) {
    return;
  }
  try {
    for (let c = task.claims.length - 1; c >= 0; c--) {
      if (Atomics.compareExchange(task.claims, c, 0, byHelper) !== 0) {
        return;
      }
      task.chunkRows[c] = sumChunk(task, c, chunkStart(task, c));
    }
  } finally {
    Atomics.store(task.control, 0, state(task, stopped));
    Atomics.notify(task.control, 0);
  }
}

/**
 * The engine's part: offers the task, sums chunks from the first one up, writing their rows one after the
 * other, until it meets a chunk the helper claimed; waits for the helper, sums any chunk the helper failed
 * to, and copies its rows and then the helper's into `into` (the shared columns are kept for the next
 * task). Returns the number of rows.
 */
export function sumShared(task: SharedSum, helper: SumHelper, into: ResultColumns): number {
  helper.offer(task);
  const { claims, chunkRows } = task;
  let own = 0;
  let c = 0;
  for (; c < claims.length && Atomics.compareExchange(claims, c, 0, byOwner) === 0; c++) {
    own += sumChunk(task, c, own);
  }
  // The helper must not start after this, nor be running when its rows are read.
  if (
    Atomics.compareExchange(task.control, 0, state(task, open), state(task, stopped)) === state(task, helping)
  ) {
    while (Atomics.load(task.control, 0) !== state(task, stopped)) {
      if (Atomics.wait(task.control, 0, state(task, helping), helperTimeoutMs) === 'timed-out') {
        throw new Error('the thread summing the pairs stopped answering');
      }
    }
  }
  const helped = c;
  let length = own;
  for (; c < claims.length; c++) {
    // A chunk the helper claimed and did not finish (it threw) is summed here: the helper has stopped.
    if ((chunkRows[c] ?? -1) < 0) {
      chunkRows[c] = sumChunk(task, c, chunkStart(task, c));
    }
    length += chunkRows[c] ?? 0;
  }
  const from = task.result;
  const copy = (at: number, start: number, count: number) => {
    into.person.set(from.person.subarray(start, start + count), at);
    into.caseId.set(from.caseId.subarray(start, start + count), at);
    into.location.set(from.location.subarray(start, start + count), at);
    into.overlap.set(from.overlap.subarray(start, start + count), at);
  };
  copy(0, 0, own);
  let at = own;
  for (c = helped; c < claims.length; c++) {
    copy(at, chunkStart(task, c), chunkRows[c] ?? 0);
    at += chunkRows[c] ?? 0;
  }
  return length;
}
