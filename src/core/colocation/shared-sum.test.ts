import { describe, expect, it } from 'vitest';
import { matchCompanions, matchContacts } from './engine.ts';
import { mulberry32 } from './random.ts';
import { referenceMatch, toRows } from './reference.ts';
import { helpSum, type SharedSum, type SumHelper } from './shared-sum.ts';
import { randomWorld } from './test-worlds.ts';
import type { VisitColumns } from './types.ts';

/**
 * Gives each person (the worlds have at most 12) a bucket of its own, counted down from the last of 16:
 * the pairs fall into many chunks, and the last ones, which a helper takes first, are never empty.
 */
function spread<T extends VisitColumns>(columns: T): T {
  return { ...columns, person: columns.person.map((p) => 2 ** 15 - 1 - p * 2 ** 11) };
}

/** Joins no task (a thread still starting): the engine sums every chunk itself. */
const idle: SumHelper = { minPairs: 0, offer: () => undefined };

/** Joins every task at once and takes every chunk before the engine takes any. */
const eager: SumHelper = { minPairs: 0, offer: (task) => helpSum(task) };

/**
 * Sums two chunks from the end, then fails on the third after claiming it, as a thread that throws does:
 * the engine must sum that chunk itself.
 */
const failing: SumHelper = {
  minPairs: 0,
  offer(task: SharedSum) {
    let chunks = 0;
    const breaking = {
      ...task,
      get rows() {
        chunks++;
        if (chunks > 2) {
          throw new Error('the helper failed');
        }
        return task.rows;
      },
    };
    expect(() => helpSum(breaking)).toThrow('the helper failed');
  },
};

/**
 * Gets every offer one task late, as a thread busy with something else would: the old task has ended,
 * and its arrays are those the engine keeps for the current one, so the helper must not join it.
 */
let previous: SharedSum | undefined;
const late: SumHelper = {
  minPairs: 0,
  offer(task: SharedSum) {
    if (previous) {
      helpSum(previous);
    }
    previous = task;
  },
};

describe('the sum shared with a helper thread', { timeout: 60_000 }, () => {
  it.each([
    ['a helper that never joins', idle],
    ['a helper that takes every chunk first', eager],
    ['a helper that fails on its third chunk', failing],
    ['a helper that gets every offer one task late', late],
  ])('gives the reference rows with %s', (_name, helper) => {
    const random = mulberry32(2022);
    for (let iteration = 0; iteration < 600; iteration++) {
      const world = randomWorld(random, 30);
      const cases = spread(world.cases);
      const visits = spread(world.visits);
      const tolerance = [0, 900][iteration % 2] ?? 0;
      expect(toRows(matchContacts(cases, visits, { tolerance, helper })), `contacts ${iteration}`).toEqual(
        referenceMatch(cases, visits, 'contacts', { tolerance }),
      );
      expect(
        toRows(matchCompanions(cases, visits, { minOverlap: 600, helper })),
        `companions ${iteration}`,
      ).toEqual(referenceMatch(cases, visits, 'companions', { minOverlap: 600 }));
    }
  });

  it('is not offered below the helper’s minimum of pairs', () => {
    const offered: SharedSum[] = [];
    const counting: SumHelper = { minPairs: 1_000_000, offer: (task) => offered.push(task) };
    const { cases, visits } = randomWorld(mulberry32(5), 30);
    matchContacts(spread(cases), spread(visits), { helper: counting });
    expect(offered).toHaveLength(0);
  });
});
