/** Campaign costs and ROI, as ./contract.ts defines them. Thin: parse → authorize → call → present. */
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../auth/actor.ts';
import { register, type App } from '../../http/kit.ts';
import { getCampaign } from '../../plan-store/store.ts';
import { campaignRoi } from '../roi.ts';
import { costsContract as contract } from './contract.ts';
import type { CostContext } from './cost-store.ts';
import { createCost } from './create-cost.ts';
import { deleteCost } from './delete-cost.ts';
import { listCosts } from './list-costs.ts';
import { updateCost } from './update-cost.ts';

export async function costRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const context = (req: FastifyRequest): CostContext => ({ workspaceId: req.authorized.workspace.id, actor: requireActor(req.actor) });

  register(app, contract.listCosts, async (req) => listCosts(pool, req.authorized.workspace.id, req.params.campaignId));

  register(app, contract.createCost, async (req, reply) =>
    reply.status(201).send({ cost: await createCost(pool, context(req), req.params.campaignId, req.body) }),
  );

  register(app, contract.updateCost, async (req) => ({
    cost: await updateCost(pool, context(req), req.params.campaignId, req.params.costId, req.body),
  }));

  register(app, contract.deleteCost, async (req, reply) => {
    await deleteCost(pool, context(req), req.params.campaignId, req.params.costId);
    return reply.status(204).send(null);
  });

  register(app, contract.getCampaignRoi, async (req) => {
    const { workspace } = req.authorized;
    const campaign = await getCampaign(pool, workspace.id, req.params.campaignId);
    return { campaign: campaign.doc.id, ...(await campaignRoi(pool, workspace.id, campaign.doc)) };
  });
}
