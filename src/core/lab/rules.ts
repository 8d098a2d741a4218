import type { LabCriteria } from './criteria.ts';

/**
 * Rules that suggest; people decide (PROTOCOLS.md §1, §5, §6). Each function reads the tested samples of one
 * subject and returns a suggestion naming the results it rests on, or null.
 */

export const natTargets = ['ORF1ab', 'N'] as const;
export const antibodyTargets = ['IgM', 'IgG'] as const;
export type NatTarget = (typeof natTargets)[number];
export type AntibodyTarget = (typeof antibodyTargets)[number];
export type LabTarget = NatTarget | AntibodyTarget;
export const qualitatives = ['positive', 'negative', 'inconclusive'] as const;
export type Qualitative = (typeof qualitatives)[number];

export type TargetResult = { id: number; target: LabTarget; ct: number | null; result: Qualitative };

/** A collected sample with the results its tests gave. */
export type TestedSample = { sampleId: number; collectedAt: string; results: TargetResult[] };

export type SuggestionKind = 'convert' | 'exclude' | 'discharge' | 'repositive';
export type Suggestion = { kind: SuggestionKind; restsOn: number[]; reason: string };

const isNat = (r: TargetResult): boolean => r.target === 'ORF1ab' || r.target === 'N';

/** The NAT reading of a sample: positive if any target is, negative if every tested target is, else null. */
export function natOutcome(sample: TestedSample): Qualitative | null {
  const nat = sample.results.filter(isNat);
  if (nat.length === 0) {
    return null;
  }
  if (nat.some((r) => r.result === 'positive')) {
    return 'positive';
  }
  return nat.every((r) => r.result === 'negative') ? 'negative' : 'inconclusive';
}

/**
 * Negative for discharge: a negative NAT, or from 诊疗 ed.9 a NAT whose ORF1ab and N both have Ct ≥ 35
 * (a late amplification is not infectious shedding).
 */
export function dischargeNegative(sample: TestedSample, minCt: number | null): boolean {
  const outcome = natOutcome(sample);
  if (outcome === 'negative') {
    return true;
  }
  if (minCt === null || outcome === null) {
    return false;
  }
  return natTargets.every((target) => {
    const r = sample.results.find((x) => x.target === target);
    return r !== undefined && (r.result === 'negative' || (r.ct !== null && r.ct >= minCt));
  });
}

/**
 * Whether a new result on a subject can raise a suggestion, so that a bulk import runs the rules only where
 * they can fire: a case's rules read negatives as well (exclusion, discharge) and any result may complete
 * them; a contact's only rule reads its latest positive, which a negative or inconclusive result leaves as it
 * was; other subjects (key persons, screened persons) have no rules.
 */
export function mayRaiseSuggestion(subjectType: string, outcome: Qualitative | null): boolean {
  if (subjectType === 'case') {
    return true;
  }
  return subjectType === 'contact' && outcome === 'positive';
}

const byCollection = (a: TestedSample, b: TestedSample): number => a.collectedAt.localeCompare(b.collectedAt);
const HOUR = 3_600_000;

/**
 * The latest run of negative NATs (no positive or inconclusive since), and within it the latest two samples
 * collected at least `hoursApart` apart: "two consecutive negative NATs at least 24 h apart". Returns the two
 * samples or null.
 */
export function twoNegativesApart(
  samples: readonly TestedSample[],
  negative: (s: TestedSample) => boolean,
  hoursApart: number,
): [TestedSample, TestedSample] | null {
  const withNat = samples.filter((s) => natOutcome(s) !== null).sort(byCollection);
  const run: TestedSample[] = [];
  for (let i = withNat.length - 1; i >= 0; i -= 1) {
    const sample = withNat[i];
    if (sample === undefined || !negative(sample)) {
      break;
    }
    run.unshift(sample);
  }
  const latest = run.at(-1);
  if (latest === undefined) {
    return null;
  }
  for (let i = run.length - 2; i >= 0; i -= 1) {
    const earlier = run[i];
    if (earlier && Date.parse(latest.collectedAt) - Date.parse(earlier.collectedAt) >= hoursApart * HOUR) {
      return [earlier, latest];
    }
  }
  return null;
}

