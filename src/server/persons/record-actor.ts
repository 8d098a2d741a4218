import { can, type Role } from '../access/roles.ts';
import type { AuditActor } from '../http/actor.ts';

/**
 * Who acts on case records: a signed-in user (the request's Actor fits this type) or the demo loader
 * acting as a demo account. `scope` is the division-code prefix of the actor's jurisdiction.
 */
export type RecordActor = {
  userId: number | null;
  username: string | null;
  role: Role;
  scope: string;
  ip: string | null;
};

export function auditOf(actor: RecordActor): AuditActor {
  return { userId: actor.userId, username: actor.username, ip: actor.ip };
}

/** Personal fields show unmasked only to roles that may read them, on records inside their jurisdiction. */
export function seesPersonal(actor: RecordActor, inside: boolean): boolean {
  return inside && can(actor.role, 'personal:read');
}
