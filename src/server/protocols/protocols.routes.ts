import { errorResponses } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import {
  dischargePlanQuery,
  dischargePlanSchema,
  planQuery,
  planSchema,
  presetSchema,
  protocolListSchema,
  protocolParams,
  protocolQuery,
} from './protocols.schema.ts';
import { getProtocol, listProtocols, protocolDischargePlan, protocolPlan } from './protocols.service.ts';

export async function protocolsRoutes(app: App, { config }: Deps): Promise<void> {
  const tags = ['protocols'];

  app.get(
    '/api/v1/protocols',
    {
      config: { access: 'protocols:read' },
      schema: {
        tags,
        summary: 'The national protocol presets, oldest first, and the local overlays',
        response: { 200: protocolListSchema, ...errorResponses },
      },
    },
    async () => listProtocols(),
  );

  app.get(
    '/api/v1/protocols/:id',
    {
      config: { access: 'protocols:read' },
      schema: {
        tags,
        summary:
          'One preset in full (with a local overlay layered on when named): look-back, regimes with phases and test days, discharge follow-up',
        params: protocolParams,
        querystring: protocolQuery,
        response: { 200: presetSchema, ...errorResponses },
      },
    },
    async (request) => getProtocol(request.params.id, request.query.overlay),
  );

  app.get(
    '/api/v1/protocols/:id/plan',
    {
      config: { access: 'protocols:read' },
      schema: {
        tags,
        summary:
          'Phases and test days for one exposure, as calendar days in the deployment time zone (docs/decisions/004-day-counting.md)',
        params: protocolParams,
        querystring: planQuery,
        response: { 200: planSchema, ...errorResponses },
      },
    },
    async (request) => protocolPlan(request.params.id, request.query, config.timeZone),
  );

  app.get(
    '/api/v1/protocols/:id/discharge-plan',
    {
      config: { access: 'protocols:read' },
      schema: {
        tags,
        summary: 'Post-discharge observation, follow-up visits and sampling for a case discharged on a date',
        params: protocolParams,
        querystring: dischargePlanQuery,
        response: { 200: dischargePlanSchema, ...errorResponses },
      },
    },
    async (request) => protocolDischargePlan(request.params.id, request.query),
  );
}
