import { describe, expect, it } from 'vitest';
import { checkClassificationChange, hasTwoNegativeNats, type Evidence } from './classification.ts';

const nat = (at: string, result: 'positive' | 'negative'): Evidence => ({ kind: 'nat', at, result });

describe('classification changes', () => {
  const base = { evidence: [], onsetDate: null, antibodyExclusion: false } as const;

  it('suspected may become confirmed, asymptomatic or excluded; confirmed is final', () => {
    expect(checkClassificationChange({ ...base, from: 'suspected', to: 'confirmed' })).toBeNull();
    expect(checkClassificationChange({ ...base, from: 'suspected', to: 'asymptomatic' })).toBeNull();
    expect(checkClassificationChange({ ...base, from: 'asymptomatic', to: 'confirmed' })).toBeNull();
    expect(checkClassificationChange({ ...base, from: 'confirmed', to: 'suspected' })).toBe(
      'transition_not_allowed',
    );
    expect(checkClassificationChange({ ...base, from: 'confirmed', to: 'excluded' })).toBe(
      'transition_not_allowed',
    );
    expect(checkClassificationChange({ ...base, from: 'suspected', to: 'suspected' })).toBe(
      'same_classification',
    );
  });

  it('an exclusion needs two negative NATs at least 24 h apart', () => {
    const change = { ...base, from: 'suspected', to: 'excluded' } as const;
    expect(checkClassificationChange(change)).toBe('exclusion_evidence');
    expect(
      checkClassificationChange({
        ...change,
        evidence: [nat('2020-01-26T08:00:00Z', 'negative'), nat('2020-01-27T07:59:00Z', 'negative')],
      }),
    ).toBe('exclusion_evidence');
    expect(
      checkClassificationChange({
        ...change,
        evidence: [nat('2020-01-27T08:00:00Z', 'negative'), nat('2020-01-26T08:00:00Z', 'negative')],
      }),
    ).toBeNull();
  });

  it('a positive between two negatives breaks the run', () => {
    expect(
      hasTwoNegativeNats([
        nat('2020-01-26T08:00:00Z', 'negative'),
        nat('2020-01-26T20:00:00Z', 'positive'),
        nat('2020-01-27T09:00:00Z', 'negative'),
      ]),
    ).toBe(false);
    expect(
      hasTwoNegativeNats([
        nat('2020-01-26T08:00:00Z', 'negative'),
        nat('2020-01-26T20:00:00Z', 'positive'),
        nat('2020-01-27T09:00:00Z', 'negative'),
        nat('2020-01-28T09:00:00Z', 'negative'),
      ]),
    ).toBe(true);
  });

  it('antibodies 7 days after onset exclude only where the edition allows it', () => {
    const evidence: Evidence[] = [
      { kind: 'antibody', at: '2020-10-09T02:00:00Z', igm: 'negative', igg: 'negative' },
    ];
    const change = { from: 'suspected', to: 'excluded', evidence, onsetDate: '2020-10-01' } as const;
    expect(checkClassificationChange({ ...change, antibodyExclusion: true })).toBeNull();
    expect(checkClassificationChange({ ...change, antibodyExclusion: false })).toBe('exclusion_evidence');
    expect(checkClassificationChange({ ...change, onsetDate: '2020-10-05', antibodyExclusion: true })).toBe(
      'exclusion_evidence',
    );
  });
});
