import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useCan, useCurrentWorkspace } from '../../api/session.ts';
import { useStrategies, type StrategySummary } from '../../api/strategies.ts';
import { Badge, EmptyState, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { formatPeriod } from './labels.ts';

function StrategyCard({ ws, strategy }: { ws: string; strategy: StrategySummary }) {
  const campaigns = strategy.campaignCount;
  return (
    <li className="card strategy-card">
      <Badge tone="strategy">Strategy</Badge>
      <h2>
        <Link to={`/w/${ws}/strategies/${encodeURIComponent(strategy.id)}`}>{strategy.name}</Link>
      </h2>
      <p className="strategy-card-org">{strategy.organisation}</p>
      <p className="muted">{formatPeriod(strategy.period)}</p>
      <p className="muted">{campaigns === 0 ? 'No campaigns yet' : `${campaigns} campaign${campaigns === 1 ? '' : 's'}`}</p>
    </li>
  );
}

/** `/w/:ws`, the workspace home: its strategies, or where to start when there is none. */
export function StrategyList() {
  const { ws = '' } = useParams();
  usePageTitle('Strategies');
  const workspace = useCurrentWorkspace(ws);
  const canWrite = useCan(ws, 'plan.write');
  const strategies = useStrategies(ws);

  const build = canWrite && (
    <Link to={`/w/${ws}/strategies/new`} className="btn btn-primary">
      Build your strategy
    </Link>
  );
  const importLink = canWrite && (
    <Link to={`/w/${ws}/import`} className="btn btn-secondary">
      Import YAML
    </Link>
  );

  let body: ReactNode;
  if (strategies.isPending) body = <Loading what="Loading strategies" />;
  else if (strategies.error) body = <ErrorBanner error={strategies.error} />;
  else if (strategies.data.length === 0) {
    body = (
      <EmptyState
        title="Start with the strategy"
        action={
          <div className="empty-actions">
            {build}
            {importLink}
          </div>
        }
      >
        The strategy is the foundation: a plan of a year or more with objectives, KPIs, the audience and its pain points, the channels and
        the people behind them. Campaigns come after, and always live inside a strategy.
        {!canWrite && ' Nobody has built one in this workspace yet; a strategist can start it.'}
      </EmptyState>
    );
  } else {
    body = (
      <ul className="strategy-cards">
        {strategies.data.map((s) => (
          <StrategyCard key={s.id} ws={ws} strategy={s} />
        ))}
      </ul>
    );
  }

  const hasStrategies = (strategies.data?.length ?? 0) > 0;
  return (
    <div className="page theme-strategy">
      <div className="page-header">
        <div>
          <p className="muted workspace-name">{workspace?.name}</p>
          <h1>Strategies</h1>
        </div>
        {hasStrategies && (
          <div className="card-actions">
            {importLink}
            {canWrite && (
              <Link to={`/w/${ws}/strategies/new`} className="btn btn-primary">
                New strategy
              </Link>
            )}
          </div>
        )}
      </div>
      {body}
    </div>
  );
}
