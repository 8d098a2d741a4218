import { z } from 'zod';
import { limitSchema } from '../http/schemas.ts';

/** One task model for all work; later capabilities add their types here. */
export const taskTypes = [
  'investigate',
  'dispatch',
  'report',
  'review',
  'trace',
  'sample',
  'disinfect',
  'other',
] as const;
export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export const taskPriorities = ['low', 'normal', 'high', 'urgent'] as const;

export const taskSchema = z
  .object({
    id: z.number(),
    type: z.enum(taskTypes),
    subjectType: z.string(),
    subjectId: z.number(),
    title: z.string(),
    assigneeId: z.number().nullable(),
    divisionCode: z.string(),
    dueAt: z.string().nullable(),
    status: z.enum(taskStatuses),
    priority: z.enum(taskPriorities),
    overdue: z.boolean(),
    /** Open and past due by more than the escalation limit (SAOLEI_TASK_ESCALATE_HOURS). */
    escalated: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof taskSchema>;

export const listTasksQuery = z.strictObject({
  mine: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Open tasks past due by more than the escalation limit. */
  escalated: z.enum(['true', 'false']).optional(),
  status: z.enum(taskStatuses).optional(),
  type: z.enum(taskTypes).optional(),
  subjectType: z.string().trim().min(1).max(40).optional(),
  subjectId: z.coerce.number().int().positive().optional(),
  limit: limitSchema,
  cursor: z.string().max(300).optional(),
});
export type ListTasksQuery = z.infer<typeof listTasksQuery>;

export const updateTaskBody = z.strictObject({
  version: z.number().int().positive(),
  status: z.enum(taskStatuses).optional(),
  priority: z.enum(taskPriorities).optional(),
  assigneeId: z.number().int().positive().nullable().optional(),
});
export type UpdateTaskInput = z.infer<typeof updateTaskBody>;
