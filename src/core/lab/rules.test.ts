import { describe, expect, it } from 'vitest';
import { labCriteria } from './criteria.ts';
import {
  contactPositiveSuggestion,
  dischargeNegative,
  dischargeSuggestion,
  exclusionSuggestion,
  mayRaiseSuggestion,
  natOutcome,
  repositiveAlert,
  type TargetResult,
  type TestedSample,
} from './rules.ts';

let nextId = 1;
function nat(
  at: string,
  orf: 'positive' | 'negative',
  n = orf,
  ct: [number | null, number | null] = [null, null],
): TestedSample {
  const results: TargetResult[] = [
    { id: nextId++, target: 'ORF1ab', ct: ct[0], result: orf },
    { id: nextId++, target: 'N', ct: ct[1], result: n },
  ];
  return { sampleId: nextId++, collectedAt: at, results };
}
function serology(at: string, igm: 'positive' | 'negative', igg: 'positive' | 'negative'): TestedSample {
  return {
    sampleId: nextId++,
    collectedAt: at,
    results: [
      { id: nextId++, target: 'IgM', ct: null, result: igm },
      { id: nextId++, target: 'IgG', ct: null, result: igg },
    ],
  };
}
const ids = (s: TestedSample) => s.results.map((r) => r.id);
const ed2 = labCriteria['covid-ed2'];
const ed7 = labCriteria['covid-ed7'];
const ed9 = labCriteria['covid-ed9'];

describe('natOutcome', () => {
  it('positive when any target is positive, negative when all are, else inconclusive', () => {
    expect(natOutcome(nat('2020-01-01T00:00:00.000Z', 'negative', 'positive'))).toBe('positive');
    expect(natOutcome(nat('2020-01-01T00:00:00.000Z', 'negative'))).toBe('negative');
    const odd: TestedSample = {
      sampleId: 1,
      collectedAt: '2020-01-01T00:00:00.000Z',
      results: [
        { id: 1, target: 'ORF1ab', ct: null, result: 'inconclusive' },
        { id: 2, target: 'N', ct: null, result: 'negative' },
      ],
    };
    expect(natOutcome(odd)).toBe('inconclusive');
    expect(natOutcome(serology('2020-01-01T00:00:00.000Z', 'negative', 'negative'))).toBeNull();
  });
});

describe('positive contact', () => {
  it('suggests conversion resting on the positive targets', () => {
    const neg = nat('2020-01-26T01:00:00.000Z', 'negative');
    const pos = nat('2020-01-27T01:00:00.000Z', 'positive', 'negative');
    const s = contactPositiveSuggestion([neg, pos]);
    expect(s).toEqual({ kind: 'convert', restsOn: [pos.results[0]?.id], reason: 'contact_positive_nat' });
    expect(contactPositiveSuggestion([neg])).toBeNull();
  });
});

describe('exclusion of a suspected case', () => {
  const a = nat('2020-01-30T00:00:00.000Z', 'negative');
  const b = nat('2020-01-31T01:00:00.000Z', 'negative');
  it('two negatives 25 h apart under edition 2', () => {
    expect(exclusionSuggestion(ed2.exclusion, 'suspected', [b, a], '2020-01-28')).toEqual({
      kind: 'exclude',
      restsOn: [...ids(a), ...ids(b)],
      reason: 'two_negative_nat',
    });
  });
  it('not when less than 24 h apart', () => {
    const c = nat('2020-01-30T23:59:00.000Z', 'negative');
    expect(exclusionSuggestion(ed2.exclusion, 'suspected', [a, c], null)).toBeNull();
  });
  it('exactly 24 h is enough', () => {
    const c = nat('2020-01-31T00:00:00.000Z', 'negative');
    expect(exclusionSuggestion(ed2.exclusion, 'suspected', [a, c], null)?.kind).toBe('exclude');
  });
  it('not when a positive came after the first negative', () => {
    const p = nat('2020-01-30T12:00:00.000Z', 'positive');
    expect(exclusionSuggestion(ed2.exclusion, 'suspected', [a, p, b], null)).toBeNull();
  });
  it('not for a case that is not suspected', () => {
    expect(exclusionSuggestion(ed2.exclusion, 'confirmed', [a, b], null)).toBeNull();
  });
  it('from 诊疗 ed.7 antibodies 7 days after onset are also needed', () => {
    expect(exclusionSuggestion(ed7.exclusion, 'suspected', [a, b], '2020-01-25')).toBeNull();
    const early = serology('2020-01-30T00:00:00.000Z', 'negative', 'negative');
    expect(exclusionSuggestion(ed7.exclusion, 'suspected', [a, b, early], '2020-01-25')).toBeNull();
    const late = serology('2020-02-01T00:00:00.000Z', 'negative', 'negative');
    expect(exclusionSuggestion(ed7.exclusion, 'suspected', [a, b, late], '2020-01-25')).toEqual({
      kind: 'exclude',
      restsOn: [...ids(a), ...ids(b), ...ids(late)],
      reason: 'two_negative_nat_and_antibodies',
    });
    const igg = serology('2020-02-01T00:00:00.000Z', 'negative', 'positive');
    expect(exclusionSuggestion(ed7.exclusion, 'suspected', [a, b, igg], '2020-01-25')).toBeNull();
  });
});

