/**
 * Follow-ups expected per contact per day. The early editions (2020) had contacts' temperature taken
 * morning and evening; later ones once a day. A preset listed here sets its own frequency; otherwise the
 * setting `SAOLEI_FOLLOW_UPS_PER_DAY` applies.
 */
const perDayByPreset: Readonly<Record<string, number>> = {
  'covid-ed2': 2,
  'covid-ed5': 2,
};

export function followUpsPerDay(presetId: string, setting: number): number {
  return perDayByPreset[presetId] ?? setting;
}

/** Preset ids with their own frequency, for queries that compare counts inside the database. */
export function presetFrequencies(): ReadonlyArray<readonly [string, number]> {
  return Object.entries(perDayByPreset);
}
