import fs from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { AppError } from '../errors/app-error.ts';
import { errorResponses } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import {
  attachmentFile,
  discardAttachment,
  MAX_ATTACHMENT_BYTES,
  readEvidenceUpload,
  storeAttachment,
} from './attachments.ts';
import { caseActorOf, type CaseActor } from './case-actor.ts';
import {
  archiveEntryBody,
  archiveEvidenceBody,
  caseParams,
  createEntryBody,
  entryParams,
  entrySchema,
  evidenceBody,
  evidenceParams,
  evidenceSchema,
  trajectoryQuery,
  trajectorySchema,
  updateEntryBody,
} from './trajectory.schema.ts';
import { addEvidence, evidenceAttachment, removeEvidence } from './evidence.service.ts';
import { addEntry, archiveEntry, editEntry, getTrajectory } from './trajectory.service.ts';

const actorOf = (request: FastifyRequest): CaseActor => caseActorOf(requireActor(request));

export async function trajectoryRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['trajectory'];
  const base = '/api/v1/cases/:id/trajectory';

  app.get(
    base,
    {
      config: { access: 'investigations:read' },
      schema: {
        tags,
        summary: 'The case’s trajectory: entries with evidence, flags (outside window, overlap, gap), days',
        params: caseParams,
        querystring: trajectoryQuery,
        response: { 200: trajectorySchema, ...errorResponses },
      },
    },
    async (request) =>
      getTrajectory(db.kysely, actorOf(request), request.params.id, {
        timeZone: config.timeZone,
        gapThresholdMinutes: request.query.gapThresholdMinutes,
      }),
  );

  app.post(
    base,
    {
      config: { access: 'trajectories:write' },
      schema: {
        tags,
        summary: 'Add an entry, with its evidence items',
        params: caseParams,
        body: createEntryBody,
        response: { 201: entrySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const entry = await db.kysely
        .transaction()
        .execute((trx) => addEntry(trx, actorOf(request), request.params.id, request.body));
      return reply.status(201).send(entry);
    },
  );

  app.patch(
    `${base}/:entryId`,
    {
      config: { access: 'trajectories:write' },
      schema: {
        tags,
        summary: 'Edit an entry (send the version you read; a stale version gets 409)',
        params: entryParams,
        body: updateEntryBody,
        response: { 200: entrySchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) =>
          editEntry(trx, actorOf(request), request.params.id, request.params.entryId, request.body),
        ),
  );

  app.delete(
    `${base}/:entryId`,
    {
      config: { access: 'trajectories:write' },
      schema: {
        tags,
        summary: 'Archive an entry with a reason (send the version you read)',
        params: entryParams,
        body: archiveEntryBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await db.kysely
        .transaction()
        .execute((trx) =>
          archiveEntry(trx, actorOf(request), request.params.id, request.params.entryId, request.body),
        );
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/:entryId/evidence`,
    {
      config: { access: 'trajectories:write' },
      schema: {
        tags,
        summary: 'Add an evidence item without a file',
        params: entryParams,
        body: evidenceBody,
        response: { 201: evidenceSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const item = await db.kysely
        .transaction()
        .execute((trx) =>
          addEvidence(trx, actorOf(request), request.params.id, request.params.entryId, request.body, null),
        );
      return reply.status(201).send(item);
    },
  );

  app.delete(
    `${base}/:entryId/evidence/:evidenceId`,
    {
      config: { access: 'trajectories:write' },
      schema: {
        tags,
        summary: 'Archive an evidence item with a reason',
        params: evidenceParams,
        body: archiveEvidenceBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id, entryId, evidenceId } = request.params;
      await db.kysely
        .transaction()
        .execute((trx) =>
          removeEvidence(trx, actorOf(request), id, entryId, evidenceId, request.body.reason),
        );
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/:entryId/evidence/:evidenceId/attachment`,
    {
      config: { access: 'investigations:read' },
      schema: { tags, summary: 'Download an evidence item’s file', params: evidenceParams },
    },
    async (request, reply) => {
      const { id, entryId, evidenceId } = request.params;
      const stored = await evidenceAttachment(db.kysely, actorOf(request), id, entryId, evidenceId);
      const file = attachmentFile(config.dataDir, stored.path);
      if (!fs.existsSync(file)) {
        throw new AppError('NOT_FOUND', { params: { entity: 'attachment' } });
      }
      return reply
        .type(stored.type)
        .header('content-length', stored.size)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(stored.name)}`)
        .header('cache-control', 'private, no-store')
        .send(fs.createReadStream(file));
    },
  );

  // Multipart parsing is registered for the upload route alone, not for the whole API.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${base}/:entryId/evidence/upload`,
      {
        config: { access: 'trajectories:write' },
        bodyLimit: MAX_ATTACHMENT_BYTES + 64 * 1024,
        schema: {
          tags,
          summary:
            'Add an evidence item with a file (multipart: source, confidence, reference, file; pdf/jpeg/png/webp/mp4 up to 10 MB)',
          consumes: ['multipart/form-data'],
          params: entryParams,
          response: { 201: evidenceSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const upload = await readEvidenceUpload(request);
        const stored = upload.file ? storeAttachment(config.dataDir, upload.file) : null;
        try {
          const item = await db.kysely
            .transaction()
            .execute((trx) =>
              addEvidence(trx, actor, request.params.id, request.params.entryId, upload.fields, stored),
            );
          return await reply.status(201).send(item);
        } catch (error) {
          if (stored) {
            discardAttachment(config.dataDir, stored);
          }
          throw error;
        }
      },
    );
  });
}
