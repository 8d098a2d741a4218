import { describe, expect, it } from 'vitest';
import { presetIds, type PresetId } from '../protocols/ids.ts';
import type { ContactKind } from '../protocols/model.ts';
import { planFromExposureDay } from '../protocols/plan.ts';
import { presetById } from '../protocols/presets.ts';
import { resolveProtocol } from '../protocols/resolve.ts';
import { dischargeSamples, keyPersonSamples, plannedKey, sampleSpecimenOf, testSamples } from './plans.ts';

/** Written out from PROTOCOLS.md §4 for a last exposure on 2021-06-01 (day 0): date/specimen/replicate/step. */
const expected: Record<PresetId, Record<ContactKind, string[]>> = {
  'covid-ed2': { close: [], secondary: [] },
  'covid-ed5': { close: [], secondary: [] },
  'covid-ed7': {
    close: ['2021-06-02/throat_swab/1/centralized:1', '2021-06-15/throat_swab/1/centralized:14'],
    secondary: [],
  },
  'covid-ed8': {
    close: [
      '2021-06-02/nasopharyngeal_swab/1/centralized:1',
      '2021-06-05/nasopharyngeal_swab/1/centralized:4',
      '2021-06-08/nasopharyngeal_swab/1/centralized:7',
      // Release test: two swabs, two reagents, two labs.
      '2021-06-15/nasopharyngeal_swab/1/centralized:14',
      '2021-06-15/nasopharyngeal_swab/2/centralized:14',
      '2021-06-17/nasopharyngeal_swab/1/home_monitoring:2',
      '2021-06-22/nasopharyngeal_swab/1/home_monitoring:7',
    ],
    secondary: [
      '2021-06-02/nasopharyngeal_swab/1/centralized:1',
      '2021-06-05/nasopharyngeal_swab/1/centralized:4',
      '2021-06-08/nasopharyngeal_swab/1/centralized:7',
    ],
  },
  'covid-ed9': {
    close: [
      '2021-06-02/throat_swab/1/centralized:1',
      '2021-06-03/throat_swab/1/centralized:2',
      '2021-06-04/throat_swab/1/centralized:3',
      '2021-06-06/throat_swab/1/centralized:5',
      '2021-06-08/throat_swab/1/centralized:7',
      '2021-06-11/throat_swab/1/home_monitoring:3',
    ],
    secondary: [
      '2021-06-02/throat_swab/1/home_quarantine:1',
      '2021-06-05/throat_swab/1/home_quarantine:4',
      '2021-06-08/throat_swab/1/home_quarantine:7',
    ],
  },
  'covid-2022-11': {
    close: [
      '2021-06-02/throat_swab/1/centralized:1',
      '2021-06-03/throat_swab/1/centralized:2',
      '2021-06-04/throat_swab/1/centralized:3',
      '2021-06-06/throat_swab/1/centralized:5',
      '2021-06-07/throat_swab/1/home_quarantine:1',
      '2021-06-09/throat_swab/1/home_quarantine:3',
    ],
    secondary: [],
  },
  'covid-2022-12': { close: ['2021-06-06/throat_swab/1/home_quarantine:5'], secondary: [] },
  'covid-ed10': { close: [], secondary: [] },
};

const show = (s: { date: string; specimen: string; replicate: number; ref: string }) =>
  `${s.date}/${s.specimen}/${s.replicate}/${s.ref}`;

describe('sampling plans of contacts, every preset', () => {
  for (const id of presetIds) {
    for (const kind of ['close', 'secondary'] as const) {
      it(`${id} ${kind}`, () => {
        const preset = presetById(id);
        expect(preset).not.toBeNull();
        if (!preset) {
          return;
        }
        const plan = planFromExposureDay(preset, kind, '2021-06-01');
        const samples = testSamples(
          preset,
          kind,
          plan.tests.map((t) => ({ ...t, due: t.date })),
        );
        expect(samples.map(show)).toEqual(expected[id][kind]);
        // Keys are unique: regenerating never plans one sample twice.
        expect(new Set(samples.map(plannedKey)).size).toBe(samples.length);
      });
    }
  }

  it('a test moved to the placement day keeps its protocol step', () => {
    const preset = presetById('covid-ed9');
    if (!preset) {
      throw new Error('preset');
    }
    const samples = testSamples(preset, 'close', [
      { phase: 'centralized', dayOfPhase: 1, date: '2021-06-02', due: '2021-06-04' },
    ]);
    expect(samples.map(show)).toEqual(['2021-06-04/throat_swab/1/centralized:1']);
  });

  it('a key person counts from the arrival in the deployment zone', () => {
    const preset = presetById('covid-ed9');
    if (!preset) {
      throw new Error('preset');
    }
    // 2021-06-01 20:00 UTC is 2021-06-02 04:00 in Shanghai: day 0 is 06-02.
    const samples = keyPersonSamples(preset, 'close', '2021-06-01T20:00:00.000Z', 'Asia/Shanghai');
    expect(samples[0]?.date).toBe('2021-06-03');
    expect(samples).toHaveLength(6);
  });
});

describe('discharge sampling', () => {
  it('national presets add no sampling of their own', () => {
    for (const id of presetIds) {
      const preset = presetById(id);
      expect(preset && dischargeSamples(preset, '2020-02-10')).toEqual([]);
    }
  });

  it('the lishi-2020 overlay: weeks 2 and 4 swabs, day 28 serum, anal and throat swabs', () => {
    const preset = resolveProtocol('covid-ed2', 'lishi-2020');
    const samples = dischargeSamples(preset, '2020-02-10');
    expect(samples.map((s) => `${s.date}..${s.windowEnd}/${s.specimen}/${s.ref}`)).toEqual([
      '2020-02-18..2020-02-24/throat_swab/discharge:1',
      '2020-02-18..2020-02-24/anal_swab/discharge:1',
      '2020-03-03..2020-03-09/throat_swab/discharge:2',
      '2020-03-03..2020-03-09/anal_swab/discharge:2',
      '2020-03-09..2020-03-09/serum/discharge:3',
      '2020-03-09..2020-03-09/anal_swab/discharge:3',
      '2020-03-09..2020-03-09/throat_swab/discharge:3',
    ]);
    expect(samples[4]?.label).toBe('第 28 天恢复期采样');
  });

  it('the overlay on a later preset keeps the same sampling days', () => {
    const preset = resolveProtocol('covid-ed7', 'lishi-2020');
    expect(dischargeSamples(preset, '2020-12-31').map((s) => s.date)).toEqual([
      '2021-01-08',
      '2021-01-08',
      '2021-01-22',
      '2021-01-22',
      '2021-01-28',
      '2021-01-28',
      '2021-01-28',
    ]);
  });

  it('maps protocol specimens without a sample type of their own to other', () => {
    expect(sampleSpecimenOf('bal')).toBe('other');
    expect(sampleSpecimenOf('stool')).toBe('other');
    expect(sampleSpecimenOf('serum')).toBe('serum');
  });
});
