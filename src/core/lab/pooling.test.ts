import { describe, expect, it } from 'vitest';
import { codeOf, luhnDigit, parseCode, poolCode, sampleCode } from './codes.ts';
import { poolConsequence, poolProblem } from './pooling.ts';

describe('pooling', () => {
  it('accepts up to N distinct samples', () => {
    expect(poolProblem([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 10)).toBeNull();
  });
  it('refuses N + 1, naming the field', () => {
    expect(poolProblem([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 10)).toEqual({
      field: 'sampleIds',
      code: 'pool_too_large',
      params: { max: 10, count: 11 },
    });
    expect(poolProblem([1, 2, 3], 2)?.code).toBe('pool_too_large');
  });
  it('refuses an empty pool and a sample twice', () => {
    expect(poolProblem([], 10)?.code).toBe('pool_empty');
    expect(poolProblem([4, 5, 4], 10)).toEqual({
      field: 'sampleIds.2',
      code: 'pool_duplicate',
      params: { id: 4 },
    });
  });
  it('a positive pool retests every member; a negative one clears them', () => {
    expect(poolConsequence('positive', [1, 2, 3])).toEqual({ kind: 'retest', members: [1, 2, 3] });
    expect(poolConsequence('negative', [1, 2])).toEqual({ kind: 'clear', members: [1, 2] });
    expect(poolConsequence('inconclusive', [1])).toEqual({ kind: 'none', members: [1] });
  });
});

describe('codes', () => {
  it('round-trips sample and pool codes', () => {
    expect(sampleCode(42)).toBe(`S00000042${luhnDigit('00000042')}`);
    expect(parseCode(sampleCode(42))).toEqual({ kind: 'sample', id: 42 });
    expect(parseCode(poolCode(7))).toEqual({ kind: 'pool', id: 7 });
    expect(parseCode(` ${sampleCode(123456).toLowerCase()} `)).toEqual({ kind: 'sample', id: 123456 });
    expect(parseCode(codeOf('sample', 123456789))).toEqual({ kind: 'sample', id: 123456789 });
  });
  it('refuses a code with a wrong check digit or shape', () => {
    const code = sampleCode(42);
    const wrong = `${code.slice(0, -1)}${(Number(code.slice(-1)) + 1) % 10}`;
    expect(parseCode(wrong)).toBeNull();
    // A swap of two neighbouring digits is caught too.
    expect(parseCode('S000000241')).not.toEqual(parseCode(sampleCode(42)));
    expect(parseCode('X000000420')).toBeNull();
    expect(parseCode('S42')).toBeNull();
    expect(parseCode(codeOf('sample', 0))).toBeNull();
  });
  it('computes the Luhn digit', () => {
    expect(luhnDigit('7992739871')).toBe(3);
  });
});
