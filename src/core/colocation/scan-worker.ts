// A scan worker (see parallel.ts): rebuilds the case index of each task and scans its share of the visits.
import { parentPort, workerData } from 'node:worker_threads';
import { buildCaseIndex } from './case-index.ts';
import type { ScanResult, ScanTask, WorkerInit } from './parallel.ts';
import { scan } from './scan.ts';

const init: WorkerInit = workerData;

function run(task: ScanTask): { result: ScanResult; transfer: ArrayBuffer[] } {
  try {
    const { cases, byCell, visits } = task;
    const caseLocations = byCell ? cases.cell : cases.place;
    const locations = byCell ? visits.cell : visits.place;
    if (!caseLocations || !locations) {
      throw new TypeError('the scan needs the location column of the visits and of the case visits');
    }
    const index = buildCaseIndex(cases, caseLocations, task.tolerance, task.window);
    const log = scan(index, visits, locations, task.from, task.to);
    const { person, group, overlap, length } = log;
    const transfer = [person.buffer, group.buffer, overlap.buffer].filter(
      (buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer,
    );
    return { result: { call: task.call, person, group, overlap, length }, transfer };
  } catch (error) {
    return { result: { call: task.call, error: String(error) }, transfer: [] };
  }
}

init.port.on('message', (task: ScanTask) => {
  const { result, transfer } = run(task);
  init.port.postMessage(result, transfer);
  // Posted before the flag is raised, so the waiting thread finds the result on its port.
  Atomics.store(task.done, 0, 1);
  Atomics.notify(task.done, 0);
});
Atomics.store(init.ready, 0, 1);
parentPort?.postMessage('ready');
