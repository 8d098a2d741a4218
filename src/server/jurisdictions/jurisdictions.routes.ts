import { z } from 'zod';
import { divisionCodePattern } from '../../core/divisions/scope.ts';
import { requireActor } from '../access/guard.ts';
import { errorResponses } from '../http/schemas.ts';
import type { App, Deps } from '../http/types.ts';
import { addDivision, getDivisionWithPath, listChildren } from './jurisdictions.service.ts';

const divisionCode = z.string().regex(divisionCodePattern, 'division_code');

const divisionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['province', 'city', 'county', 'township', 'village']),
    parentCode: z.string().nullable(),
    hasChildren: z.boolean().optional(),
  })
  .meta({ id: 'Division' });

export async function jurisdictionsRoutes(app: App, { db }: Deps): Promise<void> {
  app.get(
    '/api/v1/jurisdictions',
    {
      config: { access: 'jurisdictions:read' },
      schema: {
        tags: ['jurisdictions'],
        summary: 'Children of a division (the roots without `parent`)',
        querystring: z.strictObject({ parent: divisionCode.optional() }),
        response: { 200: z.object({ items: z.array(divisionSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listChildren(db, request.query.parent ?? null) }),
  );

  app.get(
    '/api/v1/jurisdictions/:code',
    {
      config: { access: 'jurisdictions:read' },
      schema: {
        tags: ['jurisdictions'],
        summary: 'One division with its path from the root',
        params: z.strictObject({ code: divisionCode }),
        response: {
          200: z.object({ division: divisionSchema, path: z.array(divisionSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => getDivisionWithPath(db, request.params.code),
  );

  app.post(
    '/api/v1/jurisdictions',
    {
      config: { access: 'jurisdictions:write' },
      schema: {
        tags: ['jurisdictions'],
        summary: 'Add a division under an existing parent',
        body: z.strictObject({ code: divisionCode, name: z.string().trim().min(1).max(100) }),
        response: { 201: divisionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const division = await addDivision(db, requireActor(request), request.body.code, request.body.name);
      return reply.status(201).send(division);
    },
  );
}
