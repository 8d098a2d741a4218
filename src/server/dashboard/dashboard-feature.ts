import type { App, Deps } from '../http/types.ts';
import { chainsRoutes } from '../chains/chains.routes.ts';
import { dailyReportRoutes } from '../daily-report/daily-report.routes.ts';
import { exportsRoutes } from '../exports/exports.routes.ts';
import { dashboardRoutes } from './dashboard.routes.ts';

/** The command office's views: transmission chains, the dashboard, the 疫情日报 and line lists. */
export async function dashboardFeature(app: App, deps: Deps): Promise<void> {
  await chainsRoutes(app, deps);
  await dashboardRoutes(app, deps);
  await dailyReportRoutes(app, deps);
  await exportsRoutes(app, deps);
}
