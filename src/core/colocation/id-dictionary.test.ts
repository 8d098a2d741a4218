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

describe('a direct dictionary', () => {
  const large = 2 ** 40;

  it('keeps integer ids below 2²² as their own ids and numbers the others from 2²²', () => {
    const dictionary = IdDictionary.direct();
    expect([
      dictionary.text('70'),
      dictionary.integer(3),
      dictionary.text('"x"'),
      dictionary.integer(large),
    ]).toEqual([70, 3, 2 ** 22, 2 ** 22 + 1]);
    expect(dictionary.text('070')).toBe(2 ** 22 + 2);
    expect([70, 3, 2 ** 22, 2 ** 22 + 1, 2 ** 22 + 2].map((id) => dictionary.external(id))).toEqual([
      70,
      3,
      '"x"',
      large,
      '070',
    ]);
    expect(dictionary.size).toBe(2 ** 22 + 3);
  });

  it('is in external order already when it met only small integers', () => {
    const dictionary = IdDictionary.direct();
    dictionary.integer(9);
    dictionary.text('1');
    expect(dictionary.inOrder()).toBeUndefined();
    expect(dictionary.size).toBe(10);
  });

  it('puts the other ids, sorted, right after the largest direct id', () => {
    const dictionary = IdDictionary.direct();
    for (const id of ['b', '12', String(large), 'a', '5']) {
      dictionary.text(id);
    }
    const ordered = dictionary.inOrder();
    expect(ordered?.translation.from).toBe(2 ** 22);
    // b, 2⁴⁰ and a were numbered 2²², 2²² + 1, 2²² + 2; in order they are 2⁴⁰, a, b after 12.
    expect(Array.from(ordered?.translation.to ?? [])).toEqual([15, 13, 14]);
    const next = ordered?.dictionary;
    expect([5, 12, 13, 14, 15].map((id) => next?.label(id))).toEqual(['5', '12', String(large), 'a', 'b']);
    expect(next?.size).toBe(16);
    expect(next?.text('b')).toBe(15);
  });

  it('merges another direct dictionary: its direct ids stay, its others are translated', () => {
    const mine = IdDictionary.direct();
    mine.text('q');
    mine.integer(4);
    const theirs = IdDictionary.direct();
    theirs.integer(40);
    theirs.text('r');
    theirs.text('q');
    const translation = mine.translate(theirs.entries());
    expect(translation.from).toBe(2 ** 22);
    expect(Array.from(translation.to)).toEqual([2 ** 22 + 1, 2 ** 22]);
    expect(mine.size).toBe(2 ** 22 + 2);
    expect(mine.inOrder()?.dictionary.size).toBe(43);
    expect(() => new IdDictionary().translate(theirs.entries())).toThrow(RangeError);
  });
});
