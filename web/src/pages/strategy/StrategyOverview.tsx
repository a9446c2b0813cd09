import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { addMonths } from '../../../../src/plan/dates.ts';
import { useCampaignDocuments } from '../../api/campaigns.ts';
import { useCan } from '../../api/session.ts';
import { exportUrl, useStrategy, type StrategyDetail } from '../../api/strategies.ts';
import type { Finding } from '../../api/types.ts';
import { FindingsPanel } from '../../components/FindingsPanel.tsx';
import { ReportsCard } from '../reports/ReportsCard.tsx';
import { Timeline } from '../../components/Timeline.tsx';
import { Badge, Card, EmptyState, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { today } from './draft.ts';
import { campaignUrl, describeFinding, fieldToFix, isCampaignFinding, type FocusState } from './findings.ts';
import { formatDate, formatPeriod } from './labels.ts';
import { ObjectiveTree } from './ObjectiveTree.tsx';
import { ChannelsTable, PersonasList, PillarsSummary, ResourcesSummary } from './OverviewSections.tsx';
import { stepOfPointer } from './steps.ts';

const EXPORTS = [
  { format: 'yaml', label: 'YAML', name: 'Download the plan as YAML (plan-as-code)' },
  { format: 'md', label: 'Markdown', name: 'Download the master document as Markdown' },
  { format: 'pdf', label: 'PDF', name: 'Download the master document as PDF' },
  { format: 'docx', label: 'DOCX', name: 'Download the master document as DOCX' },
] as const;

function StrategyHeader({
  ws,
  detail,
  canWrite,
  canExport,
  canAnalyse,
}: {
  ws: string;
  detail: StrategyDetail;
  canWrite: boolean;
  canExport: boolean;
  canAnalyse: boolean;
}) {
  const s = detail.strategy;
  return (
    <header className="card strategy-hero">
      <p className="kind-label">
        <span className="strategy-mark" aria-hidden="true" /> Strategy
      </p>
      <h1>{s.name}</h1>
      <p className="hero-meta">
        <span>{s.organisation}</span>
        <span>{formatPeriod(s.period)}</span>
        <span>version {detail.version}</span>
      </p>
      <div className="hero-actions">
        {canAnalyse && (
          <Link className="btn btn-secondary" to={`/w/${ws}/strategies/${encodeURIComponent(s.id)}/dashboard`}>
            Dashboard
          </Link>
        )}
        {canWrite && (
          <Link className="btn btn-primary" to={`/w/${ws}/strategies/${encodeURIComponent(s.id)}/edit/basics`}>
            Edit strategy
          </Link>
        )}
        {canAnalyse && (
          <Link className="btn btn-secondary" to={`/w/${ws}/strategies/${encodeURIComponent(s.id)}/reviews`}>
            Reviews
          </Link>
        )}
        <Link className="btn btn-secondary" to={`/w/${ws}/strategies/${encodeURIComponent(s.id)}/versions`}>
          Versions
        </Link>
        {canExport && (
          <fieldset className="export-actions bare" aria-label="Downloads">
            <span className="muted">Download:</span>
            {EXPORTS.map(({ format, label, name }) => (
              <a
                key={format}
                className="btn btn-secondary"
                href={exportUrl(ws, s.id, format)}
                download
                aria-label={name}
                data-testid={`export-${format}`}
              >
                {label}
              </a>
            ))}
          </fieldset>
        )}
      </div>
    </header>
  );
}

function CampaignsSection({ ws, detail, canWrite }: { ws: string; detail: StrategyDetail; canWrite: boolean }) {
  const s = detail.strategy;
  const lead = s.settings.campaignLeadMonths;
  const campaigns = detail.campaigns;
  const newCampaign = canWrite && (
    <Link className="btn btn-new-campaign" to={`/w/${ws}/strategies/${encodeURIComponent(s.id)}/campaigns/new`}>
      <span aria-hidden="true">+ </span>New campaign
    </Link>
  );
  return (
    <Card title="Campaigns in this strategy" actions={newCampaign} className="campaigns-card">
      <Timeline
        start={s.period.start}
        end={s.period.end}
        leadMonths={lead}
        today={today()}
        items={campaigns.map((c) => ({
          id: c.id,
          name: c.name,
          start: c.start,
          end: c.end,
          href: campaignUrl(ws, s.id, c.id),
          status: c.status,
        }))}
      />
      {campaigns.length === 0 ? (
        <EmptyState title="No campaigns yet">
          Campaigns come after the strategy has built a base on its channels: a short push of 1–3 months for a launch, an event or a
          service. Plan the first one to start at least {lead} months after the strategy starts, on or after{' '}
          {formatDate(addMonths(s.period.start, lead))}.
        </EmptyState>
      ) : (
        <ul className="list strategy-campaigns">
          {campaigns.map((c) => (
            <li key={c.id}>
              <Link to={campaignUrl(ws, s.id, c.id)} className="list-link strategy-campaign-link">
                <span>
                  <Badge tone="campaign">Campaign</Badge> <strong>{c.name}</strong>
                </span>
                <span className="strategy-campaign-meta">
                  <Badge tone="campaign">{c.status}</Badge> <span className="muted">{formatPeriod(c)}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** `/w/:ws/strategies/:sid`: the whole strategy on one page, its campaigns on a timeline, its findings beside it. */
export function StrategyOverview() {
  const { ws = '', sid = '' } = useParams();
  const detail = useStrategy(ws, sid);
  usePageTitle(detail.data?.strategy.name ?? 'Strategy');
  const canWrite = useCan(ws, 'plan.write');
  const canExport = useCan(ws, 'plan.export');
  const canAnalyse = useCan(ws, 'analytics.read');
  const navigate = useNavigate();
  const campaignDocs = useCampaignDocuments(
    ws,
    useMemo(() => detail.data?.campaigns.map((c) => c.id) ?? [], [detail.data]),
  );

  if (detail.isPending) return <Loading what="Loading the strategy" />;
  if (detail.error) {
    return (
      <div className="page narrow">
        <ErrorBanner error={detail.error} />
        <Link to={`/w/${ws}`}>Back to the strategies</Link>
      </div>
    );
  }

  const s = detail.data.strategy;
  const openFinding = (f: Finding) => {
    const state: FocusState = { focus: fieldToFix(f) };
    if (isCampaignFinding(f)) void navigate(campaignUrl(ws, s.id, f.document!), { state });
    else if (canWrite)
      void navigate(`/w/${ws}/strategies/${encodeURIComponent(s.id)}/edit/${stepOfPointer(f.path) ?? 'basics'}`, { state });
  };

  return (
    <div className="page theme-strategy overview">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={`/w/${ws}`}>Strategies</Link> / {s.name}
      </nav>
      <StrategyHeader ws={ws} detail={detail.data} canWrite={canWrite} canExport={canExport} canAnalyse={canAnalyse} />
      <div className="split">
        <div className="overview-main">
          <CampaignsSection ws={ws} detail={detail.data} canWrite={canWrite} />
          <ReportsCard ws={ws} subject="strategy" id={s.id} name={s.name} />
          <Card title="Objectives, strategies, tactics and KPIs">
            <ObjectiveTree strategy={s} />
          </Card>
          <ChannelsTable strategy={s} />
          <PillarsSummary strategy={s} />
          <PersonasList strategy={s} />
          <ResourcesSummary strategy={s} />
        </div>
        <FindingsPanel findings={detail.data.findings} onSelect={openFinding} describe={(f) => describeFinding(f, s, campaignDocs)} />
      </div>
    </div>
  );
}
