import { Link } from 'react-router';
import type { CampaignStatus } from '../../api/campaigns.ts';
import { useCan } from '../../api/session.ts';
import { exportUrl } from '../../api/strategies.ts';
import { fieldId } from '../../components/ui.tsx';
import { StatusBadge } from './ReadinessChecklist.tsx';

/**
 * "Label each fish bowl": the kind of plan, and the strategy this campaign lives in, stay in view
 * while the form scrolls.
 */
export function CampaignHeader({
  ws,
  strategy,
  title,
  status,
  costsAnchor,
  campaignId,
}: {
  ws: string;
  strategy: { id: string; name: string };
  title: string;
  status: CampaignStatus | undefined;
  /** The id of the page's costs section, when it has one: linked from the header, as the page is long. */
  costsAnchor?: string;
  /** The stored campaign's id (none while a new one is planned): links its dashboard. */
  campaignId?: string | undefined;
}) {
  const strategyUrl = `/w/${ws}/strategies/${strategy.id}`;
  const canExport = useCan(ws, 'plan.export');
  const canAnalyse = useCan(ws, 'analytics.read');
  return (
    <header className="campaign-header">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to={`/w/${ws}`}>Strategies</Link>
          </li>
          <li>
            <Link to={strategyUrl}>{strategy.name}</Link>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <div className="campaign-context">
        <span className="kind-label">
          <span className="kind-mark" aria-hidden="true" />
          Campaign
        </span>
        <span className="inside-strategy">
          inside strategy{' '}
          <Link id={fieldId('/strategy')} to={strategyUrl} className="strategy-chip">
            {strategy.name}
          </Link>
        </span>
        {status && <StatusBadge status={status} />}
        {costsAnchor && <a href={`#${costsAnchor}`}>Costs and ROI</a>}
      </div>
      <div className="page-header">
        <h1>{title}</h1>
        {campaignId !== undefined && canAnalyse && (
          <Link className="btn btn-secondary" to={`${strategyUrl}/campaigns/${encodeURIComponent(campaignId)}/dashboard`}>
            Dashboard
          </Link>
        )}
        {canExport && (
          <p className="export-links">
            Master document:{' '}
            <a href={exportUrl(ws, strategy.id, 'pdf')} download aria-label="Download the master document as PDF">
              PDF
            </a>{' '}
            <a href={exportUrl(ws, strategy.id, 'docx')} download aria-label="Download the master document as DOCX">
              DOCX
            </a>
          </p>
        )}
      </div>
    </header>
  );
}