describe('discharge', () => {
  const inHospital = { classification: 'confirmed', status: 'in_hospital' };
  it('two negatives ≥ 24 h apart', () => {
    const a = nat('2020-02-08T00:00:00.000Z', 'negative');
    const b = nat('2020-02-09T02:00:00.000Z', 'negative');
    expect(dischargeSuggestion(ed2.discharge, inHospital, [a, b])).toEqual({
      kind: 'discharge',
      restsOn: [...ids(a), ...ids(b)],
      reason: 'two_negative_nat',
    });
    expect(dischargeSuggestion(ed2.discharge, { ...inHospital, status: 'discharged' }, [a, b])).toBeNull();
    expect(
      dischargeSuggestion(ed2.discharge, { ...inHospital, classification: 'suspected' }, [a, b]),
    ).toBeNull();
  });
  it('covid-ed9: Ct ≥ 35 on both targets counts as negative', () => {
    const a = nat('2022-07-01T00:00:00.000Z', 'positive', 'positive', [36, 35]);
    const b = nat('2022-07-02T01:00:00.000Z', 'positive', 'positive', [37.5, 38]);
    expect(dischargeNegative(a, 35)).toBe(true);
    expect(dischargeNegative(a, null)).toBe(false);
    expect(dischargeSuggestion(ed9.discharge, inHospital, [a, b])?.reason).toBe('two_nat_ct_at_least');
    expect(dischargeSuggestion(ed2.discharge, inHospital, [a, b])).toBeNull();
    const low = nat('2022-07-02T01:00:00.000Z', 'positive', 'positive', [36, 34.9]);
    expect(dischargeSuggestion(ed9.discharge, inHospital, [a, low])).toBeNull();
    const missingCt = nat('2022-07-02T01:00:00.000Z', 'positive', 'positive', [36, null]);
    expect(dischargeNegative(missingCt, 35)).toBe(false);
  });
});

describe('re-positive after discharge', () => {
  it('a positive collected after the discharge day raises the alert', () => {
    const before = { ...nat('2020-02-10T01:00:00.000Z', 'positive'), collectedDay: '2020-02-10' };
    expect(repositiveAlert('2020-02-10', [before])).toBeNull();
    const after = { ...nat('2020-02-20T01:00:00.000Z', 'negative', 'positive'), collectedDay: '2020-02-20' };
    expect(repositiveAlert('2020-02-10', [before, after])).toEqual({
      kind: 'repositive',
      restsOn: [after.results[1]?.id],
      reason: 'positive_after_discharge',
    });
    const negative = { ...nat('2020-02-20T01:00:00.000Z', 'negative'), collectedDay: '2020-02-20' };
    expect(repositiveAlert('2020-02-10', [negative])).toBeNull();
  });
});

describe('which results can raise a suggestion (bulk import)', () => {
  it('any result on a case, only a positive on a contact, nothing on other subjects', () => {
    expect(mayRaiseSuggestion('case', 'negative')).toBe(true);
    expect(mayRaiseSuggestion('case', null)).toBe(true);
    expect(mayRaiseSuggestion('contact', 'positive')).toBe(true);
    expect(mayRaiseSuggestion('contact', 'negative')).toBe(false);
    expect(mayRaiseSuggestion('contact', 'inconclusive')).toBe(false);
    expect(mayRaiseSuggestion('key_person', 'positive')).toBe(false);
    expect(mayRaiseSuggestion('person', 'positive')).toBe(false);
  });

  it('a negative after a positive leaves the contact’s suggestion resting on the same positive', () => {
    const positive = nat('2020-01-26T02:00:00.000Z', 'positive');
    const before = contactPositiveSuggestion([positive]);
    const after = contactPositiveSuggestion([positive, nat('2020-01-27T02:00:00.000Z', 'negative')]);
    expect(after).toEqual(before);
  });
});
