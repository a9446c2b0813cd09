/** Campaign status API: the readiness checklist, and status changes (activation is readiness-gated). */
import type { App } from '../http/app.ts';
import { errorBodySchema } from '../http/errors.ts';
import { changeCampaignStatus } from './change-campaign-status.ts';
import { getCampaignReadiness } from './get-campaign-readiness.ts';
import { campaignParams, campaignReadinessResponse, campaignStatusBody, campaignStatusResponse } from './schema.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

export async function campaignStatusRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const tags = ['plan'];

  app.get('/workspaces/:workspaceId/campaigns/:campaignId/readiness', {
    config: { access: 'workspace.read' },
    schema: {
      tags,
      summary: "A campaign's readiness checklist (what must be true before it is activated) and its status",
      params: campaignParams,
      response: { 200: campaignReadinessResponse, ...errors },
    },
  }, async (req) => {
    const { workspace } = req.authorized;
    return getCampaignReadiness(pool, workspace.id, req.params.campaignId);
  });

  app.post('/workspaces/:workspaceId/campaigns/:campaignId/status', {
    config: { access: 'plan.write' },
    schema: {
      tags,
      summary: "Change a campaign's status (planned, active, completed, cancelled)",
      description:
        'Activating needs every readiness item met; otherwise 409 `plan.campaign_not_ready` (details.unmet), unless a ' +
        'workspace owner sends `overrideReason` (recorded in the audit log; other roles get 403 `auth.forbidden`). ' +
        'Transitions outside the table answer 409 `plan.invalid_status_transition`. Setting the current status again changes nothing.',
      params: campaignParams,
      body: campaignStatusBody,
      response: { 200: campaignStatusResponse, ...errors },
    },
  }, async (req) => {
    const { workspace, role } = req.authorized;
    return changeCampaignStatus(pool, { workspaceId: workspace.id, actor: req.actor, role }, req.params.campaignId, req.body);
  });
}
