import { z } from 'zod';
import { isWithin, scopeOf } from '../../core/divisions/scope.ts';
import { ProtocolInputError } from '../../core/protocols/errors.ts';
import { resolveProtocol } from '../../core/protocols/resolve.ts';
import { diff, recordAudit } from '../audit/audit.service.ts';
import type { OutbreakRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import { findDivision } from '../jurisdictions/jurisdictions.repository.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import type {
  CreateOutbreakInput,
  ListOutbreaksQuery,
  Outbreak,
  UpdateOutbreakInput,
} from './outbreaks.schema.ts';
import {
  findOutbreak,
  findOutbreakByName,
  insertOutbreak,
  listOutbreaks,
  updateOutbreak,
} from './outbreaks.repository.ts';

export function toOutbreak(row: OutbreakRow): Outbreak {
  return {
    id: Number(row.id),
    name: row.name,
    disease: row.disease,
    presetId: row.preset_id,
    overlayId: row.overlay_id,
    overlayText: row.overlay_text,
    startDate: row.start_date,
    divisionCode: row.division_code,
    caseNumberMask: row.case_number_mask,
    caseCount: row.case_counter,
    archived: row.archived === 1,
    archivedReason: row.archived === 1 ? row.archived_reason : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/**
 * An outbreak concerns the divisions above and below the one it was declared for. `listOutbreaks` selects
 * the same in SQL through `codesHolding`; scope.test.ts checks that the two agree.
 */
export function concerns(actor: RecordActor, divisionCode: string): boolean {
  return isWithin(actor.scope, divisionCode) || actor.scope.startsWith(scopeOf(divisionCode));
}

/** The case number for counter value `n`: the run of # becomes n zero-padded to the run's width. */
export function formatCaseNumber(mask: string, n: number): string {
  return mask.replace(/#+/, (run) => String(n).padStart(run.length, '0'));
}

export async function requireOutbreak(trx: Executor, actor: RecordActor, id: number): Promise<OutbreakRow> {
  const row = await findOutbreak(trx, id);
  if (!row || !concerns(actor, row.division_code)) {
    throw new AppError('NOT_FOUND', { params: { entity: '疫情 / outbreak' } });
  }
  return row;
}

/**
 * The preset and the local overlay must make a protocol: an unknown overlay, or one for another
 * preset, would otherwise be stored and fail every plan of the outbreak's contacts later.
 */
function checkProtocol(presetId: string, overlayId: string | null | undefined): void {
  try {
    resolveProtocol(presetId, overlayId);
  } catch (error) {
    if (error instanceof ProtocolInputError) {
      throw fieldError(error.field === 'overlay' ? 'overlayId' : error.field, error.code, error.params);
    }
    throw error;
  }
}

export async function createOutbreak(
  trx: Executor,
  actor: RecordActor,
  input: CreateOutbreakInput,
): Promise<Outbreak> {
  if (!(await findDivision(trx, input.divisionCode))) {
    throw fieldError('divisionCode', 'unknown_jurisdiction');
  }
  if (!isWithin(actor.scope, input.divisionCode)) {
    throw fieldError('divisionCode', 'outside_jurisdiction');
  }
  checkProtocol(input.presetId, input.overlayId);
  if (await findOutbreakByName(trx, input.name)) {
    throw new AppError('DUPLICATE', {
      params: { entity: input.name },
      details: [{ field: 'name', code: 'duplicate', params: { value: input.name } }],
    });
  }
  const at = now();
  const row = await insertOutbreak(trx, {
    name: input.name,
    disease: input.disease,
    preset_id: input.presetId,
    overlay_id: input.overlayId ?? null,
    overlay_text: input.overlayText ?? null,
    start_date: input.startDate,
    division_code: input.divisionCode,
    case_number_mask: input.caseNumberMask,
    case_counter: 0,
    created_at: at,
    updated_at: at,
    version: 1,
    archived: 0,
  });
  const outbreak = toOutbreak(row);
  await recordAudit(trx, auditOf(actor), {
    action: 'outbreak.create',
    entity: 'outbreak',
    entityId: outbreak.id,
    changes: diff(null, { ...input }),
  });
  return outbreak;
}

export async function editOutbreak(
  trx: Executor,
  actor: RecordActor,
  id: number,
  input: UpdateOutbreakInput,
): Promise<Outbreak> {
  const before = await requireOutbreak(trx, actor, id);
  if (!isWithin(actor.scope, before.division_code)) {
    throw new AppError('FORBIDDEN');
  }
  if (before.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: before.version } });
  }
  checkProtocol(
    input.presetId ?? before.preset_id,
    input.overlayId === undefined ? before.overlay_id : input.overlayId,
  );
  if (input.name !== undefined && input.name !== before.name && (await findOutbreakByName(trx, input.name))) {
    throw new AppError('DUPLICATE', {
      params: { entity: input.name },
      details: [{ field: 'name', code: 'duplicate', params: { value: input.name } }],
    });
  }
  const row = await updateOutbreak(trx, id, input.version, {
    name: input.name,
    disease: input.disease,
    preset_id: input.presetId,
    overlay_id: input.overlayId,
    overlay_text: input.overlayText,
    start_date: input.startDate,
    case_number_mask: input.caseNumberMask,
    archived: input.archived === undefined ? undefined : input.archived ? 1 : 0,
    archived_reason: input.archived === undefined ? undefined : input.archived ? input.archivedReason : null,
    updated_at: now(),
  });
  if (!row) {
    throw new AppError('VERSION_CONFLICT');
  }
  const { version: _v1, updatedAt: _u1, ...beforeFields } = toOutbreak(before);
  const { version: _v2, updatedAt: _u2, ...afterFields } = toOutbreak(row);
  await recordAudit(trx, auditOf(actor), {
    action: 'outbreak.update',
    entity: 'outbreak',
    entityId: id,
    changes: diff(beforeFields, afterFields),
  });
  return toOutbreak(row);
}

export async function getOutbreak(trx: Executor, actor: RecordActor, id: number): Promise<Outbreak> {
  return toOutbreak(await requireOutbreak(trx, actor, id));
}

const cursorSchema = z.object({ d: cursorValue.date, i: cursorValue.id });

export async function searchOutbreaks(
  trx: Executor,
  actor: RecordActor,
  query: ListOutbreaksQuery,
): Promise<{ items: Outbreak[]; nextCursor: string | null }> {
  const decoded = cursorOf(query.cursor, cursorSchema);
  const after = decoded && { startDate: decoded.d, id: decoded.i };
  const rows = await listOutbreaks(trx, {
    scope: actor.scope,
    archived: query.archived === undefined ? undefined : query.archived === 'true' ? 1 : 0,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit).map(toOutbreak);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ d: last.startDate, i: last.id }) : null,
  };
}
