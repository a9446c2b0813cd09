/** The campaign form beside its live plan check; saves create (POST) or replace (PUT with If-Match). */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { loadPlanValues } from '../../../../src/plan/load.ts';
import { uiMessage } from '../../../../src/plan/ui-messages.ts';
import { ApiError } from '../../api/client.ts';
import { useCampaignDocuments, useSaveCampaign, type CampaignDetail } from '../../api/campaigns.ts';
import { useCan } from '../../api/session.ts';
import type { StrategyDetail } from '../../api/strategies.ts';
import type { Campaign, Finding } from '../../api/types.ts';
import { FindingsPanel } from '../../components/FindingsPanel.tsx';
import { useUnsavedChanges } from '../../components/UnsavedChanges.tsx';
import { focusPointer } from '../../components/pointer.ts';
import { Button, ErrorBanner } from '../../components/ui.tsx';
import { formatDate } from '../publishing/time.ts';
import { AudienceChannelsFields } from './AudienceChannelsFields.tsx';
import { BasicsFields } from './BasicsFields.tsx';
import { CampaignHeader } from './CampaignHeader.tsx';
import { CostsCard } from './CostsCard.tsx';
import { newCampaign, type EditCampaign } from './campaign-draft.ts';
import { BudgetFields, ResponseGoalFields, SupportFields } from './GoalFields.tsx';
import { PhasesEditor } from './PhasesEditor.tsx';
import { ReportsCard } from '../reports/ReportsCard.tsx';
import { CAMPAIGN_FORM_ID, ReadinessChecklist } from './ReadinessChecklist.tsx';
import { useCampaignFindings } from './useCampaignFindings.ts';

/** JSON with sorted keys: two drafts with the same content compare equal whatever order keys were set in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

const COSTS_ID = 'campaign-costs';

export const campaignUrl = (ws: string, strategyId: string, campaignId: string) =>
  `/w/${ws}/strategies/${strategyId}/campaigns/${campaignId}`;

export function CampaignEditor({
  ws,
  strategy,
  stored,
  onReload,
}: {
  ws: string;
  strategy: StrategyDetail;
  stored: CampaignDetail | undefined;
  onReload: () => void;
}) {
  const isNew = stored === undefined;
  const [draft, setDraft] = useState<Campaign>(() => stored?.campaign ?? newCampaign(strategy.strategy));
  const [saved, setSaved] = useState(() => ({
    json: stored ? canonical(stored.campaign) : null,
    version: stored?.version,
    doc: stored?.campaign,
  }));
  const [notSavable, setNotSavable] = useState<string | null>(null);
  const edit: EditCampaign = setDraft;
  const canWrite = useCan(ws, 'plan.write');
  const canSeeNumbers = useCan(ws, 'analytics.read');
  const save = useSaveCampaign(ws);
  const navigate = useNavigate();

  const otherIds = strategy.campaigns.map((c) => c.id).filter((id) => id !== stored?.campaign.id);
  const others = useCampaignDocuments(ws, otherIds);
  const findings = useCampaignFindings(strategy.strategy, draft, others);
  const describe = (f: Finding) => uiMessage(f, { strategy: strategy.strategy, campaign: draft, formatDate });
  const unsaved = canonical(draft) !== saved.json;
  // A new campaign counts as changed once it differs from the blank form it started as.
  const [blank] = useState(() => canonical(draft));
  const leave = useUnsavedChanges(isNew ? canonical(draft) !== blank : unsaved);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The server validates too; checking here first points at the field instead of failing the request.
    const { documents, findings: problems } = loadPlanValues([draft]);
    const doc = documents[0]?.doc;
    const first = problems[0];
    if (first || doc?.kind !== 'campaign') {
      setNotSavable(`Not saved: ${first ? describe(first) : 'the form is not a campaign.'} The campaign check lists every problem.`);
      if (first) focusPointer(first.path);
      return;
    }
    setNotSavable(null);
    try {
      const result = await save.mutateAsync({ campaign: doc, version: saved.version });
      if (isNew) {
        leave.allowNext();
        await navigate(campaignUrl(ws, strategy.strategy.id, result.campaign.id), { replace: true });
        return;
      }
      setDraft(result.campaign);
      setSaved({ json: canonical(result.campaign), version: result.version, doc: result.campaign });
    } catch {
      // save.error is shown below the button.
    }
  };

  const conflict = save.error instanceof ApiError && save.error.code === 'plan.version_conflict';
  const title = draft.name.trim() || (isNew ? 'New campaign' : draft.id);
  return (
    <div className="page theme-campaign campaign-planner">
      {leave.dialog}
      <CampaignHeader
        ws={ws}
        strategy={{ id: strategy.strategy.id, name: strategy.strategy.name }}
        title={title}
        status={stored?.status}
        costsAnchor={stored && canSeeNumbers ? COSTS_ID : undefined}
        campaignId={stored?.campaign.id}
      />
      <div className="split">
        <div className="planner-main">
          {stored && saved.doc && (
            <ReadinessChecklist
              ws={ws}
              campaignId={stored.campaign.id}
              strategy={strategy.strategy}
              campaign={saved.doc}
              unsaved={unsaved}
            />
          )}
          <form id={CAMPAIGN_FORM_ID} noValidate onSubmit={submit} aria-label="Campaign plan">
            <fieldset className="form-sections" disabled={!canWrite}>
              <legend className="visually-hidden">Campaign plan</legend>
              <BasicsFields draft={draft} edit={edit} strategy={strategy.strategy} isNew={isNew} />
              <AudienceChannelsFields
                draft={draft}
                edit={edit}
                strategy={strategy.strategy}
                strategyLink={`/w/${ws}/strategies/${strategy.strategy.id}/edit`}
              />
              <ResponseGoalFields draft={draft} edit={edit} />
              <BudgetFields draft={draft} edit={edit} strategy={strategy.strategy} />
              <SupportFields draft={draft} edit={edit} />
              <PhasesEditor draft={draft} edit={edit} people={strategy.strategy.resources.people} readonly={!canWrite} />
            </fieldset>
            {canWrite ? (
              <div className="save-bar">
                <Button type="submit" variant="primary" disabled={save.isPending}>
                  {isNew ? 'Create campaign' : 'Save campaign'}
                </Button>
                <span className="muted" role="status">
                  {save.isPending ? 'Saving…' : isNew ? 'Not created yet' : unsaved ? 'Unsaved changes' : 'All changes saved'}
                </span>
                {notSavable && (
                  <p className="banner banner-error" role="alert">
                    {notSavable}
                  </p>
                )}
                <ErrorBanner error={save.error} />
                {conflict && (
                  <Button variant="secondary" onClick={onReload}>
                    Discard my changes and reload
                  </Button>
                )}
              </div>
            ) : (
              <p className="banner banner-warning">Your role can read this campaign but not change it.</p>
            )}
          </form>
          {stored && canSeeNumbers && (
            <div id={COSTS_ID} className="costs-anchor">
              <CostsCard ws={ws} campaignId={stored.campaign.id} />
            </div>
          )}
          {stored && (
            <ReportsCard
              ws={ws}
              subject="campaign"
              id={stored.campaign.id}
              name={stored.campaign.name}
              defaultPeriod={{ from: stored.campaign.start, to: stored.campaign.end }}
            />
          )}
        </div>
        <FindingsPanel title="Campaign check" findings={findings} onSelect={(f) => focusPointer(f.path)} describe={describe} />
      </div>
    </div>
  );
}
