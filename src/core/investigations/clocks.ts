/**
 * Investigation clocks (PROTOCOLS §2), counted from the time the report was received: team dispatched,
 * core information, report filed. The limits are settings; this computes deadlines and their state at `now`.
 */
export type Sla = { dispatchMinutes: number; coreInfoHours: number | null; reportHours: number };

export type ClockName = 'dispatch' | 'coreInfo' | 'report';

export type Clock = {
  name: ClockName;
  deadline: string;
  doneAt: string | null;
  /** Seconds left until the deadline while the clock runs; negative once it has passed; null when done. */
  remainingSeconds: number | null;
  overdue: boolean;
  /** Done, but after the deadline. */
  late: boolean;
};

export type ClockInput = {
  receivedAt: string;
  dispatchedAt: string | null;
  coreInfoAt: string | null;
  submittedAt: string | null;
};

function clock(
  name: ClockName,
  receivedMs: number,
  limitMs: number,
  doneAt: string | null,
  nowMs: number,
): Clock {
  const deadlineMs = receivedMs + limitMs;
  const deadline = new Date(deadlineMs).toISOString();
  if (doneAt !== null) {
    return {
      name,
      deadline,
      doneAt,
      remainingSeconds: null,
      overdue: false,
      late: Date.parse(doneAt) > deadlineMs,
    };
  }
  return {
    name,
    deadline,
    doneAt: null,
    remainingSeconds: Math.floor((deadlineMs - nowMs) / 1000),
    overdue: nowMs > deadlineMs,
    late: false,
  };
}

export function computeClocks(input: ClockInput, sla: Sla, now: Date): Clock[] {
  const received = Date.parse(input.receivedAt);
  const nowMs = now.getTime();
  const clocks = [clock('dispatch', received, sla.dispatchMinutes * 60_000, input.dispatchedAt, nowMs)];
  if (sla.coreInfoHours !== null) {
    clocks.push(clock('coreInfo', received, sla.coreInfoHours * 3_600_000, input.coreInfoAt, nowMs));
  }
  clocks.push(clock('report', received, sla.reportHours * 3_600_000, input.submittedAt, nowMs));
  return clocks;
}

/**
 * The latest received time at which a clock still running is overdue at `now`: a running clock is overdue
 * when its investigation was received before this instant. Lets a query select overdue work by index.
 */
export function overdueThreshold(limitMs: number, now: Date): string {
  return new Date(now.getTime() - limitMs).toISOString();
}
