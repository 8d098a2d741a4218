import type { Kysely } from 'kysely';
import { isWithin } from '../../core/divisions/scope.ts';
import { maskDocumentNumber, maskName, maskPhone } from '../../core/identity/masking.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database, DiscoveryRunRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import { lookBackOfCases } from '../places/case-windows.ts';
import { auditOf, seesPersonal, type RecordActor } from '../persons/record-actor.ts';
import { caseVisitsOfOutbreak, ownExternalIds } from './case-visits.ts';
import {
  countsByPlace,
  findRun,
  insertCandidates,
  listCandidates,
  runsOfOutbreak,
  type CandidateRecord,
} from './discovery.repository.ts';
import type { Candidate, DiscoveryRun, ListCandidatesQuery } from './discovery.schema.ts';
import { matchOverStore, type DiscoveryParams } from './match-store.ts';
import { z } from 'zod';

export function toRun(row: DiscoveryRunRow): DiscoveryRun {
  const params: unknown = JSON.parse(row.params);
  const read = (key: string, fallback: number) =>
    typeof params === 'object' && params !== null && key in params
      ? Number((params as Record<string, unknown>)[key])
      : fallback;
  return {
    id: Number(row.id),
    outbreakId: Number(row.outbreak_id),
    tolerance: read('tolerance', 1800),
    minOverlap: read('minOverlap', 600),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    caseVisits: row.case_visits,
    visitsScanned: Number(row.visits_scanned),
    candidates: row.candidates,
    companions: row.companions,
    username: row.username,
  };
}

async function requireOutbreak(db: Executor, scope: string, outbreakId: number): Promise<void> {
  const row = await db
    .selectFrom('outbreaks')
    .select(['id', 'division_code'])
    .where('id', '=', outbreakId)
    .where('division_code', 'like', `${scope}%`)
    .executeTakeFirst();
  if (!row || !isWithin(scope, row.division_code)) {
    throw new AppError('NOT_FOUND', { params: { entity: '疫情 / outbreak' } });
  }
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * Discovery for an outbreak: the outbreak's case visits (trajectory entries at places with venue codes,
 * inside each case's look-back window) against the whole visit store. Stores the run and its candidates
 * with one audit event in one transaction.
 */
export async function runDiscovery(
  db: Kysely<Database>,
  actor: RecordActor,
  outbreakId: number,
  params: DiscoveryParams,
  settings: { dataDir: string; timeZone: string; keepLog?: boolean },
): Promise<DiscoveryRun> {
  await requireOutbreak(db, actor.scope, outbreakId);
  const startedAt = now();
  const caseVisits = await caseVisitsOfOutbreak(db, outbreakId, settings.timeZone);
  const own = await ownExternalIds(db, outbreakId);
  const windows = await lookBackOfCases(db, [...own.keys()], settings.timeZone);
  const lookBacks = new Map<number, { start: number; end: number }>();
  for (const [caseId, w] of windows) {
    if (!w.excluded) {
      lookBacks.set(caseId, {
        start: w.start === null ? -Infinity : Date.parse(w.start) / 1000,
        end: w.end === null ? Infinity : Date.parse(w.end) / 1000,
      });
    }
  }
  const outcome = matchOverStore(settings.dataDir, caseVisits, own, lookBacks, params, settings.keepLog);
  return db.transaction().execute(async (trx) => {
    const refIds = new Map<string, number>();
    const externalIds = [...new Set(outcome.candidates.map((c) => c.externalPersonId))];
    for (let i = 0; i < externalIds.length; i += 500) {
      const refs = await trx
        .selectFrom('visit_person_refs')
        .select(['id', 'external_id'])
        .where('external_id', 'in', externalIds.slice(i, i + 500))
        .execute();
      for (const ref of refs) {
        refIds.set(ref.external_id, Number(ref.id));
      }
    }
    const companions = outcome.candidates.filter((c) => c.kind === 'companion').length;
    const run = await trx
      .insertInto('discovery_runs')
      .values({
        outbreak_id: outbreakId,
        params: JSON.stringify(params),
        started_at: startedAt,
        finished_at: now(),
        case_visits: outcome.caseVisits,
        visits_scanned: outcome.visitsScanned,
        candidates: outcome.candidates.length - companions,
        companions,
        user_id: actor.userId,
        username: actor.username,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    const runId = Number(run.id);
    await insertCandidates(
      trx,
      outcome.candidates.map((c) => ({
        run_id: runId,
        kind: c.kind,
        external_person_id: c.externalPersonId,
        person_ref_id: refIds.get(c.externalPersonId) ?? null,
        case_id: c.caseId,
        place_id: c.placeId,
        cell: c.cell,
        overlap_seconds: c.overlapSeconds,
        first_at: iso(c.firstAt),
        last_at: iso(c.lastAt),
        status: 'pending',
        reason: null,
        contact_id: null,
        decided_at: null,
        decided_by: null,
        version: 1,
      })),
    );
    await recordAudit(trx, auditOf(actor), {
      action: 'discovery.run',
      entity: 'discovery_run',
      entityId: runId,
      changes: {
        outbreakId: { after: outbreakId },
        tolerance: { after: params.tolerance },
        minOverlap: { after: params.minOverlap },
        candidates: { after: outcome.candidates.length - companions },
        companions: { after: companions },
      },
    });
    const row = await findRun(trx, runId, '');
    if (!row) {
      throw new AppError('NOT_FOUND', { params: { entity: 'run' } });
    }
    return toRun(row);
  });
}

export async function getRun(db: Executor, actor: RecordActor, id: number): Promise<DiscoveryRun> {
  const row = await findRun(db, id, actor.scope);
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: '发现批次 / discovery run' } });
  }
  return toRun(row);
}

