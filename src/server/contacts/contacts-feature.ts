import { followUpsRoutes } from '../follow-ups/follow-ups.routes.ts';
import type { App, Deps } from '../http/types.ts';
import { quarantineRoutes } from '../quarantine/quarantine.routes.ts';
import { contactsFilesRoutes } from './contacts-files.routes.ts';
import { contactsRoutes } from './contacts.routes.ts';

/** Contacts, quarantine sites and placements, follow-ups and alerts: registered together, as they land together. */
export async function contactsFeature(app: App, deps: Deps): Promise<void> {
  await contactsRoutes(app, deps);
  await contactsFilesRoutes(app, deps);
  await quarantineRoutes(app, deps);
  await followUpsRoutes(app, deps);
}
