import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone.ts';

describe('normalizePhone', () => {
  it('normalises mobiles written in the usual ways', () => {
    for (const input of [
      '13812345678',
      '138 1234 5678',
      '138-1234-5678',
      '+8613812345678',
      '+86 138 1234 5678',
      '008613812345678',
    ]) {
      expect(normalizePhone(input), input).toEqual({ value: '13812345678', kind: 'mobile' });
    }
  });

  it('refuses mobiles with a wrong prefix or length', () => {
    for (const input of [
      '12812345678',
      '1381234567',
      '138123456789',
      '23812345678',
      '1381234567a',
      '+8612812345678',
    ]) {
      expect(normalizePhone(input), input).toBeNull();
    }
  });

  it('normalises fixed lines to area code and number', () => {
    expect(normalizePhone('0358-8221234')).toEqual({ value: '0358-8221234', kind: 'fixed' });
    expect(normalizePhone('(0358) 822 1234')).toEqual({ value: '0358-8221234', kind: 'fixed' });
    expect(normalizePhone('010-12345678')).toEqual({ value: '010-12345678', kind: 'fixed' });
    expect(normalizePhone('02187654321')).toEqual({ value: '021-87654321', kind: 'fixed' });
    expect(normalizePhone('+86 358 8221234')).toEqual({ value: '0358-8221234', kind: 'fixed' });
  });

  it('refuses fixed lines without an area code or with a wrong local length', () => {
    for (const input of ['8221234', '0358-822123', '0358-822123456', '0358-0221234', '', 'call me']) {
      expect(normalizePhone(input), input).toBeNull();
    }
  });
});