export async function listRuns(
  db: Executor,
  actor: RecordActor,
  outbreakId: number,
): Promise<DiscoveryRun[]> {
  await requireOutbreak(db, actor.scope, outbreakId);
  return (await runsOfOutbreak(db, outbreakId, 20)).map(toRun);
}

function candidateStatus(value: string): Candidate['status'] {
  return value === 'confirmed' || value === 'dismissed' ? value : 'pending';
}

export function toCandidate(actor: RecordActor, row: NonNullable<CandidateRecord>): Candidate {
  const reveal = seesPersonal(actor, isWithin(actor.scope, row.division_code));
  const person =
    row.person_ref_id === null
      ? null
      : {
          name: row.ref_name === null ? null : reveal ? row.ref_name : maskName(row.ref_name),
          documentType: row.ref_document_type,
          documentNumber:
            row.ref_document_number === null
              ? null
              : reveal
                ? row.ref_document_number
                : maskDocumentNumber(row.ref_document_number),
          phone: row.ref_phone === null ? null : reveal ? row.ref_phone : maskPhone(row.ref_phone),
          masked: !reveal,
        };
  return {
    id: Number(row.id),
    runId: Number(row.run_id),
    kind: row.kind === 'companion' ? 'companion' : 'contact',
    externalPersonId: row.external_person_id,
    person,
    caseId: Number(row.case_id),
    caseNumber: row.case_number,
    placeId: row.place_id === null ? null : Number(row.place_id),
    placeName: row.place_name,
    cell: row.cell,
    overlapSeconds: row.overlap_seconds,
    firstAt: row.first_at,
    lastAt: row.last_at,
    status: candidateStatus(row.status),
    reason: row.reason,
    contactId: row.contact_id === null ? null : Number(row.contact_id),
    version: row.version,
  };
}

const cursorSchema = z.object({ i: cursorValue.id });

export async function searchCandidates(
  db: Executor,
  actor: RecordActor,
  runId: number,
  query: ListCandidatesQuery,
) {
  await getRun(db, actor, runId);
  const afterId = cursorOf(query.cursor, cursorSchema)?.i;
  const rows = await listCandidates(db, {
    runId,
    scope: actor.scope,
    status: query.status,
    kind: query.kind,
    placeId: query.placeId,
    afterId,
    limit: query.limit + 1,
  });
  const items = rows.slice(0, query.limit).map((row) => toCandidate(actor, row));
  const last = items.at(-1);
  const counts = await countsByPlace(db, runId, actor.scope);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ i: last.id }) : null,
    countsByPlace: counts.map((c) => ({
      placeId: c.place_id === null ? null : Number(c.place_id),
      placeName: c.name,
      candidates: Number(c.n),
      pending: Number(c.pending),
    })),
  };
}