const natIds = (s: TestedSample): number[] => s.results.filter(isNat).map((r) => r.id);

/** A contact with a positive NAT: suggest converting to a case, resting on the latest positive sample. */
export function contactPositiveSuggestion(samples: readonly TestedSample[]): Suggestion | null {
  const positive = [...samples]
    .sort(byCollection)
    .filter((s) => natOutcome(s) === 'positive')
    .at(-1);
  if (!positive) {
    return null;
  }
  return {
    kind: 'convert',
    restsOn: positive.results.filter((r) => isNat(r) && r.result === 'positive').map((r) => r.id),
    reason: 'contact_positive_nat',
  };
}

/**
 * A suspected case with two consecutive negative NATs ≥ 24 h apart — and, where the criteria require, IgM and
 * IgG both negative on serum collected at least 7 days after onset — may be excluded.
 */
export function exclusionSuggestion(
  criteria: LabCriteria['exclusion'],
  classification: string,
  samples: readonly TestedSample[],
  onsetDate: string | null,
): Suggestion | null {
  if (classification !== 'suspected') {
    return null;
  }
  const pair = twoNegativesApart(samples, (s) => natOutcome(s) === 'negative', criteria.hoursApart);
  if (!pair) {
    return null;
  }
  const restsOn = [...natIds(pair[0]), ...natIds(pair[1])];
  if (!criteria.antibodiesRequired) {
    return { kind: 'exclude', restsOn, reason: 'two_negative_nat' };
  }
  const earliest =
    onsetDate === null
      ? null
      : Date.parse(`${onsetDate}T00:00:00Z`) + criteria.antibodyDaysAfterOnset * 24 * HOUR;
  const serology = [...samples]
    .sort(byCollection)
    .reverse()
    .find((s) => {
      const igm = s.results.find((r) => r.target === 'IgM');
      const igg = s.results.find((r) => r.target === 'IgG');
      const late = earliest === null || Date.parse(s.collectedAt) >= earliest;
      return late && igm?.result === 'negative' && igg?.result === 'negative';
    });
  if (!serology) {
    return null;
  }
  const antibodyIds = serology.results
    .filter((r) => r.target === 'IgM' || r.target === 'IgG')
    .map((r) => r.id);
  return {
    kind: 'exclude',
    restsOn: [...restsOn, ...antibodyIds],
    reason: 'two_negative_nat_and_antibodies',
  };
}

/** A case in hospital meeting the preset's discharge criteria gets a discharge suggestion. */
export function dischargeSuggestion(
  criteria: LabCriteria['discharge'],
  kase: { classification: string; status: string },
  samples: readonly TestedSample[],
): Suggestion | null {
  if (
    kase.status !== 'in_hospital' ||
    (kase.classification !== 'confirmed' && kase.classification !== 'asymptomatic')
  ) {
    return null;
  }
  const pair = twoNegativesApart(samples, (s) => dischargeNegative(s, criteria.minCt), criteria.hoursApart);
  if (!pair) {
    return null;
  }
  return {
    kind: 'discharge',
    restsOn: [...natIds(pair[0]), ...natIds(pair[1])],
    reason: criteria.minCt === null ? 'two_negative_nat' : 'two_nat_ct_at_least',
  };
}

/**
 * A positive NAT on a sample collected after the discharge day: PROTOCOLS §5 — with symptoms or worse imaging
 * the case is confirmed again, without them it stays in isolation as a recovering case. People decide which.
 */
export function repositiveAlert(
  dischargeDate: string,
  samples: ReadonlyArray<TestedSample & { collectedDay: string }>,
): Suggestion | null {
  const after = samples.filter((s) => s.collectedDay > dischargeDate && natOutcome(s) === 'positive');
  const latest = [...after].sort(byCollection).at(-1);
  if (!latest) {
    return null;
  }
  return {
    kind: 'repositive',
    restsOn: latest.results.filter((r) => isNat(r) && r.result === 'positive').map((r) => r.id),
    reason: 'positive_after_discharge',
  };
}
