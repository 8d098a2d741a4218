import { z } from 'zod';
import { roles } from '../access/roles.ts';

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const meSchema = z
  .object({
    user: z.object({
      id: z.number(),
      username: z.string(),
      displayName: z.string(),
      role: z.enum(roles),
      jurisdictionCode: z.string(),
      jurisdictionName: z.string(),
      permissions: z.array(z.string()),
    }),
    csrfToken: z.string(),
    /** The deployment time zone: every time is shown in it, and "day N" counts in it. */
    timeZone: z.string(),
  })
  .meta({ id: 'Session' });

export type Me = z.infer<typeof meSchema>;
