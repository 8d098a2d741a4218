import type { Role } from '../access/roles.ts';

/** The signed-in user making a request, as every service sees it. */
export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string;
  /** Prefix of the division codes inside the user's jurisdiction ('' = everything). */
  scope: string;
  sessionId: string;
  csrfToken: string;
  ip: string | null;
};

/** Who an audit event is attributed to when no user is signed in (CLI, start-up, login attempts). */
export type AuditActor = {
  userId: number | null;
  username: string | null;
  ip: string | null;
};

export function auditActorOf(actor: Actor): AuditActor {
  return { userId: actor.userId, username: actor.username, ip: actor.ip };
}

export const systemActor: AuditActor = { userId: null, username: 'system', ip: null };
