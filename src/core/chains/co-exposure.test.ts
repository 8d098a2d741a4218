import { describe, expect, it } from 'vitest';
import { coExposures } from './co-exposure.ts';

const at = (h: number) => new Date(Date.UTC(2020, 0, 25, h)).toISOString();

describe('coExposures', () => {
  it('pairs cases whose windows at one place overlap, once per pair', () => {
    const pairs = coExposures([
      { caseId: 1, placeId: 10, startAt: at(8), endAt: at(10) },
      { caseId: 2, placeId: 10, startAt: at(9), endAt: at(11) },
      { caseId: 3, placeId: 10, startAt: at(12), endAt: at(13) },
      { caseId: 1, placeId: 11, startAt: at(14), endAt: at(15) },
      { caseId: 2, placeId: 11, startAt: at(14), endAt: at(15) },
    ]);
    expect(pairs).toEqual([{ a: 1, b: 2, placeId: 10 }]);
  });

  it('ignores a case meeting itself and touching windows count as overlapping', () => {
    const pairs = coExposures([
      { caseId: 1, placeId: 10, startAt: at(8), endAt: at(10) },
      { caseId: 1, placeId: 10, startAt: at(9), endAt: at(11) },
      { caseId: 4, placeId: 10, startAt: at(11), endAt: at(12) },
    ]);
    expect(pairs).toEqual([{ a: 1, b: 4, placeId: 10 }]);
  });
});
