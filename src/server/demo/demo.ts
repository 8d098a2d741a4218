import type { Role } from '../access/roles.ts';
import { systemActor } from '../http/actor.ts';
import type { Db } from '../db/connect.ts';
import { insertDivisions } from '../jurisdictions/jurisdictions.repository.ts';
import { divisionRow } from '../jurisdictions/jurisdictions.service.ts';
import { findUserByUsername } from '../users/users.repository.ts';
import { createUser } from '../users/users.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { DEMO_DISTRICT, demoDivisions } from './divisions.ts';
import { loadDemoOutbreak } from './outbreak.ts';
import { loadDemoTrajectory } from './trajectory.ts';
import { loadDemoPlaces } from './places.ts';
import { loadDemoSamples } from './samples.ts';
import { loadDemoContacts } from './contacts.ts';

/** The one password of every demo account. Demo data is for trying saolei out, never for real cases. */
export const DEMO_PASSWORD = 'saolei-demo-2020';

export const demoUsers: ReadonlyArray<{
  username: string;
  displayName: string;
  role: Role;
  jurisdiction: string;
}> = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', jurisdiction: '141100' },
  { username: 'commander', displayName: '区指挥部值班', role: 'commander', jurisdiction: DEMO_DISTRICT },
  { username: 'lead', displayName: '李建军', role: 'lead', jurisdiction: DEMO_DISTRICT },
  { username: 'investigator', displayName: '王流调', role: 'investigator', jurisdiction: DEMO_DISTRICT },
  { username: 'tracer', displayName: '张追踪', role: 'tracer', jurisdiction: DEMO_DISTRICT },
  { username: 'site', displayName: '刘隔离点', role: 'site_staff', jurisdiction: DEMO_DISTRICT },
  { username: 'sampler', displayName: '赵采样', role: 'sampler', jurisdiction: '141102006000' },
  { username: 'lab', displayName: '陈检测', role: 'lab', jurisdiction: DEMO_DISTRICT },
  { username: 'disinfector', displayName: '孙消杀', role: 'disinfector', jurisdiction: DEMO_DISTRICT },
];

/** Loads the demo jurisdictions and accounts; running it twice changes nothing. Returns the accounts it made. */
export async function loadDemo(db: Db): Promise<string[]> {
  return db.kysely.transaction().execute(async (trx) => {
    await insertDivisions(
      trx,
      demoDivisions.map(([code, name]) => divisionRow(code, name)),
    );
    const created: string[] = [];
    const manager = { audit: systemActor, scope: '' };
    for (const user of demoUsers) {
      if (await findUserByUsername(trx, user.username)) {
        continue;
      }
      await createUser(trx, manager, {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        jurisdictionCode: user.jurisdiction,
        password: DEMO_PASSWORD,
      });
      created.push(user.username);
    }
    if (created.length > 0) {
      await recordAudit(trx, systemActor, { action: 'demo.load', entity: 'system', changes: {} });
    }
    await loadDemoOutbreak(trx);
    await loadDemoTrajectory(trx);
    await loadDemoContacts(trx);
    await loadDemoPlaces(trx);
    await loadDemoSamples(trx);
    return created;
  });
}

export function demoLoginText(): string {
  const lines = demoUsers.map((u) => `  ${u.username.padEnd(13)} ${u.role.padEnd(13)} ${u.displayName}`);
  return ['演示账户 / demo accounts (password / 密码: ' + DEMO_PASSWORD + '):', ...lines].join('\n');
}
