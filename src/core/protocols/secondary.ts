import { isIsoDate } from './calendar.ts';
import { ProtocolInputError } from './errors.ts';

/**
 * Editions 8/9 (PROTOCOLS.md §4): a secondary contact is released on day 7 only if the linked close
 * contact's first two tests were negative; otherwise it is upgraded to close-contact management.
 */

export type TestOutcome = 'negative' | 'positive' | 'pending';

export type SecondaryDecision =
  | { decision: 'release'; reason: 'linked_first_two_negative' }
  | { decision: 'upgrade'; reason: 'linked_positive' | 'linked_became_case' }
  | { decision: 'wait'; reason: 'awaiting_linked_results' | 'before_release_day' };

export type SecondaryDecisionInput = {
  /** The linked close contact's test outcomes, oldest first. */
  linkedCloseContactTests: readonly TestOutcome[];
  /** Set when the linked close contact was converted to a case. */
  linkedCloseContactBecameCase?: boolean;
  /** Today in the deployment time zone. */
  today: string;
  /** The secondary contact's day 7: the end of its plan (`observationEnd`). */
  releaseDate: string;
};

/**
 * Upgrade as soon as the linked close contact turns positive (in the first two tests, or any later one: a
 * positive close contact is a case, and its secondary contacts are then its close contacts); release on the
 * release day only once the first two tests are known negative; otherwise wait — the release day passing
 * without the results does not release anyone.
 */
export function secondaryContactDecision(input: SecondaryDecisionInput): SecondaryDecision {
  if (!isIsoDate(input.today)) {
    throw new ProtocolInputError('today', 'iso_date');
  }
  if (!isIsoDate(input.releaseDate)) {
    throw new ProtocolInputError('releaseDate', 'iso_date');
  }
  if (input.linkedCloseContactBecameCase) {
    return { decision: 'upgrade', reason: 'linked_became_case' };
  }
  if (input.linkedCloseContactTests.includes('positive')) {
    return { decision: 'upgrade', reason: 'linked_positive' };
  }
  const [first, second] = input.linkedCloseContactTests;
  if (first !== 'negative' || second !== 'negative') {
    return { decision: 'wait', reason: 'awaiting_linked_results' };
  }
  if (input.today < input.releaseDate) {
    return { decision: 'wait', reason: 'before_release_day' };
  }
  return { decision: 'release', reason: 'linked_first_two_negative' };
}
