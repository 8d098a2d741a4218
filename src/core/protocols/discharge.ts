import { addDays, isIsoDate } from './calendar.ts';
import { ProtocolInputError } from './errors.ts';
import type { Certainty, DischargeObservationType, Preset, Specimen, Text, VisitItem } from './model.ts';

/**
 * The follow-up of a discharged case (PROTOCOLS.md §5), counted like a quarantine: the discharge date is
 * day 0, day k is that date + k days, so "week 2" is days 8–14 and "day 28" is discharge + 28.
 */

export type DischargeEvent =
  | { kind: 'visit'; label: Text; start: string; end: string; items: VisitItem[] }
  | {
      kind: 'sampling';
      label: Text;
      start: string;
      end: string;
      specimens: Specimen[];
      certainty: Certainty;
    };

export type DischargePlan = {
  determined: boolean;
  observation: { type: DischargeObservationType; start: string; end: string } | null;
  /** Visits and samplings, by start date. */
  events: DischargeEvent[];
};

/** What the preset (and its overlays) say for a case discharged on `dischargeDate` (YYYY-MM-DD). */
export function dischargePlan(preset: Preset, dischargeDate: string): DischargePlan {
  if (!isIsoDate(dischargeDate)) {
    throw new ProtocolInputError('dischargeDate', 'iso_date');
  }
  const rule = preset.discharge;
  const day = (k: number): string => addDays(dischargeDate, k);
  const events: DischargeEvent[] = [
    ...rule.visits.map((visit): DischargeEvent => ({
      kind: 'visit',
      label: visit.label,
      start: day(visit.fromDay),
      end: day(visit.toDay),
      items: [...visit.items],
    })),
    ...rule.sampling.map((sampling): DischargeEvent => ({
      kind: 'sampling',
      label: sampling.label,
      start: day(sampling.fromDay),
      end: day(sampling.toDay),
      specimens: [...sampling.specimens],
      certainty: sampling.certainty,
    })),
  ];
  events.sort((a, b) => (a.start === b.start ? a.end.localeCompare(b.end) : a.start.localeCompare(b.start)));
  return {
    determined: rule.determined,
    observation: rule.observation
      ? { type: rule.observation.type, start: day(1), end: day(rule.observation.days) }
      : null,
    events,
  };
}
