import type { Window } from './window.ts';

/** What the flags need of an entry; `residence` marks the case's home (or other residence). */
export type TimedEntry = { id: number; startAt: string; endAt: string; residence: boolean };

export type TrajectoryFlag =
  | { kind: 'outside_window'; entryIds: [number]; partial: boolean }
  | { kind: 'overlap'; entryIds: [number, number]; from: string; to: string }
  | { kind: 'gap'; entryIds: number[]; from: string; to: string; minutes: number };

export type FlagOptions = {
  /** Gaps inside the window longer than this are flagged; default 2 hours. */
  gapThresholdMinutes?: number;
  /**
   * A gap that follows a residence entry is taken as time still spent there (nights at home need not be
   * written down as entries); default true.
   */
  residenceCoversUntilNext?: boolean;
};

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Flags a trajectory against the case's look-back window: entries wholly or partly outside it, pairs of
 * overlapping entries, and stretches of the window no entry accounts for that exceed the threshold.
 * `window` may be null when the protocol defines none; then only overlaps are flagged.
 */
export function flagTrajectory(
  entries: readonly TimedEntry[],
  window: Window | null,
  options: FlagOptions = {},
): TrajectoryFlag[] {
  const spans = entries
    .map((e) => ({ entry: e, start: Date.parse(e.startAt), end: Date.parse(e.endAt) }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.entry.id - b.entry.id);
  const flags: TrajectoryFlag[] = [];

  if (window) {
    for (const { entry, start, end } of spans) {
      const before = start < window.startMs;
      const after = end > window.endMs;
      if (end <= window.startMs || start >= window.endMs) {
        flags.push({ kind: 'outside_window', entryIds: [entry.id], partial: false });
      } else if (before || after) {
        flags.push({ kind: 'outside_window', entryIds: [entry.id], partial: true });
      }
    }
  }

  for (let i = 0; i < spans.length; i += 1) {
    const a = spans[i];
    if (!a) {
      continue;
    }
    for (let j = i + 1; j < spans.length; j += 1) {
      const b = spans[j];
      if (!b || b.start >= a.end) {
        break;
      }
      flags.push({
        kind: 'overlap',
        entryIds: [a.entry.id, b.entry.id],
        from: iso(b.start),
        to: iso(Math.min(a.end, b.end)),
      });
    }
  }

  if (window) {
    flags.push(...gapsIn(spans, window, options));
  }
  return flags;
}

type Span = { entry: TimedEntry; start: number; end: number };

function gapsIn(spans: readonly Span[], window: Window, options: FlagOptions): TrajectoryFlag[] {
  const thresholdMs = (options.gapThresholdMinutes ?? 120) * 60_000;
  const residenceCovers = options.residenceCoversUntilNext ?? true;
  const gaps: TrajectoryFlag[] = [];
  let coveredUntil = window.startMs;
  let lastEntry: Span | null = null;
  let atResidence = false;

  const consider = (from: number, to: number, nextId: number | null) => {
    if (to - from <= thresholdMs || (residenceCovers && atResidence)) {
      return;
    }
    const entryIds = [lastEntry?.entry.id, nextId].filter(
      (id): id is number => id !== undefined && id !== null,
    );
    gaps.push({
      kind: 'gap',
      entryIds,
      from: iso(from),
      to: iso(to),
      minutes: Math.round((to - from) / 60_000),
    });
  };

  for (const span of spans) {
    if (span.end <= window.startMs || span.start >= window.endMs) {
      continue;
    }
    const start = Math.max(span.start, window.startMs);
    if (start > coveredUntil) {
      consider(coveredUntil, start, span.entry.id);
    }
    if (span.end >= coveredUntil) {
      coveredUntil = Math.min(span.end, window.endMs);
      lastEntry = span;
      atResidence = span.entry.residence;
    }
  }
  if (window.endMs > coveredUntil) {
    consider(coveredUntil, window.endMs, null);
  }
  return gaps;
}
