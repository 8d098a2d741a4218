import { z } from 'zod';
import { isoDate } from '../http/schemas.ts';

export const dashboardQuery = z.strictObject({
  /** The day the dashboard is for, in the deployment time zone; today when absent. */
  date: isoDate.optional(),
  outbreakId: z.coerce.number().int().positive().optional(),
  curve: z.enum(['onset', 'report']).default('onset'),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const counts = z.record(z.string(), z.number().int());

const streak = z.object({
  code: z.string(),
  name: z.string(),
  /** The day (deployment zone) the last case now confirmed was confirmed, or null when none ever was. */
  lastConfirmedOn: z.string().nullable(),
  /** Whole days since then: 0 when a case was confirmed on the dashboard's date. */
  days: z.number().int().nullable(),
});

export const dashboardSchema = z.object({
  date: z.string(),
  timeZone: z.string(),
  newCases: z.object({
    today: counts,
    yesterday: counts,
    todayTotal: z.number(),
    yesterdayTotal: z.number(),
  }),
  zeroStreak: z.object({ jurisdiction: streak, divisions: z.array(streak) }),
  observation: z.object({
    total: z.number().int(),
    bySite: z.array(
      z.object({
        kind: z.string(),
        siteId: z.number().int().nullable(),
        siteName: z.string().nullable(),
        count: z.number().int(),
      }),
    ),
  }),
  releases: z.object({ dueToday: z.number().int(), overdue: z.number().int() }),
  /** Specimens (samples of migration 0006) in scope. */
  samples: z.object({
    source: z.literal('samples'),
    /** Planned for the day and not yet collected. */
    dueToday: z.number().int(),
    /** Planned for an earlier day and still not collected. */
    pendingOverdue: z.number().int(),
    /** Collected, not yet received by the lab. */
    inTransit: z.number().int(),
    /** Received by the lab, no result yet. */
    awaitingResults: z.number().int(),
    /** Tested (result recorded) during the day. */
    doneToday: z.number().int(),
    /** Every positive sample so far. */
    positive: z.number().int(),
  }),
  overdue: z.object({ investigations: z.number().int(), tasks: z.number().int() }),
  epiCurve: z.object({
    by: z.enum(['onset', 'report']),
    days: z.array(z.object({ date: z.string(), counts })),
  }),
  contacts: z.object({
    total: z.number().int(),
    byStatus: counts,
    perCase: z.object({
      cases: z.number().int(),
      mean: z.number().nullable(),
      median: z.number().nullable(),
    }),
    becameCases: z.number().int(),
  }),
  computedMs: z.number(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
