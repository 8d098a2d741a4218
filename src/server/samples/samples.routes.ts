import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { localeOf } from '../errors/messages.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { buildDayList } from './day-list.ts';
import { dayListDocx, dayListWorkbook, labelSheetDocx } from './day-list-files.ts';
import { dischargeFollowUp, recordDischarge } from './discharge.service.ts';
import { addKeyPerson } from './key-persons.ts';
import { syncContactSamples } from './sampling-plans.ts';
import {
  createSampleBody,
  dayListQuery,
  dayListSchema,
  dischargeBody,
  keyPersonBody,
  poolBody,
  poolSchema,
  receiveBody,
  registerBody,
  sampleSchema,
} from './samples.schema.ts';
import {
  createPool,
  createSample,
  presentPool,
  receiveSamples,
  registerByCode,
  toSample,
} from './samples.service.ts';
import { findSample } from './samples.repository.ts';
import { AppError } from '../errors/app-error.ts';
import { labRoutes } from './lab.routes.ts';
import { listedSampleSchema, withName } from './sample-list.ts';
import { sampleListRoutes } from './sample-list.routes.ts';

const actorOf = (request: FastifyRequest): RecordActor => requireActor(request);

const followUpSchema = z.object({
  caseId: z.number(),
  dischargeDate: z.string().nullable(),
  version: z.number().nullable(),
  observation: z
    .object({
      type: z.string(),
      start: z.string(),
      end: z.string(),
      day: z.number().nullable(),
      ended: z.boolean(),
    })
    .nullable(),
  visits: z.array(
    z.object({ taskId: z.number(), title: z.string(), dueAt: z.string().nullable(), status: z.string() }),
  ),
  samplings: z.array(
    z.object({
      ref: z.string(),
      label: z.string(),
      start: z.string(),
      end: z.string(),
      state: z.enum(['upcoming', 'due', 'overdue', 'done']),
      samples: z.array(sampleSchema),
    }),
  ),
});

