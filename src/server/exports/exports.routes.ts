import { z } from 'zod';
import { recordActorOf } from '../chains/chains.routes.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { createExportBody, exportSchema, listExportsQuery } from './exports.schema.ts';
import { exportFile, getExport, listExports, queueExport, runExport } from './exports.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportsRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['exports'];

  app.post(
    '/api/v1/exports',
    {
      config: { access: 'exports:write' },
      schema: {
        tags,
        summary:
          'Start a case or contact line list (.xlsx) with the chosen columns; it runs in the background, personal fields masked for roles without personal:read',
        body: createExportBody,
        response: { 202: exportSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const view = await db.kysely
        .transaction()
        .execute((trx) => queueExport(trx, recordActorOf(request), request.body));
      // After the commit, so that the job sees its row; progress is read back from the table.
      setImmediate(() => {
        void runExport(db, config, view.id).catch((error: unknown) => {
          request.log.error({ err: error, exportId: view.id }, 'export failed outside its job');
        });
      });
      return reply.status(202).send(view);
    },
  );

  app.get(
    '/api/v1/exports',
    {
      config: { access: 'exports:write' },
      schema: {
        tags,
        summary: 'The caller’s exports, newest first, with their progress',
        querystring: listExportsQuery,
        response: { 200: z.object({ items: z.array(exportSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await listExports(db.kysely, recordActorOf(request), request.query.limit),
    }),
  );

  app.get(
    '/api/v1/exports/:id',
    {
      config: { access: 'exports:write' },
      schema: {
        tags,
        summary: 'One export’s progress',
        params: idParams,
        response: { 200: exportSchema, ...errorResponses },
      },
    },
    async (request) => getExport(db.kysely, recordActorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/exports/:id/file',
    {
      config: { access: 'exports:write' },
      schema: { tags, summary: 'Download a finished export', params: idParams },
    },
    async (request, reply) => {
      const file = await exportFile(db.kysely, recordActorOf(request), request.params.id);
      return reply
        .type(XLSX)
        .header('content-length', file.size)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );
}
