import { levelOf, parentCodeOf, scopeOf } from '../../core/divisions/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/connect.ts';
import type { DivisionRow } from '../db/schema.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { auditActorOf, type Actor } from '../http/actor.ts';
import { childrenOf, findDivision, insertDivisions, pathTo } from './jurisdictions.repository.ts';

export type Division = {
  code: string;
  name: string;
  level: DivisionRow['level'];
  parentCode: string | null;
  hasChildren?: boolean;
};

function toDivision(row: DivisionRow & { has_children?: unknown }): Division {
  const division: Division = {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parent_code,
  };
  if (row.has_children !== undefined) {
    division.hasChildren = Boolean(Number(row.has_children));
  }
  return division;
}

export async function listChildren(db: Db, parentCode: string | null): Promise<Division[]> {
  const rows = await childrenOf(db.kysely, parentCode);
  return rows.map(toDivision);
}

export async function getDivisionWithPath(
  db: Db,
  code: string,
): Promise<{ division: Division; path: Division[] }> {
  const path = await pathTo(db.kysely, code);
  const division = path.at(-1);
  if (!division) {
    throw new AppError('NOT_FOUND', { params: { entity: 'jurisdiction' } });
  }
  return { division: toDivision(division), path: path.map(toDivision) };
}

/** The row for a new division; its level, parent and scope follow from the code. */
export function divisionRow(code: string, name: string): DivisionRow {
  return { code, name, level: levelOf(code), parent_code: parentCodeOf(code), scope: scopeOf(code) };
}

export async function addDivision(db: Db, actor: Actor, code: string, name: string): Promise<Division> {
  const row = divisionRow(code, name);
  return db.kysely.transaction().execute(async (trx) => {
    if (await findDivision(trx, code)) {
      throw new AppError('DUPLICATE', { params: { entity: code } });
    }
    if (row.parent_code !== null && !(await findDivision(trx, row.parent_code))) {
      throw fieldError('code', 'unknown_jurisdiction', { parent: row.parent_code });
    }
    await insertDivisions(trx, [row]);
    await recordAudit(trx, auditActorOf(actor), {
      action: 'division.create',
      entity: 'division',
      entityId: code,
      changes: { name: { after: name }, level: { after: row.level } },
    });
    return toDivision(row);
  });
}
