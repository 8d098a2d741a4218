import { describe, expect, it } from 'vitest';
import { matchCompanions, matchContacts } from './engine.ts';
import { minParallelVisits, readyScanWorkers, startScanWorkers } from './parallel.ts';
import { mulberry32 } from './random.ts';
import type { CaseVisitColumns, VisitColumns } from './types.ts';

const sharedInt32 = (length: number) => new Int32Array(new SharedArrayBuffer(length * 4));
const sharedFloat64 = (length: number) => new Float64Array(new SharedArrayBuffer(length * 8));

/** A city-like log just above the parallel threshold, in shared memory, and a few cases visiting it. */
function world(): { cases: CaseVisitColumns; visits: VisitColumns } {
  const random = mulberry32(2020);
  const int = (n: number) => Math.floor(random() * n);
  const n = minParallelVisits + 12_345;
  const visits = {
    length: n,
    person: sharedInt32(n),
    place: sharedInt32(n),
    cell: sharedInt32(n),
    start: sharedFloat64(n),
    end: sharedFloat64(n),
  };
  for (let i = 0; i < n; i++) {
    const place = int(2000);
    const start = int(14 * 48) * 1800 + int(1800);
    visits.person[i] = int(50_000);
    visits.place[i] = place;
    visits.cell[i] = place >> 2;
    visits.start[i] = start;
    visits.end[i] = start + 60 + int(7200);
  }
  const m = 400;
  const cases = {
    length: m,
    caseId: Int32Array.from({ length: m }, (_, c) => c % 20),
    // Some case persons are in the log, so the same-person exclusion runs in every part.
    person: Int32Array.from({ length: m }, (_, c) => c % 20),
    place: Int32Array.from({ length: m }, () => int(2000)),
    cell: new Int32Array(m),
    start: new Float64Array(m),
    end: new Float64Array(m),
  };
  for (let c = 0; c < m; c++) {
    cases.cell[c] = (cases.place[c] ?? 0) >> 2;
    cases.start[c] = int(14 * 48) * 1800;
    cases.end[c] = (cases.start[c] ?? 0) + int(14_400);
  }
  return { cases, visits };
}

describe('the scan split over worker threads', { timeout: 120_000 }, () => {
  it('gives exactly the rows of the one-thread scan', async () => {
    await startScanWorkers(2);
    expect(readyScanWorkers()).toBe(1);
    const { cases, visits } = world();
    const serial = matchContacts(cases, visits, { threads: 1 });
    const parallel = matchContacts(cases, visits, { threads: 2 });
    expect(serial.length).toBeGreaterThan(1000);
    expect(parallel).toEqual(serial);
    const companions = matchCompanions(cases, visits, { threads: 2, minOverlap: 600 });
    expect(companions).toEqual(matchCompanions(cases, visits, { minOverlap: 600 }));
    expect(readyScanWorkers()).toBe(1);
  });

  it('scans on the calling thread when the columns are not shared', () => {
    const { cases, visits } = world();
    const copied = {
      ...visits,
      person: Int32Array.from(visits.person),
      place: Int32Array.from(visits.place),
    };
    expect(matchContacts(cases, copied, { threads: 2 })).toEqual(
      matchContacts(cases, visits, { threads: 2 }),
    );
  });
});
