/** Listening dashboard API, as ./contract.ts defines it. Thin: parse → authorize → call → present. */
import { register, type App } from '../../http/kit.ts';
import { isoDay } from '../../measure/reports/period.ts';
import { listeningDashboardContract as contract } from './contract.ts';
import { getListeningDashboard } from './get-listening-dashboard.ts';

export async function listeningDashboardRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  register(app, contract.getListeningDashboard, async (req) =>
    getListeningDashboard(pool, req.authorized.workspace.id, req.query, isoDay(new Date())),
  );
}
