import { z } from 'zod';
import type { Classification, Severity } from '../../core/cases/classification.ts';
import { scopeOf } from '../../core/divisions/scope.ts';
import type { InvestigationState } from '../../core/investigations/states.ts';
import { maskName } from '../../core/identity/masking.ts';
import { nextDate, startOfDay } from '../../core/time/zone.ts';
import type { Executor } from '../db/transaction.ts';
import { fieldError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import { seesPersonal, type RecordActor } from '../persons/record-actor.ts';
import type { CaseListItem, ListCasesQuery, caseStatuses } from './cases.schema.ts';
import { listCases, type CaseListFilter, type CaseListRow } from './cases.repository.ts';

const cursorSchema = z.object({
  r: cursorValue.instant.optional(),
  o: cursorValue.date.nullable().optional(),
  id: cursorValue.id,
});

/**
 * The narrower of the actor's scope and the requested division, or null when they do not overlap (then
 * nothing is listed: a filter never widens what the actor may see).
 */
function effectiveScope(actorScope: string, division: string | undefined): string | null {
  if (division === undefined) {
    return actorScope;
  }
  const wanted = scopeOf(division);
  if (wanted.startsWith(actorScope)) {
    return wanted;
  }
  return actorScope.startsWith(wanted) ? actorScope : null;
}

function toItem(actor: RecordActor, row: CaseListRow): CaseListItem {
  // Every listed case is inside the actor's jurisdiction, so the role alone decides masking.
  const visible = seesPersonal(actor, true);
  return {
    id: Number(row.id),
    caseNumber: row.case_number,
    outbreakId: Number(row.outbreak_id),
    personId: Number(row.person_id),
    personName: visible ? row.person_name : maskName(row.person_name),
    personMasked: !visible,
    divisionCode: row.division_code,
    receivedAt: row.received_at,
    classification: row.classification as Classification,
    severity: row.severity as Severity | null,
    onsetDate: row.onset_date,
    status: row.status as (typeof caseStatuses)[number],
    investigationState: row.investigation_state as InvestigationState | null,
    version: row.version,
  };
}

/**
 * One page of cases in the actor's jurisdiction. Keyset paging on (received_at, id) or (onset_date, id):
 * the cursor carries the last row's key, and nothing counts the whole list.
 */
export async function searchCases(
  trx: Executor,
  actor: RecordActor,
  query: ListCasesQuery,
  settings: { timeZone: string },
): Promise<{ items: CaseListItem[]; nextCursor: string | null }> {
  if (query.onsetFrom !== undefined && query.onsetTo !== undefined && query.onsetTo < query.onsetFrom) {
    throw fieldError('onsetTo', 'end_before_start');
  }
  if (query.reportFrom !== undefined && query.reportTo !== undefined && query.reportTo < query.reportFrom) {
    throw fieldError('reportTo', 'end_before_start');
  }
  const after: CaseListFilter['after'] = cursorOf(query.cursor, cursorSchema);
  if (after && query.sort === 'received' && after.r === undefined) {
    throw fieldError('cursor', 'cursor');
  }
  const scope = effectiveScope(actor.scope, query.division);
  if (scope === null) {
    return { items: [], nextCursor: null };
  }
  const rows = await listCases(trx, {
    scope,
    outbreakId: query.outbreakId,
    classification: query.classification,
    status: query.status,
    onsetFrom: query.onsetFrom,
    onsetTo: query.onsetTo,
    receivedFrom:
      query.reportFrom === undefined ? undefined : startOfDay(query.reportFrom, settings.timeZone),
    receivedBefore:
      query.reportTo === undefined ? undefined : startOfDay(nextDate(query.reportTo), settings.timeZone),
    q: query.q,
    sort: query.sort,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (rows.length > query.limit && last) {
    nextCursor = encodeCursor(
      query.sort === 'received'
        ? { r: last.received_at, id: Number(last.id) }
        : { o: last.onset_date, id: Number(last.id) },
    );
  }
  return { items: page.map((row) => toItem(actor, row)), nextCursor };
}
