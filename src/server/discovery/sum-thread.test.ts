import { afterAll, describe, expect, it } from 'vitest';
import { matchContacts } from '../../core/colocation/engine.ts';
import { mulberry32 } from '../../core/colocation/random.ts';
import type { SharedSum } from '../../core/colocation/shared-sum.ts';
import type { CaseVisitColumns, MatchRows } from '../../core/colocation/types.ts';
import { createSumThread } from './sum-thread.ts';

/** A log of 200k visits at 60 places over a day, and 300 case visits: some 100k pairs to sum. */
function world(): { cases: CaseVisitColumns; visits: CaseVisitColumns } {
  const random = mulberry32(99);
  const make = (length: number, persons: number, longest: number): CaseVisitColumns => {
    const start = Float64Array.from({ length }, () => Math.floor(random() * 86_400));
    return {
      length,
      person: Int32Array.from({ length }, () => Math.floor(random() * persons)),
      caseId: Int32Array.from({ length }, (_, i) => i % 7),
      place: Int32Array.from({ length }, () => Math.floor(random() * 60)),
      start,
      end: start.map((s) => s + Math.floor(random() * longest)),
    };
  };
  return { cases: make(300, 50, 7200), visits: make(200_000, 400_000, 3600) };
}

/** The same rows, compared as bytes (a deep comparison of 50k-row columns takes seconds). */
function same(a: MatchRows, b: MatchRows): boolean {
  const bytes = (array: Int32Array | Float64Array) =>
    Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return (
    a.length === b.length &&
    (['person', 'caseId', 'location', 'overlap'] as const).every((column) =>
      bytes(a[column]).equals(bytes(b[column])),
    )
  );
}

describe('the helper thread of the sum', () => {
  const thread = createSumThread(0);
  afterAll(() => thread.stop());

  it('joins the engine’s sums once it is up, and the rows are those of one thread', async () => {
    const { cases, visits } = world();
    const alone = matchContacts(cases, visits);
    expect(alone.length).toBeGreaterThan(50_000);
    const offered: SharedSum[] = [];
    const helper = { minPairs: 0, offer: (task: SharedSum) => (offered.push(task), thread.offer(task)) };
    const joined = () => offered.some((task) => task.claims.some((claim) => claim === 2));
    const deadline = Date.now() + 20_000;
    while (!joined() && Date.now() < deadline) {
      const rows = matchContacts(cases, visits, { helper });
      expect(same(rows, alone)).toBe(true);
      // Lets the thread's start-up messages through between calls.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(joined(), `the thread joined none of ${offered.length} sums`).toBe(true);
    for (let call = 0; call < 5; call++) {
      expect(same(matchContacts(cases, visits, { helper }), alone)).toBe(true);
    }
  });

  it('leaves the engine to sum alone once stopped', async () => {
    const { cases, visits } = world();
    await thread.stop();
    expect(same(matchContacts(cases, visits, { helper: thread }), matchContacts(cases, visits))).toBe(true);
  });
});
