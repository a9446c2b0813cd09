/**
 * What must be true before a campaign goes live, and the status changes the server allows from here.
 * Activation needs every item met; a workspace owner may override with a reason (audited).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useCampaignReadiness, useChangeCampaignStatus, type CampaignReadiness, type CampaignStatus } from '../../api/campaigns.ts';
import { useCan, useCurrentWorkspace } from '../../api/session.ts';
import type { Campaign, Strategy } from '../../api/types.ts';
import { uiMessage } from '../../../../src/plan/ui-messages.ts';
import { focusPointer } from '../../components/pointer.ts';
import { Badge, Button, Card, ErrorBanner, Loading, TextArea } from '../../components/ui.tsx';
import { formatDate, localiseDates } from '../publishing/time.ts';

type Item = CampaignReadiness['items'][number];

const STATUS_TONE = { planned: 'campaign', active: 'ok', completed: 'neutral', cancelled: 'warning' } as const;

export function StatusBadge({ status }: { status: CampaignStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{status}</Badge>;
}

const MIN_REASON = 10;

/** The campaign form's id: the checklist's save button submits it from outside. */
export const CAMPAIGN_FORM_ID = 'campaign-form';

/**
 * An item's detail for people: a rule's finding in the app's words (with the saved documents naming
 * things), the checklist's own sentences with their dates in the locale.
 */
function detailText(item: Item, strategy: Strategy, campaign: Campaign): string {
  if (item.rule === undefined || item.path === undefined) return localiseDates(item.detail);
  const finding = { rule: item.rule, path: item.path, message: item.detail };
  return uiMessage(finding, item.target === 'strategy' ? { strategy, formatDate } : { strategy, campaign, formatDate });
}

export function ReadinessChecklist({
  ws,
  campaignId,
  strategy,
  campaign,
  unsaved,
}: {
  ws: string;
  campaignId: string;
  strategy: Strategy;
  /** The campaign as last saved: the checklist reads that one. */
  campaign: Campaign;
  unsaved: boolean;
}) {
  const strategyId = strategy.id;
  const readiness = useCampaignReadiness(ws, campaignId);
  const canWrite = useCan(ws, 'plan.write');
  const data = readiness.data;
  return (
    <Card
      className="readiness"
      title="Readiness checklist"
      actions={
        data && (
          <span className="campaign-status">
            Status: <StatusBadge status={data.status} />
          </span>
        )
      }
    >
      {readiness.isPending && <Loading what="Checking readiness" />}
      <ErrorBanner error={readiness.error} />
      {data && (
        <>
          <ReadinessSummary status={data.status} items={data.items} unsaved={unsaved} canSave={canWrite} />
          <ul className="checklist" aria-label="Readiness items">
            {data.items.map((item) => (
              <ReadinessRow
                key={item.id}
                item={item}
                detail={detailText(item, strategy, campaign)}
                strategyEditUrl={`/w/${ws}/strategies/${strategyId}/edit`}
                connectionsUrl={`/w/${ws}/connections`}
              />
            ))}
          </ul>
          {canWrite && <StatusActions ws={ws} campaignId={campaignId} strategyId={strategyId} readiness={data} unsaved={unsaved} />}
        </>
      )}
    </Card>
  );
}

/** Readiness gates activation only: once the campaign has moved on, the summary says where it stands instead. */
function summaryText(status: CampaignStatus, met: number, total: number): string {
  const count = met === total ? `All ${total} items met` : `${met} of ${total} items met`;
  switch (status) {
    case 'planned':
      return met === total ? `${count}: ready to activate.` : `${count}.`;
    case 'active':
      return `The campaign is active. ${count}.`;
    case 'completed':
      return 'The campaign is completed.';
    case 'cancelled':
      return `The campaign is cancelled. ${count}.`;
  }
}

function ReadinessSummary({
  status,
  items,
  unsaved,
  canSave,
}: {
  status: CampaignStatus;
  items: readonly Item[];
  unsaved: boolean;
  canSave: boolean;
}) {
  const met = items.filter((i) => i.met).length;
  return (
    <>
      <p className="readiness-summary" aria-live="polite">
        {summaryText(status, met, items.length)}
      </p>
      {unsaved && (
        <div className="banner banner-warning readiness-unsaved">
          <span>The checklist reads the saved campaign: save your changes to update it.</span>
          {canSave && (
            <Button type="submit" form={CAMPAIGN_FORM_ID}>
              Save and re-check
            </Button>
          )}
        </div>
      )}
    </>
  );
}

