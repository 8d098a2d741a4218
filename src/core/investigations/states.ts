/**
 * The investigation's states: 待派出 → 已派出 → 已到达 → 调查中 → 待审核 → 已报送. A review may send the
 * investigation back to 调查中; 已报送 is final.
 */
export const investigationStates = [
  'pending_dispatch',
  'dispatched',
  'arrived',
  'investigating',
  'pending_review',
  'submitted',
] as const;

export type InvestigationState = (typeof investigationStates)[number];

export const stateNames: Record<InvestigationState, string> = {
  pending_dispatch: '待派出',
  dispatched: '已派出',
  arrived: '已到达',
  investigating: '调查中',
  pending_review: '待审核',
  submitted: '已报送',
};

const next: Record<InvestigationState, readonly InvestigationState[]> = {
  pending_dispatch: ['dispatched'],
  dispatched: ['arrived'],
  arrived: ['investigating'],
  investigating: ['pending_review'],
  pending_review: ['submitted', 'investigating'],
  submitted: [],
};

export function canTransition(from: InvestigationState, to: InvestigationState): boolean {
  return next[from].includes(to);
}

export function nextStates(from: InvestigationState): readonly InvestigationState[] {
  return next[from];
}

/** The timestamp column a transition into `to` sets, if any. */
export function timestampOf(to: InvestigationState): 'dispatched_at' | 'arrived_at' | 'submitted_at' | null {
  switch (to) {
    case 'dispatched':
      return 'dispatched_at';
    case 'arrived':
      return 'arrived_at';
    case 'submitted':
      return 'submitted_at';
    default:
      return null;
  }
}
