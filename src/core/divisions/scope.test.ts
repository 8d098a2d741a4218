import { describe, expect, it } from 'vitest';
import { codesHolding, isWithin, scopeOf } from './scope.ts';

/** Codes of every level along two branches, in both their 6- and 12-digit forms where they have one. */
const codes = [
  '000000',
  '140000',
  '140000000000',
  '141100',
  '141100000000',
  '141102',
  '141102000000',
  '141102006000',
  '141102006001',
  '141102007000',
  '141181',
  '141181000000',
  '141181100000',
  '141181100200',
  '150000',
  '150100',
  '150102',
  '150102001000',
];

describe('codesHolding', () => {
  it('lists exactly the codes whose scope is a prefix of the given scope', () => {
    for (const user of codes) {
      const scope = scopeOf(user);
      const holding = new Set(codesHolding(scope));
      for (const code of codes) {
        expect(holding.has(code), `${code} holds ${user}`).toBe(scope.startsWith(scopeOf(code)));
      }
    }
  });

  it('with the prefix test, selects what is above or below the user and nothing beside', () => {
    const scope = scopeOf('141102006000');
    const related = codes.filter((code) => codesHolding(scope).includes(code) || isWithin(scope, code));
    expect(related).toEqual([
      '000000',
      '140000',
      '140000000000',
      '141100',
      '141100000000',
      '141102',
      '141102000000',
      '141102006000',
      '141102006001',
    ]);
  });
});
