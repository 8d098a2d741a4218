import { discoveryRoutes } from '../discovery/discovery.routes.ts';
import type { App, Deps } from '../http/types.ts';
import { visitImportsRoutes } from '../visits/visit-imports.routes.ts';
import { measuresRoutes } from './measures.routes.ts';
import { placesRoutes } from './places.routes.ts';

/** Places, visit-log imports, discovery and place measures: the one entry of this feature in app.ts. */
export async function placesFeatureRoutes(app: App, deps: Deps): Promise<void> {
  await placesRoutes(app, deps);
  await visitImportsRoutes(app, deps);
  await discoveryRoutes(app, deps);
  await measuresRoutes(app, deps);
}
