import { z } from 'zod';
import { isoDate } from '../http/schemas.ts';

export const createDailyReportBody = z.strictObject({
  date: isoDate,
  /** The team's recommendations to the command office, kept with the version. */
  recommendations: z.string().max(10_000).default(''),
});

export const listDailyReportsQuery = z.strictObject({
  date: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const submitDailyReportBody = z.strictObject({
  recipients: z.array(z.string().trim().min(1).max(100)).min(1).max(20).optional(),
});

const submissionSchema = z.object({
  id: z.number().int(),
  recipients: z.array(z.string()),
  submittedAt: z.string(),
  submittedBy: z.string(),
});

export const dailyReportSchema = z.object({
  id: z.number().int(),
  date: z.string(),
  jurisdictionCode: z.string(),
  number: z.number().int(),
  author: z.string(),
  createdAt: z.string(),
  recommendations: z.string(),
  submissions: z.array(submissionSchema),
});
export type DailyReportView = z.infer<typeof dailyReportSchema>;
