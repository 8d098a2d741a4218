import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import type { App, Deps } from '../http/types.ts';

export async function healthRoutes(app: App, { db }: Deps): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(db.kysely);
      } catch {
        throw new AppError('UNAVAILABLE', { params: { reason: 'database' } });
      }
      return { status: 'ok' as const, database: db.dialect };
    },
  );
}