function attachment(name: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sampling plans, day lists and labels, samples and pools, discharges; lab results in lab.routes.ts. */
export async function samplesRoutes(app: App, deps: Deps): Promise<void> {
  const { db, config } = deps;
  const tags = ['samples'];
  const tz = config.timeZone;

  app.get(
    '/api/v1/sampling/day-list',
    {
      config: { access: 'samples:read' },
      schema: {
        tags,
        summary:
          'What to collect on a date, grouped by quarantine site or village (division prefix), with addresses and phones ' +
          'masked for roles without personal:read. Contact tests due that day get their planned samples first.',
        querystring: dayListQuery,
        response: { 200: dayListSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely.transaction().execute((trx) => buildDayList(trx, actorOf(request), request.query)),
  );

  for (const [suffix, kind] of [
    ['docx', 'docx'],
    ['xlsx', 'xlsx'],
    ['labels.docx', 'labels'],
  ] as const) {
    app.get(
      `/api/v1/sampling/day-list.${suffix}`,
      {
        config: { access: 'samples:read' },
        schema: {
          tags,
          summary:
            kind === 'labels'
              ? 'Label sheet for the day list (.docx): a Code 128 barcode of each sample code, name and specimen'
              : `The day list as .${kind}, one table per village or site`,
          querystring: dayListQuery,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const list = await db.kysely.transaction().execute((trx) => buildDayList(trx, actor, request.query));
        const place =
          list.groups.length === 1 ? (list.groups[0]?.name ?? '') : (request.query.division ?? '');
        if (kind === 'xlsx') {
          return reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', attachment(`采样清单-${list.date}.xlsx`))
            .send(await dayListWorkbook(list));
        }
        const bytes = kind === 'labels' ? await labelSheetDocx(list) : await dayListDocx(list, place);
        return reply
          .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header(
            'content-disposition',
            attachment(`${kind === 'labels' ? '样本标签' : '采样清单'}-${list.date}.docx`),
          )
          .send(bytes);
      },
    );
  }

  app.post(
    '/api/v1/sampling/plans/sync',
    {
      config: { access: 'samples:write' },
      schema: {
        tags,
        summary:
          'Give every pending contact test of an outbreak its planned samples and cancel those of cancelled tests (idempotent)',
        body: z.strictObject({ outbreakId: z.number().int().positive() }),
        response: { 200: z.object({ planned: z.number(), cancelled: z.number() }), ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) =>
          syncContactSamples(trx, { outbreakId: request.body.outbreakId, scope: actorOf(request).scope }),
        ),
  );

  app.post(
    '/api/v1/samples/register',
    {
      config: { access: 'samples:write' },
      schema: {
        tags,
        summary:
          'Register a scanned code: the planned sample is collected now by the current user. A code registered before is a ' +
          '409 naming `code`; an unknown code a 404 naming `code`; a future collectedAt a 400. The answer names the ' +
          'person (masked per role) so that the sampler sees whose tube was scanned.',
        body: registerBody,
        response: { 200: listedSampleSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely.transaction().execute(async (trx) => {
        const actor = actorOf(request);
        return withName(trx, actor, await registerByCode(trx, actor, request.body));
      }),
  );

  app.post(
    '/api/v1/samples',
    {
      config: { access: 'samples:write' },
      schema: {
        tags,
        summary:
          'A sample outside the plans: planned for a day, or already collected (collectedAt, not in the future)',
        body: createSampleBody,
        response: { 201: sampleSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const sample = await db.kysely
        .transaction()
        .execute((trx) => createSample(trx, actorOf(request), request.body, tz));
      return reply.status(201).send(sample);
    },
  );

  app.get(
    '/api/v1/samples/:id',
    {
      config: { access: 'samples:read' },
      schema: {
        tags,
        summary: 'One sample',
        params: idParams,
        response: { 200: sampleSchema, ...errorResponses },
      },
    },
    async (request) => {
      const row = await findSample(db.kysely, request.params.id, actorOf(request).scope);
      if (!row) {
        throw new AppError('NOT_FOUND', { params: { entity: '样本 / sample' } });
      }
      return toSample(row);
    },
  );

  app.post(
    '/api/v1/sample-pools',
    {
      config: { access: 'samples:write' },
      schema: {
        tags,
        summary: `Pool collected samples in one tube (混采): at most SAOLEI_POOL_MAX (default 10); one more is a 400 naming codes`,
        body: poolBody,
        response: { 201: poolSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const pool = await db.kysely
        .transaction()
        .execute((trx) => createPool(trx, actorOf(request), request.body, config.poolMax));
      return reply.status(201).send(pool);
    },
  );

  app.get(
    '/api/v1/sample-pools/:id',
    {
      config: { access: 'samples:read' },
      schema: {
        tags,
        summary: 'A pool with its members',
        params: idParams,
        response: { 200: poolSchema, ...errorResponses },
      },
    },
    async (request) => {
      const pool = await presentPool(db.kysely, request.params.id).catch(() => null);
      if (!pool || pool.members.every((m) => !m.divisionCode.startsWith(actorOf(request).scope))) {
        throw new AppError('NOT_FOUND', { params: { entity: '混采管 / pool' } });
      }
      return pool;
    },
  );

  app.post(
    '/api/v1/samples/receive',
    {
      config: { access: 'samples:write' },
      schema: {
        tags,
        summary: 'The lab received these sample or pool codes (collected → received)',
        body: receiveBody,
        response: { 200: z.object({ received: z.number() }), ...errorResponses },
      },
    },
    async (request) =>
      db.kysely.transaction().execute((trx) => receiveSamples(trx, actorOf(request), request.body)),
  );

  app.post(
    '/api/v1/key-persons',
    {
      config: { access: 'samples:write' },
      schema: {
        tags,
        summary:
          'A key person (inbound traveller etc.) sampled on the test days of the chosen contact rule from the arrival',
        body: keyPersonBody,
        response: { 201: z.object({ id: z.number(), samples: z.array(sampleSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await db.kysely
        .transaction()
        .execute((trx) => addKeyPerson(trx, actorOf(request), request.body, tz));
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/api/v1/cases/:id/discharge',
    {
      config: { access: 'discharges:write' },
      schema: {
        tags,
        summary:
          'Record (or move) the discharge date: the case is discharged and its follow-up (observation, visits, samplings of ' +
          'the preset and overlay) is planned; collected samples are kept, planned ones of the old date cancelled.',
        params: idParams,
        body: dischargeBody,
        response: { 200: followUpSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => recordDischarge(trx, actorOf(request), request.params.id, request.body, tz)),
  );

  app.get(
    '/api/v1/cases/:id/discharge-follow-up',
    {
      config: { access: 'samples:read' },
      schema: {
        tags,
        summary:
          'Where a discharged case’s follow-up stands: observation day, visits, sampling windows and their samples',
        params: idParams,
        response: { 200: followUpSchema, ...errorResponses },
      },
    },
    async (request) => dischargeFollowUp(db.kysely, actorOf(request), request.params.id, tz),
  );

  sampleListRoutes(app, deps);
  await labRoutes(app, deps, localeOf);
}
