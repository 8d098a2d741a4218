import type { Role } from '../access/roles.ts';
import type { Actor, AuditActor } from '../http/actor.ts';

/**
 * Who works on a case's trajectory and reports: a signed-in user (an Actor fits this type), or the CLI and
 * the demo loader acting in the whole tree. `scope` is the division-code prefix of their jurisdiction.
 */
export type CaseActor = {
  userId: number | null;
  username: string | null;
  displayName: string;
  role: Role;
  scope: string;
  ip: string | null;
};

export function caseActorOf(actor: Actor): CaseActor {
  return {
    userId: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    scope: actor.scope,
    ip: actor.ip,
  };
}

export function auditOf(actor: CaseActor): AuditActor {
  return { userId: actor.userId, username: actor.username, ip: actor.ip };
}
