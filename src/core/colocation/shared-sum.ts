import { chunkCount, chunkStart, sumChunk, type BucketSum } from './bucket-sum.ts';

/**
 * A second thread for the sum of the pairs, its largest step. The engine hands the thread a task whose
 * arrays live in shared memory; then the engine sums chunks of buckets from the first one up and the
 * helper from the last one down, each claiming a chunk before summing it, until they meet. A helper that
 * is late or busy simply takes fewer chunks, or none. The engine stays synchronous and free of I/O: the
 * caller (the CLI, the server) starts the thread and passes it in as a SumHelper.
 */
export type SumHelper = {
  /** Below this many pairs the engine sums alone: handing over costs more than it saves. */
  minPairs: number;
  /** Sends the task to the other thread, which runs `helpSum` on it when it gets it. */
  offer(task: SharedSum): void;
};

/** A BucketSum over shared memory, with the claims the two threads share. */
export type SharedSum = BucketSum & {
  /** One cell per chunk: 0 while free, then who claimed it; fresh for every task. */
  claims: Int32Array;
  /** Rows the helper wrote for each chunk it summed, at the chunk's chunkStart; −1 for the others. */
  chunkRows: Int32Array;
  /** The helper's progress: 0 until it starts, 1 while it sums, 2 when it has stopped. */
  helping: Int32Array;
};

const byOwner = 1;
const byHelper = 2;
const helping = 1;
const stopped = 2;

/** A helper that cannot finish one chunk in this long has stopped; the sum fails rather than hang. */
const helperTimeoutMs = 60_000;

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * Math.max(length, 1)));
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * Math.max(length, 1)));
}

/** A task for the sum whose arrays are already shared, with fresh claims. */
export function sharedTask(sum: BucketSum): SharedSum {
  const chunks = chunkCount(sum);
  const task = {
    ...sum,
    claims: sharedInt32(chunks),
    chunkRows: sharedInt32(chunks),
    helping: sharedInt32(1),
  };
  task.chunkRows.fill(-1);
  // Written atomically after the scatter: a helper that claims a chunk also sees the rows scattered before.
  Atomics.store(task.helping, 0, 0);
  return task;
}

/** The helper's part: claims chunks from the last one down until it meets one the engine claimed. */
export function helpSum(task: SharedSum): void {
  if (Atomics.compareExchange(task.helping, 0, 0, helping) !== 0) {
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
    Atomics.store(task.helping, 0, stopped);
    Atomics.notify(task.helping, 0);
  }
}

/**
 * The engine's part: offers the task, sums chunks from the first one up, writing their rows one after the
 * other, until it meets a chunk the helper claimed; waits for the helper, sums any chunk the helper failed
 * to, and moves the helper's rows down after its own. Returns the number of result rows.
 */
export function sumShared(task: SharedSum, helper: SumHelper): number {
  helper.offer(task);
  const { claims, chunkRows } = task;
  let length = 0;
  let c = 0;
  for (; c < claims.length && Atomics.compareExchange(claims, c, 0, byOwner) === 0; c++) {
    length += sumChunk(task, c, length);
  }
  // The helper must not start after this, nor be running when its rows are moved.
  if (Atomics.compareExchange(task.helping, 0, 0, stopped) === helping) {
    while (Atomics.load(task.helping, 0) !== stopped) {
      if (Atomics.wait(task.helping, 0, helping, helperTimeoutMs) === 'timed-out') {
        throw new Error('the thread summing the pairs stopped answering');
      }
    }
  }
  const { person, caseId, location, overlap } = task.result;
  for (; c < claims.length; c++) {
    const from = chunkStart(task, c);
    // A chunk the helper claimed and did not finish (it threw) is summed here: the helper has stopped.
    const rows = (chunkRows[c] ?? -1) >= 0 ? (chunkRows[c] ?? 0) : sumChunk(task, c, from);
    if (from !== length) {
      person.copyWithin(length, from, from + rows);
      caseId.copyWithin(length, from, from + rows);
      location.copyWithin(length, from, from + rows);
      overlap.copyWithin(length, from, from + rows);
    }
    length += rows;
  }
  return length;
}
