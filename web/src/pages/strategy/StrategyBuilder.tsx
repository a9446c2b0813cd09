import { useState, type ReactNode } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { useCan, useCurrentWorkspace } from '../../api/session.ts';
import { useStrategy } from '../../api/strategies.ts';
import { EmptyState, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { BuilderForm } from './BuilderForm.tsx';
import { newDraft } from './draft.ts';
import { isStepId, STEPS } from './steps.ts';

/** `/w/:ws/strategies/new` and `/w/:ws/strategies/:sid/edit/:step?`: the guided strategy builder. */
export function StrategyBuilder() {
  const { ws = '', sid, step } = useParams();
  const stepTitle = STEPS.find((s) => s.id === step)?.title ?? STEPS[0].title;
  usePageTitle(sid === undefined ? 'New strategy' : `Edit strategy: ${stepTitle}`);
  const canWrite = useCan(ws, 'plan.write');
  const workspace = useCurrentWorkspace(ws);
  const detail = useStrategy(ws, sid);
  // Bumped to throw the draft away and start again from the latest saved version.
  const [reloads, setReloads] = useState(0);

  const back = sid === undefined ? `/w/${ws}` : `/w/${ws}/strategies/${encodeURIComponent(sid)}`;
  if (!canWrite) {
    return (
      <div className="page narrow theme-strategy">
        <EmptyState title="You can read strategies here, not edit them" action={<Link to={back}>Back</Link>}>
          Your role in this workspace does not include planning. Ask an owner for the strategist role to build or change a strategy.
        </EmptyState>
      </div>
    );
  }
  if (sid !== undefined && !isStepId(step)) return <Navigate to={`${back}/edit/${STEPS[0].id}`} replace />;

  let form: ReactNode;
  if (sid === undefined) {
    form = <BuilderForm key="new" ws={ws} initial={newDraft(workspace?.name)} initialVersion={undefined} step="basics" />;
  } else if (detail.isPending) {
    form = <Loading what="Loading the strategy" />;
  } else if (detail.error) {
    form = <ErrorBanner error={detail.error} />;
  } else {
    const reload = async () => {
      await detail.refetch();
      setReloads((n) => n + 1);
    };
    form = (
      <BuilderForm
        key={`${sid}:${reloads}`}
        ws={ws}
        initial={detail.data.strategy}
        initialVersion={detail.data.version}
        campaigns={detail.data.campaigns}
        step={isStepId(step) ? step : 'basics'}
        onReload={() => void reload()}
      />
    );
  }

  return (
    <div className="page theme-strategy builder">
      <div className="page-header">
        <div>
          <nav className="breadcrumb" aria-label="Breadcrumb">
            <Link to={`/w/${ws}`}>Strategies</Link>
            {sid !== undefined && (
              <>
                {' / '}
                <Link to={back}>{detail.data?.strategy.name ?? sid}</Link>
              </>
            )}
          </nav>
          <p className="kind-label">
            <span className="strategy-mark" aria-hidden="true" /> Strategy builder
          </p>
          <h1>{sid === undefined ? 'Build your strategy' : (detail.data?.strategy.name ?? 'Edit strategy')}</h1>
        </div>
      </div>
      {form}
    </div>
  );
}
