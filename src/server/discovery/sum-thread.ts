import { Worker } from 'node:worker_threads';
import type { SharedSum, SumHelper } from '../../core/colocation/shared-sum.ts';

/** Fewer pairs than this are summed faster on one thread than handed over (see bench/README.md). */
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
export function startSumThread(minPairs = defaultMinPairs): SumThread {
  let worker: Worker | undefined;
  let failed = false;
  const start = () => {
    const started = new Worker(
      `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerEntry.href)}); });`,
      { eval: true },
    );
    started.unref();
    started.on('error', () => {
      failed = true;
    });
    return started;
  };
  return {
    minPairs,
    start() {
      if (!failed) {
        worker ??= start();
      }
    },
    offer(task: SharedSum) {
      if (!failed) {
        worker ??= start();
        worker.postMessage(task);
      }
    },
    async stop() {
      failed = true;
      await worker?.terminate();
    },
  };
}

let shared: SumThread | undefined;

/** The process's one helper thread (the server's). */
export function sumThread(): SumThread {
  shared ??= startSumThread();
  return shared;
}
