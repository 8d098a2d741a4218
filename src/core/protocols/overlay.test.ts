import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from './errors.ts';
import { presetSchema } from './model.ts';
import { layerOverlay, parseOverlay, type OverlayInput } from './overlay.ts';
import { lishi2020 } from './overlays.ts';
import { planFor, testRuleOf } from './plan.ts';
import { presets } from './presets.ts';
import { presetIds } from './ids.ts';

const base: OverlayInput = {
  id: 'strict-2021',
  name: { 'zh-CN': '加严', en: 'Stricter' },
  description: { 'zh-CN': '加严', en: 'Stricter' },
  jurisdictionCode: '141102',
  certainty: 'local',
};

function failure(f: () => unknown): string {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof ProtocolInputError ? `${e.field}:${e.code}` : 'other';
  }
}

describe('overlay validation', () => {
  it('accepts the demo overlay and fills defaults', () => {
    expect(
      parseOverlay({ ...base, close: { lengthen: [{ phase: 'centralized', minDays: 21 }] } }).close,
    ).toEqual({
      lengthen: [{ phase: 'centralized', minDays: 21 }],
      addTests: [],
      addSpecimens: [],
    });
  });

  it('refuses unknown fields, unknown specimens and impossible days, naming the field', () => {
    expect(failure(() => parseOverlay({ ...base, shorten: true }))).toBe('overlay.shorten:unrecognized_keys');
    expect(
      failure(() => parseOverlay({ ...base, close: { addSpecimens: [{ specimens: ['saliva'] }] } })),
    ).toMatch(/^overlay\.close\.addSpecimens\.0\.specimens\.0:/);
    expect(
      failure(() => parseOverlay({ ...base, close: { addTests: [{ phase: 'centralized', day: 0 }] } })),
    ).toMatch(/^overlay\.close\.addTests\.0\.day:/);
    expect(failure(() => parseOverlay({ ...base, id: 'Bad Id' }))).toBe('overlay.id:overlay_id');
    expect(
      failure(() =>
        parseOverlay({
          ...base,
          discharge: {
            sampling: [
              { fromDay: 20, toDay: 10, label: base.name, specimens: ['serum'], certainty: 'local' },
            ],
          },
        }),
      ),
    ).toBe('overlay.discharge.sampling.0:day_window');
  });
});

describe('layering an overlay on a preset', () => {
  const strict = parseOverlay({
    ...base,
    close: {
      lengthen: [
        { phase: 'centralized', minDays: 21 },
        { phase: 'home_monitoring', minDays: 3 },
      ],
      addTests: [
        { phase: 'centralized', day: 21, specimens: ['throat_swab'] },
        { phase: 'centralized', day: 4, specimens: ['anal_swab'] },
      ],
      addSpecimens: [{ phase: 'home_monitoring', specimens: ['anal_swab'] }],
    },
  });

  it('lengthens phases (never shortens), adds test days and specimens, and marks the result local', () => {
    const layered = layerOverlay(presets['covid-ed8'], strict);
    expect(presetSchema.parse(layered)).toEqual(layered);
    expect(layered.overlays).toEqual(['strict-2021']);
    expect(layered.close.determined && [layered.close.certainty, layered.close.testCertainty]).toEqual([
      'local',
      'local',
    ]);
    const plan = planFor(layered, 'close', '2021-06-01T10:00:00+08:00', 'Asia/Shanghai');
    expect(plan.phases).toEqual([
      { type: 'centralized', start: '2021-06-02', end: '2021-06-22' },
      { type: 'home_monitoring', start: '2021-06-23', end: '2021-06-29' },
    ]);
    expect(plan.tests.map((t) => `${t.phase}:${t.dayOfPhase}:${t.date}`)).toEqual([
      'centralized:1:2021-06-02',
      'centralized:4:2021-06-05',
      'centralized:7:2021-06-08',
      'centralized:14:2021-06-15',
      'centralized:21:2021-06-22',
      'home_monitoring:2:2021-06-24',
      'home_monitoring:7:2021-06-29',
    ]);
    const [, day4, , , , home2] = plan.tests;
    expect(day4 && testRuleOf(layered, 'close', day4)?.specimens).toEqual([
      'nasopharyngeal_swab',
      'anal_swab',
    ]);
    expect(home2 && testRuleOf(layered, 'close', home2)?.specimens).toEqual([
      'nasopharyngeal_swab',
      'anal_swab',
    ]);
    // The national preset is untouched.
    expect(
      planFor(presets['covid-ed8'], 'close', '2021-06-01T10:00:00+08:00', 'Asia/Shanghai').phases[0]?.end,
    ).toBe('2021-06-15');
  });

  it('keeps a disputed number disputed', () => {
    const extra = parseOverlay({ ...base, close: { addTests: [{ phase: 'centralized', day: 7 }] } });
    const layered = layerOverlay(presets['covid-ed7'], extra);
    expect(layered.close.determined && layered.close.testCertainty).toBe('disputed');
  });

  it('refuses what does not fit the preset, by field', () => {
    expect(failure(() => layerOverlay(presets['covid-2022-12'], strict))).toBe(
      'overlay:overlay_phase_missing',
    );
    expect(failure(() => layerOverlay(presets['covid-ed10'], strict))).toBe(
      'overlay:overlay_regime_undetermined',
    );
    const late = parseOverlay({ ...base, close: { addTests: [{ phase: 'centralized', day: 20 }] } });
    expect(failure(() => layerOverlay(presets['covid-ed8'], late))).toBe('overlay:overlay_test_day');
    const only2020 = parseOverlay({ ...base, appliesTo: ['covid-ed2'] });
    expect(failure(() => layerOverlay(presets['covid-ed8'], only2020))).toBe(
      'overlay:overlay_not_applicable',
    );
    expect(layerOverlay(presets['covid-ed2'], only2020).overlays).toEqual(['strict-2021']);
  });

  it('the demo overlay changes no quarantine, only discharge sampling, on every preset', () => {
    for (const id of presetIds) {
      const layered = layerOverlay(presets[id], lishi2020);
      expect(layered.close).toEqual(presets[id].close);
      expect(layered.secondary).toEqual(presets[id].secondary);
      expect(layered.discharge.sampling.map((s) => [s.fromDay, s.toDay])).toEqual([
        [8, 14],
        [22, 28],
        [28, 28],
      ]);
    }
  });
});
