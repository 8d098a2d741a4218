import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../access/guard.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { localeOf } from '../errors/messages.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { exportContacts, exportContactsQuery } from './contacts-export.ts';
import { importContactsFile, importReportSchema } from './contacts-import.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** The contacts list as .xlsx, and the .xlsx import of a case's contacts with column mapping. */
export async function contactsFilesRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['contacts'];
  const settings = { timeZone: config.timeZone, followUpsPerDay: config.followUpsPerDay };

  app.get(
    '/api/v1/contacts/export.xlsx',
    {
      config: { access: 'exports:write' },
      schema: {
        tags,
        summary:
          'The contacts list as .xlsx with the list’s filters (caseId, status, classification, siteId, placement, ' +
          'dueToday, releaseDue, releaseDueBy, divisionCode, q); personal fields masked for roles without personal:read; at most 20,000 rows.',
        querystring: exportContactsQuery,
      },
    },
    async (request, reply) => {
      const locale = localeOf(request.headers['accept-language']);
      const file = await db.kysely
        .transaction()
        .execute((trx) => exportContacts(trx, requireActor(request), request.query, settings, locale));
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );

  // Multipart parsing is registered for the import route alone, not for the whole API.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 3 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/cases/:id/contacts/import',
      {
        config: { access: 'contacts:write' },
        bodyLimit: MAX_IMPORT_BYTES + 64 * 1024,
        schema: {
          tags,
          summary:
            'Import contacts of a case from .xlsx (multipart: `file`; `mapping` — JSON of field → column header, guessed ' +
            'from Chinese or English headers when absent; `commit` — "true" to write, otherwise a preview). The file is ' +
            'all-or-nothing: any bad row and nothing is written; the report lists every problem by line, field and column.',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: importReportSchema, ...errorResponses },
        },
      },
      async (request) => {
        if (!request.isMultipart()) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        }
        const fields: Record<string, string> = {};
        let file: { name: string; bytes: Buffer } | null = null;
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            if (part.file.truncated) {
              throw new AppError('PAYLOAD_TOO_LARGE');
            }
            file = { name: part.filename || 'contacts.xlsx', bytes };
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
        if (!file) {
          throw fieldError('file', 'required');
        }
        const upload = file;
        return importContactsFile(
          db,
          requireActor(request),
          request.params.id,
          upload,
          {
            mapping: fields.mapping,
            commit: fields.commit === 'true',
            locale: localeOf(request.headers['accept-language']),
          },
          settings,
        );
      },
    );
  });
}
