import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { caseActorOf, type CaseActor } from '../trajectory/case-actor.ts';
import { caseParams } from '../trajectory/trajectory.schema.ts';
import type { ReportSettings } from './report-input.ts';
import {
  createReportBody,
  listReportsQuery,
  reportDocumentSchema,
  reportKindQuery,
  reportVersionSchema,
  reportVersionWithContentSchema,
  submitReportBody,
  submitResultSchema,
} from './reports.schema.ts';
import {
  createReportVersion,
  getReportVersion,
  listReportVersions,
  previewReport,
  reportDocx,
  submitReport,
} from './reports.service.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const actorOf = (request: FastifyRequest): CaseActor => caseActorOf(requireActor(request));

export async function reportsRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['reports'];
  const settings: ReportSettings = config;

  app.get(
    '/api/v1/cases/:id/report/preview',
    {
      config: { access: 'reports:read' },
      schema: {
        tags,
        summary: 'The 流调报告 as it would be generated now (document model for the on-screen preview)',
        params: caseParams,
        querystring: reportKindQuery,
        response: { 200: reportDocumentSchema, ...errorResponses },
      },
    },
    async (request) =>
      previewReport(db.kysely, actorOf(request), request.params.id, request.query.kind, settings),
  );

  app.post(
    '/api/v1/reports',
    {
      config: { access: 'reports:write' },
      schema: {
        tags,
        summary: 'Generate a report and keep it as an immutable numbered version with its .docx',
        body: createReportBody,
        response: { 201: reportVersionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const version = await db.kysely
        .transaction()
        .execute((trx) =>
          createReportVersion(trx, actorOf(request), request.body.caseId, request.body.kind, settings),
        );
      return reply.status(201).send(version);
    },
  );

  app.get(
    '/api/v1/reports',
    {
      config: { access: 'reports:read' },
      schema: {
        tags,
        summary: 'The report versions of a case, newest first, with their submissions (keyset paged)',
        querystring: listReportsQuery,
        response: {
          200: z.object({ items: z.array(reportVersionSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => listReportVersions(db.kysely, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/reports/:id',
    {
      config: { access: 'reports:read' },
      schema: {
        tags,
        summary: 'One report version with the content it was generated with',
        params: idParams,
        response: { 200: reportVersionWithContentSchema, ...errorResponses },
      },
    },
    async (request) => getReportVersion(db.kysely, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/reports/:id/docx',
    {
      config: { access: 'reports:read' },
      schema: { tags, summary: 'Download a report version’s .docx', params: idParams },
    },
    async (request, reply) => {
      const file = await reportDocx(db.kysely, actorOf(request), request.params.id);
      return reply
        .type(DOCX_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );

  app.post(
    '/api/v1/reports/:id/submit',
    {
      config: { access: 'reports:submit' },
      schema: {
        tags,
        summary: 'Submit a version to its recipients (default: the configured ones); files the investigation',
        params: idParams,
        body: submitReportBody,
        response: { 200: submitResultSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) =>
          submitReport(trx, actorOf(request), request.params.id, request.body.recipients, settings),
        ),
  );
}
