import { isWithin } from '../../core/divisions/scope.ts';
import { dateIn } from '../../core/time/zone.ts';
import { fieldError } from '../errors/app-error.ts';
import { slaOf } from '../investigations/investigations.service.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import type { CaseSettings } from './cases.service.ts';

/** Clock skew tolerated on times the client says something happened. */
const SKEW_MS = 5 * 60_000;

type TimeFields = {
  receivedAt?: string | undefined;
  onsetDate?: string | null | undefined;
  diagnosedAt?: string | null | undefined;
};

/** Report, onset and diagnosis times cannot lie in the future; diagnosis cannot precede onset. */
export function checkTimes(times: TimeFields, timeZone: string): void {
  const limit = Date.now() + SKEW_MS;
  if (times.receivedAt !== undefined && Date.parse(times.receivedAt) > limit) {
    throw fieldError('receivedAt', 'in_future');
  }
  if (
    times.diagnosedAt !== undefined &&
    times.diagnosedAt !== null &&
    Date.parse(times.diagnosedAt) > limit
  ) {
    throw fieldError('diagnosedAt', 'in_future');
  }
  const today = dateIn(new Date(), timeZone);
  if (times.onsetDate !== undefined && times.onsetDate !== null && times.onsetDate > today) {
    throw fieldError('onsetDate', 'in_future');
  }
  if (
    times.onsetDate !== undefined &&
    times.onsetDate !== null &&
    times.diagnosedAt !== undefined &&
    times.diagnosedAt !== null &&
    dateIn(new Date(times.diagnosedAt), timeZone) < times.onsetDate
  ) {
    throw fieldError('diagnosedAt', 'end_before_start');
  }
}

export function checkDivision(actor: RecordActor, code: string | null | undefined): string {
  if (code === null || code === undefined) {
    throw fieldError('divisionCode', 'required');
  }
  if (!isWithin(actor.scope, code)) {
    throw fieldError('divisionCode', 'outside_jurisdiction');
  }
  return code;
}

/** The investigation's dispatch and report tasks are due when their clocks run out. */
export function taskDueTimes(
  receivedAt: string,
  settings: CaseSettings,
): { dispatch: string; report: string } {
  const sla = slaOf(settings);
  const received = Date.parse(receivedAt);
  return {
    dispatch: new Date(received + sla.dispatchMinutes * 60_000).toISOString(),
    report: new Date(received + sla.reportHours * 3_600_000).toISOString(),
  };
}
