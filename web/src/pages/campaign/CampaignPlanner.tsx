/**
 * The campaign planner: `/w/:ws/strategies/:sid/campaigns/new` and `…/campaigns/:cid`. A campaign is
 * only ever planned inside a strategy, which the URL names; without that strategy there is nothing
 * to plan, and the page says so.
 */
import { useState, type ReactNode } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCampaign } from '../../api/campaigns.ts';
import { useCan } from '../../api/session.ts';
import { useStrategy } from '../../api/strategies.ts';
import { Card, Loading, usePageTitle } from '../../components/ui.tsx';
import { CampaignEditor, campaignUrl } from './CampaignEditor.tsx';

const isNotFound = (e: unknown) => e instanceof ApiError && e.status === 404;

export function CampaignPlanner() {
  const { ws = '', sid = '', cid } = useParams();
  const strategy = useStrategy(ws, sid);
  const campaign = useCampaign(ws, cid);
  const canWrite = useCan(ws, 'plan.write');
  const [reloads, setReloads] = useState(0);
  const strategyName = strategy.data?.strategy.name;
  usePageTitle(`${campaign.data?.campaign.name ?? cid ?? 'New campaign'}${strategyName ? ` · campaign in ${strategyName}` : ''}`);

  if (strategy.error) return <StrategyMissing ws={ws} error={strategy.error} />;
  if (campaign.error) return <CampaignMissing ws={ws} strategyId={sid} campaignId={cid ?? ''} error={campaign.error} />;
  if (!strategy.data || (cid !== undefined && !campaign.data))
    return <Loading what={cid ? 'Loading the campaign' : 'Loading the strategy'} />;
  // URLs say where a campaign lives: one reached under another strategy's URL moves to its own.
  if (campaign.data && campaign.data.strategy.id !== strategy.data.strategy.id) {
    return <Navigate to={campaignUrl(ws, campaign.data.strategy.id, campaign.data.campaign.id)} replace />;
  }
  if (cid === undefined && !canWrite) {
    return (
      <Refusal title="You cannot create campaigns here" action={<Link to={`/w/${ws}/strategies/${sid}`}>Back to the strategy</Link>}>
        Your role in this workspace can read plans but not create them. Ask an owner or strategist.
      </Refusal>
    );
  }
  const reload = async () => {
    await campaign.refetch();
    setReloads((n) => n + 1);
  };
  return <CampaignEditor key={`${cid ?? 'new'}:${reloads}`} ws={ws} strategy={strategy.data} stored={campaign.data} onReload={reload} />;
}

function Refusal({ title, action, children }: { title: string; action: ReactNode; children: ReactNode }) {
  return (
    <div className="page narrow theme-campaign">
      <span className="kind-label">Campaign</span>
      <h1>{title}</h1>
      <Card>
        <p>{children}</p>
        {action}
      </Card>
    </div>
  );
}

function StrategyMissing({ ws, error }: { ws: string; error: Error }) {
  const back = <Link to={`/w/${ws}`}>Choose a strategy</Link>;
  if (!isNotFound(error))
    return (
      <Refusal title="The strategy could not be loaded" action={back}>
        {error.message}
      </Refusal>
    );
  return (
    <Refusal title="A campaign needs a strategy to live in" action={back}>
      {error.message} A campaign always sits inside a strategy: it reuses the strategy’s audience, channels and people. Open an existing
      strategy and choose “New campaign”, or build the strategy first.
    </Refusal>
  );
}

function CampaignMissing({ ws, strategyId, campaignId, error }: { ws: string; strategyId: string; campaignId: string; error: Error }) {
  const back = <Link to={`/w/${ws}/strategies/${strategyId}`}>Back to the strategy</Link>;
  if (!isNotFound(error))
    return (
      <Refusal title="The campaign could not be loaded" action={back}>
        {error.message}
      </Refusal>
    );
  return (
    <Refusal title={`No campaign “${campaignId}”`} action={back}>
      {error.message} It may have been deleted, or it belongs to another workspace.
    </Refusal>
  );
}