function ReadinessRow({
  item,
  detail,
  strategyEditUrl,
  connectionsUrl,
}: {
  item: Item;
  detail: string;
  strategyEditUrl: string;
  connectionsUrl: string;
}) {
  return (
    <li className={`check ${item.met ? 'check-met' : 'check-unmet'}`} data-item={item.id}>
      <span className="check-icon" aria-hidden="true">
        {item.met ? '✓' : '✕'}
      </span>
      <div className="check-body">
        <strong>{item.label}</strong>
        <span className="visually-hidden">{item.met ? ': met' : ': not met'}</span>
        <p className="check-detail">{detail}</p>
        {!item.met &&
          item.path !== undefined &&
          (item.target === 'strategy' ? (
            <Link to={strategyEditUrl} aria-label={`Fix in the strategy: ${item.label}`}>
              Fix in the strategy
            </Link>
          ) : item.target === 'connections' ? (
            <Link to={connectionsUrl}>Connect accounts</Link>
          ) : (
            <button type="button" className="link-button" aria-label={`Fix: ${item.label}`} onClick={() => focusPointer(item.path!)}>
              Fix
            </button>
          ))}
      </div>
    </li>
  );
}

function transitionLabel(from: CampaignStatus, to: CampaignStatus): string {
  switch (to) {
    case 'active':
      return 'Activate campaign';
    case 'completed':
      return 'Mark completed';
    case 'cancelled':
      return 'Cancel campaign';
    case 'planned':
      return from === 'cancelled' ? 'Revive campaign' : 'Back to planned';
  }
}

function StatusActions({
  ws,
  campaignId,
  strategyId,
  readiness,
  unsaved,
}: {
  ws: string;
  campaignId: string;
  strategyId: string;
  readiness: CampaignReadiness;
  unsaved: boolean;
}) {
  const change = useChangeCampaignStatus(ws, campaignId, strategyId);
  const isOwner = useCurrentWorkspace(ws)?.role === 'owner';
  const { status, nextStatuses, ready } = readiness;
  const blocked = (to: CampaignStatus) => change.isPending || (to === 'active' && (unsaved || !ready));
  const done = change.data;
  return (
    <div className="status-actions">
      {nextStatuses.length === 0 && <p className="muted">A {status} campaign is final.</p>}
      <div className="card-actions">
        {nextStatuses.map((to) => (
          <Button
            key={to}
            variant={to === 'active' ? 'primary' : to === 'cancelled' ? 'danger' : 'secondary'}
            disabled={blocked(to)}
            onClick={() => change.mutate({ status: to })}
          >
            {transitionLabel(status, to)}
          </Button>
        ))}
      </div>
      {nextStatuses.includes('active') &&
        !ready &&
        !unsaved &&
        (isOwner ? (
          <OverrideActivation
            pending={change.isPending}
            onActivate={(overrideReason) => change.mutate({ status: 'active', overrideReason })}
          />
        ) : (
          <p className="field-message">Unmet items block activation; only a workspace owner can override them.</p>
        ))}
      <ErrorBanner error={change.error} />
      {done?.changed && (
        <p className="banner banner-ok" role="status">
          The campaign is now {done.status}.{done.override ? ' The override and its reason are recorded in the audit log.' : ''}
        </p>
      )}
    </div>
  );
}

function OverrideActivation({ pending, onActivate }: { pending: boolean; onActivate: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const short = reason.trim().length < MIN_REASON;
  return (
    <details className="override">
      <summary>Override and activate</summary>
      <p className="muted">
        As a workspace owner you may activate the campaign although items are unmet. Your reason is recorded in the audit log.
      </p>
      <TextArea
        label="Reason for the override"
        value={reason}
        maxLength={1000}
        hint={`At least ${MIN_REASON} characters${short ? ` (${reason.trim().length} so far)` : ''}.`}
        onChange={(e) => setReason(e.target.value)}
      />
      <div>
        <Button variant="danger" disabled={short || pending} onClick={() => onActivate(reason.trim())}>
          Activate despite unmet items
        </Button>
      </div>
    </details>
  );
}
