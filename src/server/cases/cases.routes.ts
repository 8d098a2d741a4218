import { z } from 'zod';
import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { recordActorOf } from '../persons/persons.routes.ts';
import { personWriteErrors } from '../persons/persons.schema.ts';
import { searchCases } from './case-list.service.ts';
import {
  caseListItemSchema,
  caseSchema,
  classificationBody,
  listCasesQuery,
  reportCaseBody,
  updateCaseBody,
} from './cases.schema.ts';
import { changeClassification } from './classification.service.ts';
import { editCase, getCase, reportCase } from './cases.service.ts';

export async function casesRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['cases'];

  app.get(
    '/api/v1/cases',
    {
      config: { access: 'cases:read' },
      schema: {
        tags,
        summary:
          'Cases in the caller’s jurisdiction, filtered, newest report first (or by onset), keyset-paged',
        querystring: listCasesQuery,
        response: {
          200: z.object({ items: z.array(caseListItemSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => searchCases(db.kysely, recordActorOf(request), request.query, config),
  );

  app.post(
    '/api/v1/cases',
    {
      config: { access: 'cases:write' },
      schema: {
        tags,
        summary:
          'Report a case: person (new or existing), case number, investigation and its dispatch and report tasks, in one transaction',
        body: reportCaseBody,
        response: { 201: caseSchema, ...personWriteErrors },
      },
    },
    async (request, reply) => {
      const created = await db.kysely
        .transaction()
        .execute((trx) => reportCase(trx, recordActorOf(request), request.body, config));
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags,
        summary: 'One case with its person and classification history',
        params: idParams,
        response: { 200: caseSchema, ...errorResponses },
      },
    },
    async (request) => getCase(db.kysely, recordActorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/cases/:id',
    {
      config: { access: 'cases:write' },
      schema: {
        tags,
        summary: 'Edit a case’s report fields (send the version you read; a stale version gets 409)',
        params: idParams,
        body: updateCaseBody,
        response: { 200: caseSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => editCase(trx, recordActorOf(request), request.params.id, request.body, config)),
  );

  app.post(
    '/api/v1/cases/:id/classification',
    {
      config: { access: 'cases:write' },
      schema: {
        tags,
        summary:
          'Change the classification (PROTOCOLS §1); an exclusion needs two negative NATs ≥ 24 h apart as evidence',
        params: idParams,
        body: classificationBody,
        response: { 200: caseSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) => changeClassification(trx, recordActorOf(request), request.params.id, request.body)),
  );
}
