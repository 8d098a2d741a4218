/**
 * Case classification (PROTOCOLS §1): which changes are allowed and what evidence an exclusion needs.
 * Until lab results are recorded in saolei, the tests an exclusion rests on come with the request as
 * evidence items.
 */
export const classifications = ['suspected', 'confirmed', 'asymptomatic', 'excluded'] as const;
export type Classification = (typeof classifications)[number];

export const severities = ['mild', 'moderate', 'severe', 'critical'] as const;
export type Severity = (typeof severities)[number];

const allowed: Record<Classification, readonly Classification[]> = {
  suspected: ['confirmed', 'asymptomatic', 'excluded'],
  // An asymptomatic infection becomes a confirmed case when symptoms appear; the history keeps both.
  asymptomatic: ['confirmed', 'excluded'],
  confirmed: [],
  // New evidence can reopen an excluded case as a suspect.
  excluded: ['suspected'],
};

export function allowedTransitions(from: Classification): readonly Classification[] {
  return allowed[from];
}

export type Evidence =
  | {
      kind: 'nat';
      at: string;
      result: 'positive' | 'negative';
      specimen?: string | undefined;
      note?: string | undefined;
    }
  | {
      kind: 'antibody';
      at: string;
      igm: 'positive' | 'negative';
      igg: 'positive' | 'negative';
      note?: string | undefined;
    }
  | { kind: 'other'; at?: string | undefined; note: string };

export type ClassificationProblem = 'same_classification' | 'transition_not_allowed' | 'exclusion_evidence';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Two consecutive negative NATs at least 24 h apart: two negatives, no positive between them, the later one
 * taken 24 h or more after the earlier one.
 */
export function hasTwoNegativeNats(evidence: readonly Evidence[]): boolean {
  const nats = evidence
    .filter((e): e is Extract<Evidence, { kind: 'nat' }> => e.kind === 'nat')
    .map((e) => ({ at: Date.parse(e.at), negative: e.result === 'negative' }))
    .sort((a, b) => a.at - b.at);
  let firstNegativeOfRun: number | null = null;
  for (const nat of nats) {
    if (!nat.negative) {
      firstNegativeOfRun = null;
      continue;
    }
    if (firstNegativeOfRun === null) {
      firstNegativeOfRun = nat.at;
    } else if (nat.at - firstNegativeOfRun >= DAY_MS) {
      return true;
    }
  }
  return false;
}

/** IgM and IgG both negative on a specimen taken 7 days or more after onset (诊疗 ed.7 onward). */
export function hasLateNegativeAntibodies(evidence: readonly Evidence[], onsetDate: string | null): boolean {
  if (onsetDate === null) {
    return false;
  }
  const earliest = Date.parse(`${onsetDate}T00:00:00Z`) + 7 * DAY_MS;
  return evidence.some(
    (e) =>
      e.kind === 'antibody' && e.igm === 'negative' && e.igg === 'negative' && Date.parse(e.at) >= earliest,
  );
}

export type ClassificationChange = {
  from: Classification;
  to: Classification;
  evidence: readonly Evidence[];
  onsetDate: string | null;
  /** Whether the outbreak's protocol edition accepts the antibody route to exclusion. */
  antibodyExclusion: boolean;
};

export function checkClassificationChange(change: ClassificationChange): ClassificationProblem | null {
  if (change.from === change.to) {
    return 'same_classification';
  }
  if (!allowed[change.from].includes(change.to)) {
    return 'transition_not_allowed';
  }
  if (change.to === 'excluded') {
    const byNat = hasTwoNegativeNats(change.evidence);
    const byAntibody =
      change.antibodyExclusion && hasLateNegativeAntibodies(change.evidence, change.onsetDate);
    if (!byNat && !byAntibody) {
      return 'exclusion_evidence';
    }
  }
  return null;
}
