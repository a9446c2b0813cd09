/** Spike alerts API, as ./contract.ts defines it. Thin: parse → authorize → call → present. */
import { requireActor } from '../../auth/actor.ts';
import { register, type App } from '../../http/kit.ts';
import { listeningAlertsContract as contract } from './contract.ts';
import { getAlertSettings } from './get-alert-settings.ts';
import { listAlerts } from './list-alerts.ts';
import { updateAlertSettings } from './update-alert-settings.ts';

export async function listeningAlertRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  register(app, contract.listAlerts, async (req) => listAlerts(pool, req.authorized.workspace.id, req.query));
  register(app, contract.getAlertSettings, async (req) => getAlertSettings(pool, req.authorized.workspace.id));
  register(app, contract.updateAlertSettings, async (req) =>
    updateAlertSettings(pool, { workspaceId: req.authorized.workspace.id, actor: requireActor(req.actor) }, req.body),
  );
}
