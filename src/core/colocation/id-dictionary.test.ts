import { describe, expect, it } from 'vitest';
import { compareExternalIds, IdDictionary } from './id-dictionary.ts';

describe('the order of external ids', () => {
  it('is the order ranks() gives: integers numerically, large ones too, then text by code unit', () => {
    const ids = ['10', 'b', '9', '0', '09', 'B', String(2 ** 40), 'P,"Q"', '100', 'a-1', '1'];
    const dictionary = new IdDictionary();
    for (const id of ids) {
      dictionary.text(id);
    }
    const rank = dictionary.ranks();
    const byRank = ids.toSorted((a, b) => (rank[dictionary.text(a)] ?? 0) - (rank[dictionary.text(b)] ?? 0));
    expect(ids.toSorted(compareExternalIds)).toEqual(byRank);
    expect(byRank).toEqual(['0', '1', '9', '10', '100', String(2 ** 40), '09', 'B', 'P,"Q"', 'a-1', 'b']);
  });
});
