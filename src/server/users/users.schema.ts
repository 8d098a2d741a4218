import { z } from 'zod';
import { divisionCodePattern } from '../../core/divisions/scope.ts';
import { roles } from '../access/roles.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9._-]{3,32}$/, 'username_format');
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, 'password_too_short').max(256);

export const userSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(roles),
    jurisdictionCode: z.string(),
    active: z.boolean(),
    lockedUntil: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'User' });

export type User = z.infer<typeof userSchema>;

export const createUserBody = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(64),
  role: z.enum(roles),
  jurisdictionCode: z.string().regex(divisionCodePattern, 'division_code'),
  password: passwordSchema,
});

export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  version: z.number().int().positive(),
  displayName: z.string().trim().min(1).max(64).optional(),
  role: z.enum(roles).optional(),
  jurisdictionCode: z.string().regex(divisionCodePattern, 'division_code').optional(),
  active: z.boolean().optional(),
});

export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const listUsersQuery = z.strictObject({
  role: z.enum(roles).optional(),
  active: z.enum(['true', 'false']).optional(),
  q: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
