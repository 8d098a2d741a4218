import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from './errors.ts';
import { observationEnd, planFor } from './plan.ts';
import { presets } from './presets.ts';
import { secondaryContactDecision } from './secondary.ts';

const releaseDate = '2021-06-08';

describe('secondary contacts (editions 8/9)', () => {
  it('day 7 is the end of the secondary plan in both editions', () => {
    for (const id of ['covid-ed8', 'covid-ed9'] as const) {
      expect(
        observationEnd(planFor(presets[id], 'secondary', '2021-06-01T09:00:00+08:00', 'Asia/Shanghai')),
      ).toBe(releaseDate);
    }
  });

  it('released on day 7 when the linked close contact’s first two tests were negative', () => {
    expect(
      secondaryContactDecision({
        linkedCloseContactTests: ['negative', 'negative'],
        today: releaseDate,
        releaseDate,
      }),
    ).toEqual({ decision: 'release', reason: 'linked_first_two_negative' });
    expect(
      secondaryContactDecision({
        linkedCloseContactTests: ['negative', 'negative', 'pending'],
        today: '2021-06-09',
        releaseDate,
      }).decision,
    ).toBe('release');
  });

  it('not released before day 7 even with two negatives', () => {
    expect(
      secondaryContactDecision({
        linkedCloseContactTests: ['negative', 'negative'],
        today: '2021-06-07',
        releaseDate,
      }),
    ).toEqual({ decision: 'wait', reason: 'before_release_day' });
  });

  it('upgraded when one of the first two is positive, whatever the day', () => {
    for (const tests of [['positive'], ['negative', 'positive'], ['positive', 'negative']] as const) {
      expect(
        secondaryContactDecision({ linkedCloseContactTests: tests, today: '2021-06-03', releaseDate }),
      ).toEqual({
        decision: 'upgrade',
        reason: 'linked_positive',
      });
    }
  });

  it('upgraded when the linked close contact turns positive later or becomes a case', () => {
    expect(
      secondaryContactDecision({
        linkedCloseContactTests: ['negative', 'negative', 'positive'],
        today: releaseDate,
        releaseDate,
      }).decision,
    ).toBe('upgrade');
    expect(
      secondaryContactDecision({
        linkedCloseContactTests: [],
        linkedCloseContactBecameCase: true,
        today: '2021-06-02',
        releaseDate,
      }),
    ).toEqual({ decision: 'upgrade', reason: 'linked_became_case' });
  });

  it('kept waiting while the first two results are missing, even past day 7', () => {
    for (const tests of [[], ['negative'], ['negative', 'pending'], ['pending', 'negative']] as const) {
      expect(
        secondaryContactDecision({ linkedCloseContactTests: tests, today: '2021-06-10', releaseDate }),
      ).toEqual({
        decision: 'wait',
        reason: 'awaiting_linked_results',
      });
    }
  });

  it('refuses malformed dates by field', () => {
    expect(() =>
      secondaryContactDecision({ linkedCloseContactTests: [], today: '8 June', releaseDate }),
    ).toThrowError(new ProtocolInputError('today', 'iso_date'));
  });
});
