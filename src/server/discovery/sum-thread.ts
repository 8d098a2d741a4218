import { Worker } from 'node:worker_threads';
import type { SharedSum, SumHelper } from '../../core/colocation/shared-sum.ts';

/**
 * Below this many pairs the engine sums alone: one thread sums 65,536 pairs in about 4 ms (947k in 50–60
 * ms at the bench size), little for a thread to save. Not tuned.
 */
const defaultMinPairs = 1 << 16;

const workerEntry = new URL('./sum-thread-worker.ts', import.meta.url);

export type SumThread = SumHelper & {
  /** Starts the thread now, if it has not started, so that it is up by the time it is offered work. */
  start(): void;
  stop(): Promise<void>;
};

/**
 * A thread that helps the engine sum its pairs (see shared-sum.ts), started by `start` or by the first
 * task offered to it. It loads the TypeScript loader and the engine's code first, which takes a moment
 * (250–280 ms here): meanwhile the offers wait in its queue and the engine sums alone, which is why a
 * one-off run (`saolei match`) goes without. It does not keep the process alive, and one that fails only
 * stops helping.
 */
export function createSumThread(minPairs = defaultMinPairs): SumThread {
  let worker: Worker | undefined;
  let failed = false;
  /** The thread, started on first need; none once it has failed or been stopped. */
  const running = (): Worker | undefined => {
    if (!failed && !worker) {
      worker = new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerEntry.href)}); });`,
        { eval: true },
      );
      worker.unref();
      worker.on('error', () => {
        failed = true;
      });
    }
    return failed ? undefined : worker;
  };
  return {
    minPairs,
    start: () => void running(),
    offer: (task: SharedSum) => running()?.postMessage(task),
    async stop() {
      failed = true;
      await worker?.terminate();
    },
  };
}

let shared: SumThread | undefined;

/** The process's one helper thread (the server's). */
export function sumThread(): SumThread {
  shared ??= createSumThread();
  return shared;
}
