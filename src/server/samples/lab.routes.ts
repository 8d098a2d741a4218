import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { AppError } from '../errors/app-error.ts';
import type { Locale } from '../errors/messages.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { importLabFile, parseMapping } from './lab-import.ts';
import { labResultListQuery, labResultListSchema, listLabResults } from './lab-result-list.ts';
import { applyResults, resolveTarget } from './lab-results.service.ts';
import {
  decideBody,
  importResultSchema,
  labResultBody,
  suggestionSchema,
  suggestionsQuery,
} from './samples.schema.ts';
import { decideSuggestion, listSuggestions } from './suggestion-actions.ts';

const actorOf = (request: FastifyRequest): RecordActor => requireActor(request);
const MAX_LAB_FILE_BYTES = 64 * 1024 * 1024;

export async function labRoutes(
  app: App,
  { db, config }: Deps,
  localeOf: (header: string | undefined) => Locale,
): Promise<void> {
  const tags = ['lab'];
  const tz = config.timeZone;

  app.post(
    '/api/v1/lab-results',
    {
      config: { access: 'lab-results:write' },
      schema: {
        tags,
        summary:
          'Enter the results of one test of a sample or pool code by hand: NAT per target (ORF1ab, N) with Ct 0–45 and a ' +
          'qualitative result (read from the Ct when absent: < 40 positive), antibodies IgM/IgG. A positive pool plans a retest ' +
          'of every member; the lab rules then raise their suggestions.',
        body: labResultBody,
        response: {
          201: z.object({
            kind: z.enum(['sample', 'pool']),
            id: z.number(),
            outcome: z.string().nullable(),
            retests: z.number(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      if (Date.parse(body.testedAt) > Date.now() + 5 * 60_000) {
        throw new AppError('VALIDATION_FAILED', { details: [{ field: 'testedAt', code: 'in_future' }] });
      }
      const entries = [
        ...body.nat.map((n) => ({
          target: n.target,
          ct: n.ct ?? null,
          result:
            n.result ??
            (n.ct !== undefined && n.ct !== null && n.ct < 40
              ? ('positive' as const)
              : ('negative' as const)),
        })),
        ...body.antibodies.map((a) => ({ target: a.target, ct: null, result: a.result })),
      ];
      if (entries.length === 0) {
        throw new AppError('VALIDATION_FAILED', { details: [{ field: 'nat', code: 'required' }] });
      }
      const outcome = await db.kysely.transaction().execute(async (trx) => {
        const target = await resolveTarget(trx, actor.scope, body.code, 'code');
        return applyResults(
          trx,
          actor,
          target,
          { testedAt: body.testedAt, lab: body.lab ?? null, entries, importId: null },
          tz,
        );
      });
      return reply.status(201).send(outcome);
    },
  );

  app.get(
    '/api/v1/lab-results',
    {
      config: { access: 'samples:read' },
      schema: {
        tags,
        summary:
          'Results inside the jurisdiction (a sample’s by its division, a pool’s by the pool’s), newest test first ' +
          '(keyset `cursor`), filtered by sample, pool, result (positive, negative, inconclusive) and test time ' +
          '(`from` inclusive, `to` exclusive, ISO 8601 with offset)',
        querystring: labResultListQuery,
        response: { 200: labResultListSchema, ...errorResponses },
      },
    },
    async (request) => listLabResults(db.kysely, actorOf(request), request.query),
  );

  // Multipart parsing is registered for the import route alone, not for the whole API.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_LAB_FILE_BYTES, files: 1 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/lab-results/import',
      {
        config: { access: 'lab-results:write' },
        bodyLimit: MAX_LAB_FILE_BYTES + 64 * 1024,
        schema: {
          tags,
          summary:
            'Import a lab CSV (multipart: `mapping` — JSON of code, testedAt, lab, orf1abCt, orf1abResult, nCt, nResult, result, ' +
            'igm, igg → column header — and `file`). Bad rows are reported by line and column; all good rows are imported in one transaction.',
          consumes: ['multipart/form-data'],
          response: { 200: importResultSchema, ...errorResponses },
        },
      },
      async (request) => {
        if (!request.isMultipart()) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        }
        const fields: Record<string, string> = {};
        let file: { name: string; text: string } | null = null;
        for await (const part of request.parts({
          limits: { fileSize: MAX_LAB_FILE_BYTES, files: 1, fields: 5 },
        })) {
          if (part.type === 'file') {
            file = { name: part.filename || 'lab.csv', text: (await part.toBuffer()).toString('utf8') };
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
        const mapping = parseMapping(fields.mapping);
        if (!file) {
          throw new AppError('VALIDATION_FAILED', { details: [{ field: 'file', code: 'required' }] });
        }
        const upload = file;
        const actor = actorOf(request);
        const locale = localeOf(request.headers['accept-language']);
        return db.kysely
          .transaction()
          .execute((trx) => importLabFile(trx, actor, upload, mapping, tz, locale));
      },
    );
  });

  app.get(
    '/api/v1/lab-suggestions',
    {
      config: { access: 'samples:read' },
      schema: {
        tags,
        summary:
          'Suggestions and alerts the lab rules raised (convert, exclude, discharge, repositive), each naming the results it rests on',
        querystring: suggestionsQuery,
        response: { 200: z.object({ items: z.array(suggestionSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await listSuggestions(
        db.kysely,
        actorOf(request),
        request.query,
        localeOf(request.headers['accept-language']),
      ),
    }),
  );

  app.post(
    '/api/v1/lab-suggestions/:id/decide',
    {
      config: { access: 'suggestions:decide' },
      schema: {
        tags,
        summary:
          'Accept (do the one action: convert the contact to a case, exclude the suspected case, record the discharge) or dismiss',
        params: idParams,
        body: decideBody,
        response: {
          200: z.object({ suggestion: suggestionSchema, caseId: z.number().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) =>
          decideSuggestion(
            trx,
            actorOf(request),
            request.params.id,
            request.body,
            config,
            localeOf(request.headers['accept-language']),
          ),
        ),
  );
}
