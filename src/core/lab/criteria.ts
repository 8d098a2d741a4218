import type { PresetId } from '../protocols/ids.ts';

/**
 * What the treatment protocol (诊疗方案) in force under each preset asks of lab results (PROTOCOLS.md §1,
 * §6): excluding a suspected case takes two consecutive negative NATs at least 24 h apart, and from 诊疗
 * ed.7 (March 2020, so every preset from covid-ed7 on) also IgM and IgG negative at least 7 days after onset;
 * discharge takes two negative NATs at least 24 h apart, and from 诊疗 ed.9 (2022-03, so covid-ed9 and
 * later) a NAT counts as negative for discharge when both ORF1ab and N have Ct ≥ 35.
 */
export type LabCriteria = {
  exclusion: {
    negatives: number;
    hoursApart: number;
    antibodiesRequired: boolean;
    antibodyDaysAfterOnset: number;
  };
  discharge: { negatives: number; hoursApart: number; minCt: number | null };
};

const early: LabCriteria = {
  exclusion: { negatives: 2, hoursApart: 24, antibodiesRequired: false, antibodyDaysAfterOnset: 7 },
  discharge: { negatives: 2, hoursApart: 24, minCt: null },
};
const fromEd7: LabCriteria = { ...early, exclusion: { ...early.exclusion, antibodiesRequired: true } };
const fromEd9: LabCriteria = { ...fromEd7, discharge: { ...fromEd7.discharge, minCt: 35 } };

export const labCriteria: Readonly<Record<PresetId, LabCriteria>> = {
  'covid-ed2': early,
  'covid-ed5': early,
  'covid-ed7': fromEd7,
  'covid-ed8': fromEd7,
  'covid-ed9': fromEd9,
  'covid-2022-11': fromEd9,
  'covid-2022-12': fromEd9,
  'covid-ed10': fromEd9,
};

/** A Ct value is a number of PCR cycles; a result outside 0–45 is a typing or mapping error. */
export const CT_MIN = 0;
export const CT_MAX = 45;

/** Qualitative reading of a Ct when the lab file gives none: amplification before cycle 40 is positive. */
export const CT_POSITIVE_BELOW = 40;

/** Pools of more than this many samples a tube are refused unless the deployment sets another limit. */
export const DEFAULT_POOL_MAX = 10;
