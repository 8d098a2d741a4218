import { z } from 'zod';
import { caseColumns, contactColumns } from './export-columns.ts';

const caseColumnNames = Object.keys(caseColumns) as [
  keyof typeof caseColumns,
  ...Array<keyof typeof caseColumns>,
];
const contactColumnNames = Object.keys(contactColumns) as [
  keyof typeof contactColumns,
  ...Array<keyof typeof contactColumns>,
];

export const createExportBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('cases'),
    columns: z.array(z.enum(caseColumnNames)).min(1, 'export_columns').max(40),
    outbreakId: z.number().int().positive().optional(),
  }),
  z.strictObject({
    kind: z.literal('contacts'),
    columns: z.array(z.enum(contactColumnNames)).min(1, 'export_columns').max(40),
    outbreakId: z.number().int().positive().optional(),
  }),
]);
export type CreateExportBody = z.infer<typeof createExportBody>;

export const exportSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  columns: z.array(z.string()),
  masked: z.boolean(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  rowsTotal: z.number().int(),
  rowsDone: z.number().int(),
  fileSize: z.number().int().nullable(),
  failure: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportView = z.infer<typeof exportSchema>;

export const listExportsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
