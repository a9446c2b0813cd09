/** Campaign status: the readiness checklist, and status changes (activation is readiness-gated), as ./contract.ts defines them. */
import { register, type App } from '../http/kit.ts';
import { changeCampaignStatus } from './change-campaign-status.ts';
import { planContract as contract } from './contract.ts';
import { getCampaignReadiness } from './get-campaign-readiness.ts';

export async function campaignStatusRoutes(app: App): Promise<void> {
  const { pool } = app.deps;

  register(app, contract.getCampaignReadiness, async (req) => {
    const { workspace } = req.authorized;
    return getCampaignReadiness(pool, workspace.id, req.params.campaignId);
  });

  register(app, contract.changeCampaignStatus, async (req) => {
    const { workspace, role } = req.authorized;
    return changeCampaignStatus(pool, { workspaceId: workspace.id, actor: req.actor, role }, req.params.campaignId, req.body);
  });
}
