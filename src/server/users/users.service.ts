import { isWithin } from '../../core/divisions/scope.ts';
import type { Role } from '../access/roles.ts';
import { diff, recordAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { deleteSessionsOfUser } from '../auth/sessions.repository.ts';
import type { UserRow } from '../db/schema.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import type { AuditActor } from '../http/actor.ts';
import { cursorOf, cursorValue, encodeCursor } from '../http/schemas.ts';
import { findDivision } from '../jurisdictions/jurisdictions.repository.ts';
import { z } from 'zod';
import type { CreateUserInput, UpdateUserInput, User } from './users.schema.ts';
import { findUserById, findUserByUsername, insertUser, listUsers, updateUser } from './users.repository.ts';

/** The administrator (or the CLI) acting on users, and the part of the tree they manage. */
export type UserManager = { audit: AuditActor; scope: string };

export function toUser(row: UserRow): User {
  return {
    id: Number(row.id),
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    jurisdictionCode: row.jurisdiction_code,
    active: row.active === 1,
    lockedUntil: row.locked_until !== null && row.locked_until > now() ? row.locked_until : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

async function assertJurisdiction(trx: Executor, manager: UserManager, code: string): Promise<void> {
  if (!(await findDivision(trx, code))) {
    throw fieldError('jurisdictionCode', 'unknown_jurisdiction');
  }
  if (!isWithin(manager.scope, code)) {
    throw fieldError('jurisdictionCode', 'outside_jurisdiction');
  }
}

export async function createUser(trx: Executor, manager: UserManager, input: CreateUserInput): Promise<User> {
  await assertJurisdiction(trx, manager, input.jurisdictionCode);
  if (await findUserByUsername(trx, input.username)) {
    throw new AppError('DUPLICATE', {
      params: { entity: input.username },
      details: [{ field: 'username', code: 'duplicate', params: { value: input.username } }],
    });
  }
  const at = now();
  const row = await insertUser(trx, {
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    jurisdiction_code: input.jurisdictionCode,
    active: 1,
    password_hash: await hashPassword(input.password),
    failed_logins: 0,
    locked_until: null,
    created_at: at,
    updated_at: at,
    version: 1,
  });
  const user = toUser(row);
  await recordAudit(trx, manager.audit, {
    action: 'user.create',
    entity: 'user',
    entityId: user.id,
    changes: diff(null, {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      jurisdictionCode: user.jurisdictionCode,
    }),
  });
  return user;
}

export async function getUser(trx: Executor, manager: UserManager, id: number): Promise<User> {
  const row = await findUserById(trx, id);
  if (!row || !isWithin(manager.scope, row.jurisdiction_code)) {
    throw new AppError('NOT_FOUND', { params: { entity: 'user' } });
  }
  return toUser(row);
}

export async function getUserByUsername(
  trx: Executor,
  manager: UserManager,
  username: string,
): Promise<User> {
  const row = await findUserByUsername(trx, username);
  if (!row || !isWithin(manager.scope, row.jurisdiction_code)) {
    throw new AppError('NOT_FOUND', { params: { entity: username } });
  }
  return toUser(row);
}

/** Applies an edit made on `input.version`; a stale version is a 409 and nothing is written. */
export async function editUser(
  trx: Executor,
  manager: UserManager,
  id: number,
  input: UpdateUserInput,
): Promise<User> {
  const before = await getUser(trx, manager, id);
  if (before.version !== input.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { currentVersion: before.version } });
  }
  if (input.jurisdictionCode !== undefined) {
    await assertJurisdiction(trx, manager, input.jurisdictionCode);
  }
  const row = await updateUser(trx, id, input.version, {
    display_name: input.displayName,
    role: input.role,
    jurisdiction_code: input.jurisdictionCode,
    active: input.active === undefined ? undefined : input.active ? 1 : 0,
    updated_at: now(),
  });
  if (!row) {
    throw new AppError('VERSION_CONFLICT');
  }
  const after = toUser(row);
  if (!after.active || after.role !== before.role || after.jurisdictionCode !== before.jurisdictionCode) {
    await deleteSessionsOfUser(trx, id);
  }
  const { version: _v1, updatedAt: _u1, ...beforeFields } = before;
  const { version: _v2, updatedAt: _u2, ...afterFields } = after;
  await recordAudit(trx, manager.audit, {
    action: 'user.update',
    entity: 'user',
    entityId: id,
    changes: diff(beforeFields, afterFields),
  });
  return after;
}

/** Sets a new password, clears a lock and ends the user's sessions. */
export async function resetPassword(
  trx: Executor,
  manager: UserManager,
  id: number,
  password: string,
): Promise<User> {
  await getUser(trx, manager, id);
  const row = await updateUser(trx, id, null, {
    password_hash: await hashPassword(password),
    failed_logins: 0,
    locked_until: null,
    updated_at: now(),
  });
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: 'user' } });
  }
  await deleteSessionsOfUser(trx, id);
  await recordAudit(trx, manager.audit, { action: 'user.reset_password', entity: 'user', entityId: id });
  return toUser(row);
}

export async function unlockUser(trx: Executor, manager: UserManager, id: number): Promise<User> {
  await getUser(trx, manager, id);
  const row = await updateUser(trx, id, null, { failed_logins: 0, locked_until: null, updated_at: now() });
  if (!row) {
    throw new AppError('NOT_FOUND', { params: { entity: 'user' } });
  }
  await recordAudit(trx, manager.audit, { action: 'user.unlock', entity: 'user', entityId: id });
  return toUser(row);
}

const cursorSchema = z.object({ u: cursorValue.text });

export async function searchUsers(
  trx: Executor,
  manager: UserManager,
  query: {
    role?: string | undefined;
    active?: 'true' | 'false' | undefined;
    q?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ items: User[]; nextCursor: string | null }> {
  const after = cursorOf(query.cursor, cursorSchema)?.u;
  const rows = await listUsers(trx, {
    scope: manager.scope,
    role: query.role,
    active: query.active === undefined ? undefined : query.active === 'true' ? 1 : 0,
    q: query.q,
    afterUsername: after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toUser),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ u: last.username }) : null,
  };
}
