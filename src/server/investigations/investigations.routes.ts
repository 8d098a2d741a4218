import { errorResponses, idParams } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { recordActorOf } from '../persons/persons.routes.ts';
import {
  clockListQuery,
  clockListSchema,
  investigationSchema,
  transitionBody,
  updateInvestigationBody,
} from './investigations.schema.ts';
import {
  editInvestigation,
  getInvestigation,
  listClocks,
  transitionInvestigation,
} from './investigations.service.ts';

export async function investigationsRoutes(app: App, { db, config }: Deps): Promise<void> {
  const tags = ['investigations'];

  app.get(
    '/api/v1/cases/:id/investigation',
    {
      config: { access: 'investigations:read' },
      schema: {
        tags,
        summary: 'The case’s investigation: state, team, form and clocks',
        params: idParams,
        response: { 200: investigationSchema, ...errorResponses },
      },
    },
    async (request) => getInvestigation(db.kysely, recordActorOf(request), request.params.id, config),
  );

  app.patch(
    '/api/v1/cases/:id/investigation',
    {
      config: { access: 'investigations:write' },
      schema: {
        tags,
        summary: 'Save the form draft, team and lead (send the version you read; a stale version gets 409)',
        params: idParams,
        body: updateInvestigationBody,
        response: { 200: investigationSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) =>
          editInvestigation(trx, recordActorOf(request), request.params.id, request.body, config),
        ),
  );

  app.post(
    '/api/v1/cases/:id/investigation/transition',
    {
      config: { access: 'investigations:write' },
      schema: {
        tags,
        summary: 'Move the investigation one step (待派出 → 已派出 → 已到达 → 调查中 → 待审核 → 已报送)',
        params: idParams,
        body: transitionBody,
        response: { 200: investigationSchema, ...errorResponses },
      },
    },
    async (request) =>
      db.kysely
        .transaction()
        .execute((trx) =>
          transitionInvestigation(trx, recordActorOf(request), request.params.id, request.body, config),
        ),
  );

  app.get(
    '/api/v1/investigations/clocks',
    {
      config: { access: 'investigations:read' },
      schema: {
        tags,
        summary:
          'Deadlines, remaining seconds and overdue flags of every open investigation, computed by the server',
        querystring: clockListQuery,
        response: { 200: clockListSchema, ...errorResponses },
      },
    },
    async (request) => listClocks(db.kysely, recordActorOf(request), request.query, config, false),
  );

  app.get(
    '/api/v1/investigations/overdue',
    {
      config: { access: 'investigations:read' },
      schema: {
        tags,
        summary: 'Open investigations with a clock past its deadline',
        querystring: clockListQuery,
        response: { 200: clockListSchema, ...errorResponses },
      },
    },
    async (request) => listClocks(db.kysely, recordActorOf(request), request.query, config, true),
  );
}
