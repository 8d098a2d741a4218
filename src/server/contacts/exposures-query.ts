import { z } from 'zod';
import type { Executor } from '../db/transaction.ts';
import { fieldError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import type { RecordActor } from '../persons/record-actor.ts';
import { presentExposure } from './contact-view.ts';
import { listExposures } from './contacts.repository.ts';
import type { ExposureListItem, ListExposuresQuery } from './contacts.schema.ts';

const cursorSchema = z.object({ l: cursorValue.instant, id: cursorValue.id });

/** One page of the exposures of contacts in the actor's jurisdiction, newest last exposure first. */
export async function searchExposures(
  trx: Executor,
  actor: RecordActor,
  query: ListExposuresQuery,
): Promise<{ items: ExposureListItem[]; nextCursor: string | null }> {
  if (query.from !== undefined && query.to !== undefined && query.to <= query.from) {
    throw fieldError('to', 'end_after_start');
  }
  const decoded = cursorOf(query.cursor, cursorSchema);
  const before = decoded && { lastAt: decoded.l, id: decoded.id };
  const rows = await listExposures(trx, {
    scope: actor.scope,
    contactId: query.contactId,
    caseId: query.caseId,
    from: query.from,
    to: query.to,
    before,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...presentExposure(actor, row), contactId: Number(row.contact_id) })),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ l: last.last_at, id: Number(last.id) }) : null,
  };
}
