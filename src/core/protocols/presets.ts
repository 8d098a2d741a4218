import { isPresetId, type PresetId } from './ids.ts';
import type { Certainty, Preset, Text } from './model.ts';
import { covidEd2, covidEd5, covidEd7 } from './presets-2020.ts';
import { covid202211, covid202212, covidEd10, covidEd8, covidEd9 } from './presets-2021-2023.ts';

/** Every national preset by id, oldest first (the order of `presetIds`). */
export const presets: Readonly<Record<PresetId, Preset>> = {
  'covid-ed2': covidEd2,
  'covid-ed5': covidEd5,
  'covid-ed7': covidEd7,
  'covid-ed8': covidEd8,
  'covid-ed9': covidEd9,
  'covid-2022-11': covid202211,
  'covid-2022-12': covid202212,
  'covid-ed10': covidEd10,
};

export function presetById(id: string): Preset | null {
  return isPresetId(id) ? presets[id] : null;
}

/** One number of a preset that is not verified: where it sits, how certain it is, and what the sources say. */
export type CertaintyNote = { subject: string; certainty: Exclude<Certainty, 'verified'>; note: Text | null };

/**
 * The [?] and [L] marks of a preset, flattened so that a list can say which numbers are uncertain without
 * walking the whole preset. `subject` is a dotted path into the preset (e.g. `close.tests`).
 */
export function certaintyNotes(preset: Preset): CertaintyNote[] {
  const notes: CertaintyNote[] = [];
  const add = (subject: string, certainty: Certainty, note: Text | undefined | null): void => {
    if (certainty !== 'verified') {
      notes.push({ subject, certainty, note: note ?? null });
    }
  };
  const lookBack = preset.lookBack;
  if (lookBack.determined) {
    add('lookBack.onset', lookBack.onset.certainty, lookBack.note);
    add('lookBack.firstPositiveSample', lookBack.firstPositiveSample.certainty, lookBack.note);
  }
  for (const kind of ['close', 'secondary'] as const) {
    const regime = preset[kind];
    if (regime.determined) {
      add(`${kind}.phases`, regime.certainty, regime.note);
      add(`${kind}.tests`, regime.testCertainty, regime.note);
    }
  }
  add('discharge', preset.discharge.certainty, preset.discharge.note);
  preset.discharge.sampling.forEach((sampling, i) => {
    add(`discharge.sampling.${i}`, sampling.certainty, sampling.label);
  });
  return notes;
}
