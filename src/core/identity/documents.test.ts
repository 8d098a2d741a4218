import { describe, expect, it } from 'vitest';
import { parseDocument } from './documents.ts';

const today = '2026-11-28';

describe('parseDocument', () => {
  it('validates resident IDs with the GB 11643 rules and derives sex and birth date', () => {
    expect(parseDocument('resident_id', '11010519491231002x', today)).toEqual({
      ok: true,
      value: { number: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' },
    });
    expect(parseDocument('resident_id', '110105194912310021', today)).toEqual({
      ok: false,
      problem: 'checksum',
    });
  });

  it('validates residence permits like resident IDs but has no 15-digit form for them', () => {
    expect(parseDocument('residence_permit', '11010519491231002X', today).ok).toBe(true);
    expect(parseDocument('residence_permit', '141102850314002', today)).toEqual({
      ok: false,
      problem: 'format',
    });
  });

  it('stores other documents upper case without spaces', () => {
    expect(parseDocument('passport', 'e 1234 5678', today)).toEqual({
      ok: true,
      value: { number: 'E12345678', birthDate: null, sex: null },
    });
    expect(parseDocument('hk_macao_permit', 'H12345678', today).ok).toBe(true);
    expect(parseDocument('passport', 'E1', today)).toEqual({ ok: false, problem: 'format' });
    expect(parseDocument('passport', 'E123-45678', today)).toEqual({ ok: false, problem: 'format' });
    expect(parseDocument('other', '军官证-123', today).ok).toBe(true);
    expect(parseDocument('other', '', today).ok).toBe(false);
  });
});
