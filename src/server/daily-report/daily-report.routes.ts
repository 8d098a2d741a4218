import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import type { DailyActor } from './daily-report-input.ts';
import {
  createDailyReportBody,
  dailyReportSchema,
  listDailyReportsQuery,
  submitDailyReportBody,
} from './daily-report.schema.ts';
import { createDailyReport, dailyFile, listDaily, submitDaily } from './daily-report.service.ts';

const types = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

function dailyActorOf(request: FastifyRequest): DailyActor {
  const a = requireActor(request);
  return {
    userId: a.userId,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    scope: a.scope,
    jurisdictionCode: a.jurisdictionCode,
    ip: a.ip,
  };
}

export async function dailyReportRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['daily-reports'];

  app.post(
    '/api/v1/daily-reports',
    {
      config: { access: 'daily-reports:write' },
      schema: {
        tags,
        summary:
          'Generate the 疫情日报 of a date and keep it as the next immutable version (.docx and .xlsx)',
        body: createDailyReportBody,
        response: { 201: dailyReportSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const view = await db.kysely
        .transaction()
        .execute((trx) => createDailyReport(trx, db.dialect, dailyActorOf(request), request.body, config));
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/daily-reports',
    {
      config: { access: 'daily-reports:read' },
      schema: {
        tags,
        summary:
          'Daily report versions of the caller’s jurisdiction, newest date first, with their submissions',
        querystring: listDailyReportsQuery,
        response: { 200: z.object({ items: z.array(dailyReportSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listDaily(db.kysely, dailyActorOf(request), request.query) }),
  );

  for (const format of ['docx', 'xlsx'] as const) {
    app.get(
      `/api/v1/daily-reports/:id/${format}`,
      {
        config: { access: 'daily-reports:read' },
        schema: { tags, summary: `Download a daily report version’s .${format}`, params: idParams },
      },
      async (request, reply) => {
        const file = await dailyFile(db.kysely, dailyActorOf(request), request.params.id, format);
        return reply
          .type(types[format])
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .header('cache-control', 'private, no-store')
          .send(file.bytes);
      },
    );
  }

  app.post(
    '/api/v1/daily-reports/:id/submit',
    {
      config: { access: 'daily-reports:submit' },
      schema: {
        tags,
        summary: 'Record that a version was submitted to its recipients (default: the configured ones)',
        params: idParams,
        body: submitDailyReportBody,
        response: { 200: dailyReportSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) =>
          submitDaily(trx, dailyActorOf(request), request.params.id, request.body.recipients, config),
        ),
  );
}
