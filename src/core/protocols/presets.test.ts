import { describe, expect, it } from 'vitest';
import { presetIds } from './ids.ts';
import { presetSchema } from './model.ts';
import { certaintyNotes, presetById, presets } from './presets.ts';
import { resolveProtocol } from './resolve.ts';
import { ProtocolInputError } from './errors.ts';

describe('the national presets', () => {
  it('are one per id, each valid against the schema, in order of their effective dates', () => {
    expect(Object.keys(presets)).toEqual([...presetIds]);
    let previous = '';
    for (const id of presetIds) {
      const preset = presets[id];
      expect(presetSchema.parse(preset)).toEqual(preset);
      expect(preset.id).toBe(id);
      expect(preset.effectiveDate > previous).toBe(true);
      expect(preset.overlays).toEqual([]);
      previous = preset.effectiveDate;
    }
  });

  it('carry the effective dates of PROTOCOLS.md §4', () => {
    expect(presetIds.map((id) => presets[id].effectiveDate)).toEqual([
      '2020-01-22',
      '2020-02-21',
      '2020-09-15',
      '2021-05-11',
      '2022-06-28',
      '2022-11-11',
      '2022-12-07',
      '2023-01-08',
    ]);
  });

  it('name their source edition in Chinese and English', () => {
    expect(presets['covid-ed8'].source['zh-CN']).toContain('第八版');
    expect(presets['covid-2022-11'].source['zh-CN']).toContain('优化');
    for (const id of presetIds) {
      expect(presets[id].source.en.length).toBeGreaterThan(10);
    }
  });

  it('determine secondary contacts only in editions 8 and 9, with the linked-release rule', () => {
    const determined = presetIds.filter((id) => presets[id].secondary.determined);
    expect(determined).toEqual(['covid-ed8', 'covid-ed9']);
    for (const id of determined) {
      const regime = presets[id].secondary;
      expect(regime.determined && regime.releaseRule).toBe('linked_close_first_two_negative');
    }
    expect(presets['covid-ed10'].close.determined).toBe(false);
  });

  it('mark edition 8 day 14 as double sampling and nothing else', () => {
    const doubles = presetIds.flatMap((id) =>
      (['close', 'secondary'] as const).flatMap((kind) => {
        const regime = presets[id][kind];
        return regime.determined
          ? regime.phases.flatMap((p) =>
              p.tests.filter((t) => t.doubleSampling).map(() => `${id}:${kind}:${p.type}`),
            )
          : [];
      }),
    );
    expect(doubles).toEqual(['covid-ed8:close:centralized']);
  });

  it('say which numbers are uncertain', () => {
    expect(certaintyNotes(presets['covid-ed8'])).toEqual([]);
    expect(certaintyNotes(presets['covid-ed5']).map((n) => n.subject)).toEqual(['close.tests']);
    expect(certaintyNotes(presets['covid-ed7']).map((n) => n.subject)).toEqual(['close.tests']);
    const ed9 = certaintyNotes(presets['covid-ed9']);
    expect(ed9.map((n) => [n.subject, n.certainty])).toEqual([
      ['lookBack.onset', 'disputed'],
      ['lookBack.firstPositiveSample', 'disputed'],
    ]);
    expect(ed9[0]?.note?.en).toContain('4 days');
    expect(certaintyNotes(presets['covid-ed2']).map((n) => n.subject)).toEqual([
      'lookBack.firstPositiveSample',
      'discharge',
    ]);
  });
});

describe('looking presets up', () => {
  it('by id, refusing unknown ids by field', () => {
    expect(presetById('covid-ed9')?.id).toBe('covid-ed9');
    expect(presetById('covid-ed11')).toBeNull();
    expect(presetById('toString')).toBeNull();
    expect(() => resolveProtocol('covid-ed11')).toThrow(ProtocolInputError);
    expect(() => resolveProtocol('covid-ed8', 'nowhere-2020')).toThrowError('overlay: unknown_overlay');
  });

  it('with an overlay layered on', () => {
    const layered = resolveProtocol('covid-ed2', 'lishi-2020');
    expect(layered.overlays).toEqual(['lishi-2020']);
    expect(layered.discharge.sampling).toHaveLength(3);
    expect(resolveProtocol('covid-ed2')).toBe(presets['covid-ed2']);
  });
});
