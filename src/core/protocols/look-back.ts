import { addDays } from './calendar.ts';
import { ProtocolInputError } from './errors.ts';
import type { Certainty, Preset } from './model.ts';

/**
 * The start of a case's look-back window (PROTOCOLS.md §3): an exposure on or after this day can make
 * someone a close contact. The window ends when the case is isolated, which the caller knows.
 */

export type CaseClassification = 'suspected' | 'confirmed' | 'asymptomatic';

export type LookBackInput = {
  classification: CaseClassification;
  onsetDate?: string | null;
  firstPositiveSampleDate?: string | null;
};

export type LookBackStart =
  | {
      determined: true;
      start: string;
      anchor: 'onset' | 'first_positive_sample';
      anchorDate: string;
      daysBefore: number;
      certainty: Certainty;
    }
  | { determined: false };

/**
 * `settings.daysBefore` picks one of the preset's `daysBeforeOptions` where the sources disagree (the
 * 2022 presets); it is refused for presets whose number is settled.
 */
export function lookBackStart(
  preset: Preset,
  input: LookBackInput,
  settings: { daysBefore?: number } = {},
): LookBackStart {
  const rule = preset.lookBack;
  if (!rule.determined) {
    return { determined: false };
  }
  if (settings.daysBefore !== undefined && !(rule.daysBeforeOptions ?? []).includes(settings.daysBefore)) {
    throw new ProtocolInputError('daysBefore', 'invalid_value', {
      options: (rule.daysBeforeOptions ?? []).join(', '),
    });
  }
  const asymptomatic = input.classification === 'asymptomatic';
  const anchorRule = asymptomatic ? rule.firstPositiveSample : rule.onset;
  const field = asymptomatic ? 'firstPositiveSampleDate' : 'onsetDate';
  const anchorDate = asymptomatic ? input.firstPositiveSampleDate : input.onsetDate;
  if (!anchorDate) {
    throw new ProtocolInputError(field, 'required');
  }
  const daysBefore = settings.daysBefore ?? anchorRule.daysBefore;
  return {
    determined: true,
    start: addDays(anchorDate, -daysBefore, field),
    anchor: asymptomatic ? 'first_positive_sample' : 'onset',
    anchorDate,
    daysBefore,
    certainty: anchorRule.certainty,
  };
}
