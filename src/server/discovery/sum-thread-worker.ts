// The thread of sum-thread.ts: joins every task the engine offers it (see shared-sum.ts).
import { parentPort } from 'node:worker_threads';
import { helpSum, type SharedSum } from '../../core/colocation/shared-sum.ts';

parentPort?.on('message', (task: SharedSum) => helpSum(task));
