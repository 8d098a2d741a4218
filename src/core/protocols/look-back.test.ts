import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from './errors.ts';
import { lookBackStart } from './look-back.ts';
import { presets } from './presets.ts';

describe('look-back start', () => {
  it('editions 1–4: the day of onset', () => {
    expect(
      lookBackStart(presets['covid-ed2'], { classification: 'confirmed', onsetDate: '2020-01-23' }),
    ).toEqual({
      determined: true,
      start: '2020-01-23',
      anchor: 'onset',
      anchorDate: '2020-01-23',
      daysBefore: 0,
      certainty: 'verified',
    });
  });

  it('editions 5–8: two days before onset, or before the first positive sampling for asymptomatic infections', () => {
    for (const id of ['covid-ed5', 'covid-ed7', 'covid-ed8'] as const) {
      expect(
        lookBackStart(presets[id], { classification: 'suspected', onsetDate: '2021-03-01' }),
      ).toMatchObject({ start: '2021-02-27', anchor: 'onset', certainty: 'verified' });
      expect(
        lookBackStart(presets[id], {
          classification: 'asymptomatic',
          onsetDate: null,
          firstPositiveSampleDate: '2021-06-01',
        }),
      ).toMatchObject({ start: '2021-05-30', anchor: 'first_positive_sample', daysBefore: 2 });
    }
  });

  it('2022: four days by default, two as the alternative setting, both marked disputed', () => {
    for (const id of ['covid-ed9', 'covid-2022-11', 'covid-2022-12'] as const) {
      const input = { classification: 'confirmed', onsetDate: '2022-07-10' } as const;
      expect(lookBackStart(presets[id], input)).toMatchObject({ start: '2022-07-06', certainty: 'disputed' });
      expect(lookBackStart(presets[id], input, { daysBefore: 2 })).toMatchObject({
        start: '2022-07-08',
        daysBefore: 2,
      });
    }
  });

  it('edition 10 determines no window', () => {
    expect(
      lookBackStart(presets['covid-ed10'], { classification: 'confirmed', onsetDate: '2023-02-01' }),
    ).toEqual({
      determined: false,
    });
  });

  it('refuses a missing anchor date or a setting the preset does not offer, by field', () => {
    const error = (f: () => unknown): string => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return e instanceof ProtocolInputError ? `${e.field}:${e.code}` : 'other';
      }
    };
    expect(error(() => lookBackStart(presets['covid-ed8'], { classification: 'confirmed' }))).toBe(
      'onsetDate:required',
    );
    expect(
      error(() =>
        lookBackStart(presets['covid-ed8'], { classification: 'asymptomatic', onsetDate: '2021-06-01' }),
      ),
    ).toBe('firstPositiveSampleDate:required');
    expect(
      error(() =>
        lookBackStart(
          presets['covid-ed8'],
          { classification: 'confirmed', onsetDate: '2021-06-01' },
          { daysBefore: 4 },
        ),
      ),
    ).toBe('daysBefore:invalid_value');
    expect(
      error(() =>
        lookBackStart(presets['covid-ed8'], { classification: 'confirmed', onsetDate: '2021-06-31' }),
      ),
    ).toBe('onsetDate:iso_date');
  });
});
