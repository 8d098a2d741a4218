import { z } from 'zod';
import { reportKinds } from '../../core/report/types.ts';
import { limitSchema } from '../http/schemas.ts';

export const reportKindQuery = z.strictObject({ kind: z.enum(reportKinds).default('initial') });

export const createReportBody = z.strictObject({
  caseId: z.number().int().positive(),
  kind: z.enum(reportKinds),
});

export const listReportsQuery = z.strictObject({
  caseId: z.coerce.number().int().positive(),
  limit: limitSchema,
  cursor: z.string().optional(),
});
export type ListReportsQuery = z.infer<typeof listReportsQuery>;

export const submitReportBody = z
  .strictObject({ recipients: z.array(z.string().trim().min(1).max(100)).min(1).max(20).optional() })
  .default({});

const labelled = z.array(z.object({ label: z.string(), value: z.string() }));

const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text: z.string(), label: z.string().optional() }),
  z.object({ type: z.literal('fields'), rows: labelled }),
  z.object({
    type: z.literal('table'),
    caption: z.string().optional(),
    columns: z.array(z.string()),
    rows: z.array(z.array(z.string())),
    widths: z.array(z.number()).optional(),
  }),
  z.object({ type: z.literal('list'), items: z.array(z.string()) }),
]);

/** The composed 流调报告 (core/report ReportDocument): what the preview shows and the .docx draws. */
export const reportDocumentSchema = z
  .object({
    title: z.string(),
    subtitle: z.string(),
    header: labelled,
    sections: z.array(z.object({ key: z.string(), title: z.string(), blocks: z.array(blockSchema) })),
    signOff: labelled,
  })
  .meta({ id: 'ReportDocument' });

export const submissionSchema = z.object({
  id: z.number(),
  recipients: z.array(z.string()),
  submittedAt: z.string(),
  submittedBy: z.string(),
});

export const reportVersionSchema = z
  .object({
    id: z.number(),
    caseId: z.number(),
    kind: z.enum(reportKinds),
    number: z.number(),
    authorName: z.string(),
    createdAt: z.string(),
    docxSize: z.number(),
    docxUrl: z.string(),
    submissions: z.array(submissionSchema),
  })
  .meta({ id: 'ReportVersion' });
export type ReportVersion = z.infer<typeof reportVersionSchema>;

export const reportVersionWithContentSchema = reportVersionSchema
  .extend({ content: reportDocumentSchema })
  .meta({ id: 'ReportVersionWithContent' });

export const submitResultSchema = z
  .object({
    report: reportVersionSchema,
    submission: submissionSchema,
    investigationState: z.string(),
    submittedAt: z.string().nullable(),
  })
  .meta({ id: 'ReportSubmitResult' });
