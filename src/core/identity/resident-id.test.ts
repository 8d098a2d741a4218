import { describe, expect, it } from 'vitest';
import { checkCharacter, isRealDate, parseResidentId } from './resident-id.ts';

const today = '2026-11-28';

describe('parseResidentId', () => {
  it('accepts the examples of the standard', () => {
    expect(parseResidentId('11010519491231002X', today)).toEqual({
      ok: true,
      value: { number: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', upgraded: false },
    });
    expect(parseResidentId('440524188001010014', today)).toEqual({
      ok: true,
      value: { number: '440524188001010014', birthDate: '1880-01-01', sex: 'male', upgraded: false },
    });
  });

  it('rejects a wrong check character', () => {
    expect(parseResidentId('110105194912310021', today)).toEqual({ ok: false, problem: 'checksum' });
    expect(parseResidentId('440524188001010015', today)).toEqual({ ok: false, problem: 'checksum' });
  });

  it('every wrong check character of a valid number is refused, and only the right one passes', () => {
    const first17 = '14110219850314002';
    const right = checkCharacter(first17);
    for (const candidate of '0123456789X') {
      const result = parseResidentId(`${first17}${candidate}`, today);
      expect(result.ok).toBe(candidate === right);
    }
  });

  it('catches a single mistyped digit anywhere in the number', () => {
    const valid = `14110219850314002${checkCharacter('14110219850314002')}`;
    for (let i = 0; i < 17; i += 1) {
      const digit = Number(valid[i]);
      const changed = `${valid.slice(0, i)}${(digit + 1) % 10}${valid.slice(i + 1)}`;
      const result = parseResidentId(changed, today);
      expect(result.ok, changed).toBe(false);
    }
  });

  it('accepts a lowercase x and stores X; ignores spaces', () => {
    const result = parseResidentId(' 110105 19491231 002x ', today);
    expect(result.ok && result.value.number).toBe('11010519491231002X');
  });

  it('derives sex from the parity of the sequence digit', () => {
    const male = `14110219900101001${checkCharacter('14110219900101001')}`;
    const female = `14110219900101002${checkCharacter('14110219900101002')}`;
    expect(parseResidentId(male, today)).toMatchObject({ ok: true, value: { sex: 'male' } });
    expect(parseResidentId(female, today)).toMatchObject({ ok: true, value: { sex: 'female' } });
  });

  it('refuses impossible and future birth dates', () => {
    const feb30 = `14110219900230001`;
    expect(parseResidentId(`${feb30}${checkCharacter(feb30)}`, today)).toEqual({
      ok: false,
      problem: 'birth_date',
    });
    const month13 = `14110219901301001`;
    expect(parseResidentId(`${month13}${checkCharacter(month13)}`, today)).toEqual({
      ok: false,
      problem: 'birth_date',
    });
    const future = `14110220261129001`;
    expect(parseResidentId(`${future}${checkCharacter(future)}`, today)).toEqual({
      ok: false,
      problem: 'future_birth_date',
    });
    const born = `14110220261128001`;
    expect(parseResidentId(`${born}${checkCharacter(born)}`, today).ok).toBe(true);
    const leap = `14110220000229001`;
    expect(parseResidentId(`${leap}${checkCharacter(leap)}`, today).ok).toBe(true);
    const notLeap = `14110219000229001`;
    expect(parseResidentId(`${notLeap}${checkCharacter(notLeap)}`, today).ok).toBe(false);
  });

  it('upgrades a 15-digit legacy number by inserting 19 and computing the check', () => {
    const result = parseResidentId('141102850314002', today);
    expect(result).toEqual({
      ok: true,
      value: {
        number: `14110219850314002${checkCharacter('14110219850314002')}`,
        birthDate: '1985-03-14',
        sex: 'female',
        upgraded: true,
      },
    });
    expect(parseResidentId('141102850230002', today)).toEqual({ ok: false, problem: 'birth_date' });
  });

  it('refuses wrong shapes', () => {
    for (const input of [
      '',
      '1234',
      '11010519491231002Y',
      '1101051949123100211',
      'X1010519491231002',
      '14110285031400X',
    ]) {
      expect(parseResidentId(input, today)).toEqual({ ok: false, problem: 'format' });
    }
  });
});

describe('isRealDate', () => {
  it('knows the calendar', () => {
    expect(isRealDate('2020-01-25')).toBe(true);
    expect(isRealDate('2020-02-29')).toBe(true);
    expect(isRealDate('2021-02-29')).toBe(false);
    expect(isRealDate('2020-04-31')).toBe(false);
    expect(isRealDate('2020-1-5')).toBe(false);
  });
});
