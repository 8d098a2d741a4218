/** The protocol presets of domain/PROTOCOLS.md §4, oldest first. An outbreak names one of these. */
export const presetIds = [
  'covid-ed2',
  'covid-ed5',
  'covid-ed7',
  'covid-ed8',
  'covid-ed9',
  'covid-2022-11',
  'covid-2022-12',
  'covid-ed10',
] as const;

export type PresetId = (typeof presetIds)[number];

export function isPresetId(value: string): value is PresetId {
  return (presetIds as readonly string[]).includes(value);
}
