import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { convertToCase, logTracingAttempt, recordTestResult } from './contact-actions.ts';
import { contactDetailSchema } from './contact-detail.schema.ts';
import { changeStatus, releaseContact } from './contact-workflow.ts';
import { bulkAddContacts } from './contacts-bulk.ts';
import { contactDetail, searchContacts } from './contacts-query.ts';
import {
  bulkBody,
  contactSchema,
  convertBody,
  createContactBody,
  createSecondaryBody,
  exposureBody,
  exposureListItemSchema,
  listContactsQuery,
  listExposuresQuery,
  plannedTestSchema,
  releaseBody,
  statusBody,
  testResultBody,
  tracingAttemptSchema,
  tracingBody,
} from './contacts.schema.ts';
import { addExposure, createContactOfCase, createSecondaryContact } from './contacts.service.ts';
import { searchExposures } from './exposures-query.ts';

const actorOf = (request: FastifyRequest): RecordActor => requireActor(request);

export async function contactsRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['contacts'];
  const settings = { timeZone: config.timeZone, followUpsPerDay: config.followUpsPerDay };

  app.get(
    '/api/v1/contacts',
    {
      config: { access: 'contacts:read' },
      schema: {
        tags,
        summary:
          'Contacts inside the caller’s jurisdiction, newest first (keyset paging). Filters: source case, status, ' +
          'classification, site (open placement), placement (home or site: under observation with an open placement ' +
          'of that kind), dueToday (a planned test due today), releaseDue (plan ended by today, still under ' +
          'observation), releaseDueBy (plan ended on or before that day), divisionCode prefix (street / village), q (name, document number, phone). ' +
          'Personal fields are masked for roles without personal:read.',
        querystring: listContactsQuery,
        response: {
          200: z.object({ items: z.array(contactSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => searchContacts(db.kysely, actorOf(request), request.query, settings),
  );

  app.get(
    '/api/v1/contacts/:id',
    {
      config: { access: 'contacts:read' },
      schema: {
        tags,
        summary:
          'One contact with exposures, plan (phases, tests with done state), placements, calls, follow-ups, missed days and alerts',
        params: idParams,
        response: { 200: contactDetailSchema, ...errorResponses },
      },
    },
    async (request) => contactDetail(db.kysely, actorOf(request), request.params.id, settings),
  );

  app.post(
    '/api/v1/cases/:id/contacts',
    {
      config: { access: 'contacts:write' },
      schema: {
        tags,
        summary:
          'Add a close or general contact of a case: a person (by id, or created / found by document number) and one ' +
          'exposure. A person already an open contact in the outbreak gets the exposure added instead. The plan ' +
          '(phases and dated test tasks) is computed from the outbreak’s protocol. An exposure outside the case’s ' +
          'look-back window is refused with 409 (details[0].code = outside_lookback, error.conflict = OUTSIDE_LOOKBACK) ' +
          'unless exposure.confirmOutsideWindow is true.',
        params: idParams,
        body: createContactBody,
        response: { 201: contactSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const contact = await db.kysely
        .transaction()
        .execute((trx) =>
          createContactOfCase(trx, actorOf(request), request.params.id, request.body, settings),
        );
      return reply.status(201).send(contact);
    },
  );

  app.post(
    '/api/v1/cases/:id/contacts/bulk',
    {
      config: { access: 'contacts:write' },
      schema: {
        tags,
        summary:
          'Add many contacts of a case at once (a grid pasted from a spreadsheet). All-or-nothing: any bad row answers ' +
          '400 listing every problem as details[].field = rows.<index>.<field>, and nothing is written.',
        params: idParams,
        body: bulkBody,
        response: {
          201: z.object({ created: z.number(), exposuresAdded: z.number(), contactIds: z.array(z.number()) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await db.kysely
        .transaction()
        .execute((trx) =>
          bulkAddContacts(trx, actorOf(request), request.params.id, request.body.rows, settings),
        );
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/v1/contacts/:id/secondary-contacts',
    {
      config: { access: 'contacts:write' },
      schema: {
        tags,
        summary:
          'Add a secondary contact (密接的密接) of a close contact: only where the outbreak’s protocol determines them ' +
          '(editions 7–9); otherwise 400 secondary_not_determined.',
        params: idParams,
        body: createSecondaryBody,
        response: { 201: contactSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const contact = await db.kysely
        .transaction()
        .execute((trx) =>
          createSecondaryContact(trx, actorOf(request), request.params.id, request.body, settings),
        );
      return reply.status(201).send(contact);
    },
  );

  app.post(
    '/api/v1/contacts/:id/exposures',
    {
      config: { access: 'contacts:write' },
      schema: {
        tags,
        summary:
          'Add an exposure (source defaults to the contact’s own); the plan restarts from the latest exposure, ' +
          'completed tests stay, pending tests the new plan no longer has are cancelled.',
        params: idParams,
        body: exposureBody.extend({
          sourceCaseId: z.number().int().positive().optional(),
          sourceContactId: z.number().int().positive().optional(),
        }),
        response: { 201: contactSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const contact = await db.kysely
        .transaction()
        .execute((trx) => addExposure(trx, actorOf(request), request.params.id, request.body, settings));
      return reply.status(201).send(contact);
    },
  );

  app.get(
    '/api/v1/exposures',
    {
      config: { access: 'contacts:read' },
      schema: {
        tags,
        summary:
          'Exposures of the contacts inside the caller’s jurisdiction, latest last exposure first (keyset paging on ' +
          'lastExposureAt, then id). Filters: contactId, caseId (exposures to that case itself), from / to on ' +
          'lastExposureAt (from inclusive, to exclusive). Place and seat are masked for roles without personal:read.',
        querystring: listExposuresQuery,
        response: {
          200: z.object({ items: z.array(exposureListItemSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => searchExposures(db.kysely, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/contacts/:id/status',
    {
      config: { access: 'contacts:write' },
      schema: {
        tags,
        summary:
          'Move a contact to notified, home_monitoring (checks out of the site) or lost (reason required). ' +
          'Placement, release and conversion have their own routes.',
        params: idParams,
        body: statusBody,
        response: { 200: contactSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => changeStatus(trx, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/contacts/:id/release',
    {
      config: { access: 'placements:write' },
      schema: {
        tags,
        summary:
          'Release from observation. Before the plan’s end a reason is required. A secondary contact (editions 8/9) ' +
          'is released only if its close contact’s first two tests were negative; if that contact turned positive ' +
          'or became a case the answer is outcome = upgraded (now a close contact with a restarted plan); ' +
          'while results are missing, 409 secondary_awaiting.',
        params: idParams,
        body: releaseBody,
        response: {
          200: z.object({ outcome: z.enum(['released', 'upgraded']), contact: contactSchema }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => releaseContact(trx, actorOf(request), request.params.id, request.body, settings)),
  );

  app.post(
    '/api/v1/contacts/:id/convert',
    {
      config: { access: 'contacts:convert' },
      schema: {
        tags,
        summary:
          'The contact became a case: reports the case (same person and outbreak, discovered by contact screening, ' +
          'with its investigation), links it as convertedCaseId, ends observation.',
        params: idParams,
        body: convertBody,
        response: {
          201: z.object({ contact: contactSchema, caseId: z.number(), caseNumber: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await db.kysely
        .transaction()
        .execute((trx) => convertToCase(trx, actorOf(request), request.params.id, request.body, config));
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/v1/contacts/:id/tracing',
    {
      config: { access: 'tracing:write' },
      schema: {
        tags,
        summary:
          'Log a phone-tracing attempt (number normalised; outcome reached / no_answer / wrong_number / refused / other)',
        params: idParams,
        body: tracingBody,
        response: { 201: tracingAttemptSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const attempt = await db.kysely
        .transaction()
        .execute((trx) => logTracingAttempt(trx, actorOf(request), request.params.id, request.body));
      return reply.status(201).send(attempt);
    },
  );

  app.post(
    '/api/v1/contacts/:id/tests/:testId/result',
    {
      config: { access: 'contact-tests:write' },
      schema: {
        tags,
        summary:
          'Record the result of a planned test (closes its sample task). A positive result raises an alert. ' +
          'Stands in for lab results until the samples capability records them.',
        params: z.strictObject({
          id: z.coerce.number().int().positive(),
          testId: z.coerce.number().int().positive(),
        }),
        body: testResultBody,
        response: { 200: plannedTestSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) =>
          recordTestResult(trx, actorOf(request), request.params.id, request.params.testId, request.body),
        ),
  );
}
