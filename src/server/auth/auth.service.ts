import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/connect.ts';
import { now } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { isRole } from '../access/roles.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../http/actor.ts';
import { findUserByUsername, updateUser } from '../users/users.repository.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionWithUser,
  insertSession,
  touchSession,
} from './sessions.repository.ts';

export type LoginResult = { token: string; actor: Actor; expiresAt: string };

type Client = { ip: string | null; userAgent: string | null };

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Checks a password and opens a session. Five failures in a row lock the account for a configured period;
 * while locked even the right password is refused, with the time the lock ends.
 */
export async function login(
  db: Db,
  config: Config,
  username: string,
  password: string,
  client: Client,
): Promise<LoginResult> {
  const user = await findUserByUsername(db.kysely, username);
  if (!user) {
    await burnPasswordCheck(password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const at = new Date();
  if (user.locked_until !== null && user.locked_until > at.toISOString()) {
    throw lockedError(user.locked_until, config);
  }
  const passwordOk = await verifyPassword(user.password_hash, password);
  if (!passwordOk) {
    const failures = user.failed_logins + 1;
    const lock = failures >= config.lockoutThreshold;
    const lockedUntil = lock ? new Date(at.getTime() + config.lockoutMinutes * 60_000).toISOString() : null;
    await db.kysely.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, null, { failed_logins: lock ? 0 : failures, locked_until: lockedUntil });
      await recordAudit(
        trx,
        { userId: user.id, username: user.username, ip: client.ip },
        {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          entity: 'user',
          entityId: user.id,
          changes: lock ? { lockedUntil: { after: lockedUntil } } : { failedLogins: { after: failures } },
        },
      );
    });
    if (lockedUntil) {
      throw lockedError(lockedUntil, config);
    }
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.active !== 1) {
    throw new AppError('ACCOUNT_DISABLED');
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const createdAt = at.toISOString();
  const expiresAt = new Date(at.getTime() + config.sessionMaxHours * 3_600_000).toISOString();
  const sessionId = sessionIdOf(token);
  await db.kysely.transaction().execute(async (trx) => {
    await deleteExpiredSessions(trx, createdAt);
    await insertSession(trx, {
      id: sessionId,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: createdAt,
      last_seen_at: createdAt,
      expires_at: expiresAt,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 400) ?? null,
    });
    if (user.failed_logins !== 0 || user.locked_until !== null) {
      await updateUser(trx, user.id, null, { failed_logins: 0, locked_until: null });
    }
    await recordAudit(
      trx,
      { userId: user.id, username: user.username, ip: client.ip },
      {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
      },
    );
  });
  const session = await authenticate(db, config, token, client.ip);
  if (!session) {
    throw new AppError('INTERNAL');
  }
  return { token, actor: session, expiresAt };
}

function lockedError(lockedUntil: string, config: Config): AppError {
  const until = new Intl.DateTimeFormat('sv-SE', {
    timeZone: config.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(lockedUntil));
  return new AppError('ACCOUNT_LOCKED', { params: { until }, extra: { lockedUntil } });
}

/** The actor behind a session token, or null when the session is unknown, idle too long or expired. */
export async function authenticate(
  db: Db,
  config: Config,
  token: string,
  ip: string | null,
): Promise<Actor | null> {
  const id = sessionIdOf(token);
  const row = await findSessionWithUser(db.kysely, id);
  if (!row) {
    return null;
  }
  const at = Date.now();
  const idleLimit = Date.parse(row.last_seen_at) + config.sessionIdleMinutes * 60_000;
  if (Date.parse(row.expires_at) <= at || idleLimit <= at || row.active !== 1 || !isRole(row.role)) {
    await deleteSession(db.kysely, id);
    return null;
  }
  // Writing on every request would turn each read into a write; a minute's resolution is enough.
  if (at - Date.parse(row.last_seen_at) > 60_000) {
    await touchSession(db.kysely, id, now());
  }
  return {
    userId: Number(row.user_id),
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    jurisdictionCode: row.jurisdiction_code,
    scope: row.scope,
    sessionId: id,
    csrfToken: row.csrf_token,
    ip,
  };
}

export async function logout(db: Db, actor: Actor): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await deleteSession(trx, actor.sessionId);
    await recordAudit(
      trx,
      { userId: actor.userId, username: actor.username, ip: actor.ip },
      {
        action: 'auth.logout',
        entity: 'user',
        entityId: actor.userId,
      },
    );
  });
}
