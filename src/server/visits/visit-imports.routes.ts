import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { auditActorOf } from '../http/actor.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { StoreBusyError } from './store-import.ts';
import { findImport, listImports } from './visit-imports.repository.ts';
import { listImportsQuery, uploadFields, visitImportSchema } from './visit-imports.schema.ts';
import { getVisitImport, runVisitImport, toVisitImport, type ImportActor } from './visit-imports.service.ts';

/** Visit logs of a city run to gigabytes; the upload streams to disk, so only the disk bounds it. */
const maxUploadBytes = 8 * 1024 ** 3;

type Upload = { file?: string; fileName?: string; personsRef?: string; placesRef?: string; dwell?: number };

function importActorOf(request: FastifyRequest): ImportActor {
  const actor = requireActor(request);
  return { audit: auditActorOf(actor), scope: actor.scope };
}

/** Streams the parts of an upload to files under the data folder (never into memory). */
async function receiveUpload(request: FastifyRequest, uploadDir: string): Promise<Upload> {
  fs.mkdirSync(uploadDir, { recursive: true });
  const upload: Upload = {};
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    if (part.fieldname !== 'file' && part.fieldname !== 'personsRef' && part.fieldname !== 'placesRef') {
      part.file.resume();
      throw fieldError(part.fieldname, 'unrecognized_keys');
    }
    const target = path.join(uploadDir, `${crypto.randomBytes(8).toString('hex')}.upload`);
    await pipeline(part.file, fs.createWriteStream(target));
    if (part.file.truncated) {
      fs.rmSync(target, { force: true });
      throw new AppError('PAYLOAD_TOO_LARGE');
    }
    upload[part.fieldname] = target;
    if (part.fieldname === 'file') {
      upload.fileName = part.filename;
    }
  }
  const parsed = uploadFields.safeParse(fields);
  if (!parsed.success) {
    throw fieldError('dwell', 'invalid');
  }
  upload.dwell = parsed.data.dwell;
  return upload;
}

function discard(upload: Upload): void {
  for (const file of [upload.file, upload.personsRef, upload.placesRef]) {
    if (file !== undefined) {
      fs.rmSync(file, { force: true });
    }
  }
}

export async function visitImportsRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['visits'];

  app.get(
    '/api/v1/visit-imports',
    {
      config: { access: 'visits:import' },
      schema: {
        tags,
        summary: 'Visit-log imports, newest first',
        querystring: listImportsQuery,
        response: {
          200: z.object({ items: z.array(visitImportSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const before = request.query.cursor === undefined ? undefined : Number(request.query.cursor);
      if (before !== undefined && !Number.isInteger(before)) {
        throw fieldError('cursor', 'cursor');
      }
      const rows = await listImports(db.kysely, before, request.query.limit + 1);
      const page = rows.slice(0, request.query.limit).map(toVisitImport);
      const last = page.at(-1);
      return { items: page, nextCursor: rows.length > request.query.limit && last ? String(last.id) : null };
    },
  );

  app.get(
    '/api/v1/visit-imports/:id',
    {
      config: { access: 'visits:import' },
      schema: {
        tags,
        summary: 'One import with its progress (rows, bytes of total bytes, status)',
        params: idParams,
        response: { 200: visitImportSchema, ...errorResponses },
      },
    },
    async (request) => getVisitImport(db.kysely, request.params.id),
  );

  app.get(
    '/api/v1/visit-imports/:id/errors.csv',
    {
      config: { access: 'visits:import' },
      schema: { tags, summary: 'Every bad row of an import (line, field, reason)', params: idParams },
    },
    async (request, reply) => {
      const row = await findImport(db.kysely, request.params.id);
      if (!row || row.errors_path === null) {
        throw new AppError('NOT_FOUND', { params: { entity: 'errors.csv' } });
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${row.id}-errors.csv"`)
        .send(fs.createReadStream(path.join(config.dataDir, row.errors_path)));
    },
  );

  // Multipart parsing is registered for the upload route alone, not for the whole API.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxUploadBytes, files: 3, fields: 4 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/visit-imports',
      {
        config: { access: 'visits:import' },
        bodyLimit: maxUploadBytes,
        schema: {
          tags,
          summary:
            'Upload a visit log (multipart: file (.csv or .xlsx), optional personsRef and placesRef CSVs, dwell seconds); the import runs in the background',
          consumes: ['multipart/form-data'],
          response: { 202: visitImportSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = importActorOf(request);
        const upload = await receiveUpload(request, path.join(config.dataDir, 'uploads'));
        const { file, fileName } = upload;
        if (file === undefined || fileName === undefined) {
          discard(upload);
          throw fieldError('file', 'required');
        }
        if (!/\.(csv|xlsx)$/i.test(fileName)) {
          discard(upload);
          throw fieldError('file', 'visit_file_type');
        }
        const started = new Promise<number>((resolve, reject) => {
          runVisitImport(db.kysely, {
            dataDir: config.dataDir,
            actor,
            file,
            fileName,
            personsRef: upload.personsRef,
            placesRef: upload.placesRef,
            dwell: upload.dwell,
            onStarted: resolve,
          })
            .catch((error: unknown) => {
              reject(error);
              request.log.warn({ err: error }, 'visit import failed');
            })
            .finally(() => discard(upload));
        });
        let importId: number;
        try {
          importId = await started;
        } catch (error) {
          if (error instanceof StoreBusyError) {
            throw new AppError('CONFLICT', {
              params: { reason: error.message },
              details: [{ field: 'file', code: 'import_running' }],
            });
          }
          throw error;
        }
        return reply.status(202).send(await getVisitImport(db.kysely, importId));
      },
    );
  });
}
