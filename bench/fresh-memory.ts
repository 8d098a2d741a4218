// What fresh memory costs on this machine (docs/decisions/017-fresh-memory.md): the first write to each
// page of a new buffer against a second write to the same pages, on one thread and on two at once.
// Run it twice to compare: `node --import tsx bench/fresh-memory.ts` and the same with
// `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` (huge pages for glibc's malloc, which allocates the buffers).
import { Worker } from 'node:worker_threads';
import { median } from './timing.ts';

const megabytes = 64;
const runs = 5;

/** Writes one word per 4 KiB page; returns the ms taken. */
function touch(buffer: ArrayBufferLike): number {
  const words = new Int32Array(buffer);
  const started = performance.now();
  for (let i = 0; i < words.length; i += 1024) {
    words[i] = 1;
  }
  return performance.now() - started;
}

/** The same write on another thread (plain JavaScript: a worker does not load TypeScript). */
const touchOnWorker = `
  const { parentPort, workerData } = require('node:worker_threads');
  const words = new Int32Array(workerData);
  for (let i = 0; i < words.length; i += 1024) words[i] = 1;
  parentPort.postMessage('done');
`;

{
  const bytes = megabytes << 20;
  const first: number[] = [];
  const second: number[] = [];
  const pairs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const buffer = new ArrayBuffer(bytes);
    first.push(touch(buffer));
    second.push(touch(buffer));
    // Two threads each writing a fresh buffer of the same size at the same time.
    const worker = new Worker(touchOnWorker, { eval: true, workerData: new SharedArrayBuffer(bytes) });
    await new Promise((resolve) => worker.once('online', resolve));
    const started = performance.now();
    const own = new SharedArrayBuffer(bytes);
    const helped = new Promise((resolve) => worker.once('message', resolve));
    touch(own);
    await helped;
    pairs.push(performance.now() - started);
    await worker.terminate();
  }
  const row = (what: string, ms: number, mb: number) =>
    `| ${what} | ${mb} | ${ms.toFixed(1)} | ${(ms / mb).toFixed(2)} |`;
  console.log(
    `GLIBC_TUNABLES=${process.env.GLIBC_TUNABLES ?? ''}; medians of ${runs} runs\n\n` +
      '| write | MB | ms | ms per MB |\n|---|---:|---:|---:|\n' +
      [
        row('first write to a fresh buffer, one thread', median(first), megabytes),
        row('second write to the same buffer', median(second), megabytes),
        row('first writes on two threads at once (wall)', median(pairs), 2 * megabytes),
      ].join('\n'),
  );
}
