import type { App, Deps } from '../http/types.ts';
import { investigationsRoutes } from '../investigations/investigations.routes.ts';
import { outbreaksRoutes } from '../outbreaks/outbreaks.routes.ts';
import { personsRoutes } from '../persons/persons.routes.ts';
import { tasksRoutes } from '../tasks/tasks.routes.ts';
import { casesRoutes } from './cases.routes.ts';

/** Persons, outbreaks, cases, investigations and tasks: registered together, as they land together. */
export async function casesFeature(app: App, deps: Deps): Promise<void> {
  await personsRoutes(app, deps);
  await outbreaksRoutes(app, deps);
  await casesRoutes(app, deps);
  await investigationsRoutes(app, deps);
  await tasksRoutes(app, deps);
}
