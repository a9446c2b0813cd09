/**
 * `/w/:ws/strategies/:sid/versions`: every saved version of a strategy (who, when, why) and the
 * semantic diff of any two — `?from=a&to=b`, so a diff has a link (the review page links to the
 * version its accepted suggestion made).
 */
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useStrategy, useStrategyVersions, useVersionDiff, type StrategyVersionSummary } from '../../api/strategies.ts';
import { useWorkspaceTimezone } from '../../api/workspaces.ts';
import { Badge, Button, Card, EmptyState, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { formatInstant } from '../publishing/time.ts';
import { DiffView } from './DiffView.tsx';
import { ScrollRegion } from './ScrollRegion.tsx';
import './review.css';

const REASON: Record<StrategyVersionSummary['reason'], string> = { edit: 'Edited', import: 'Imported', review: 'Review decision' };

const positive = (s: string | null) => {
  const n = Number(s);
  return s !== null && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

function Why({ ws, sid, v }: { ws: string; sid: string; v: StrategyVersionSummary }) {
  if (v.reason === 'review' && v.reviewId) {
    return <Link to={`/w/${ws}/strategies/${encodeURIComponent(sid)}/reviews/${v.reviewId}`}>{REASON.review}</Link>;
  }
  return <>{v.version === 1 && v.reason === 'edit' ? 'Created' : REASON[v.reason]}</>;
}

export function VersionsPage() {
  const { ws = '', sid = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const detail = useStrategy(ws, sid);
  const versions = useStrategyVersions(ws, sid);
  const zone = useWorkspaceTimezone(ws);
  usePageTitle(detail.data ? `Versions of ${detail.data.strategy.name}` : 'Versions');

  const list = versions.data ?? [];
  const from = positive(search.get('from'));
  const to = positive(search.get('to'));
  // The picks start at what is shown (or the two newest), and apply with "Compare".
  const [pickFrom, setPickFrom] = useState<number | undefined>(undefined);
  const [pickTo, setPickTo] = useState<number | undefined>(undefined);
  const selFrom = pickFrom ?? from ?? list[1]?.version;
  const selTo = pickTo ?? to ?? list[0]?.version;
  const diff = useVersionDiff(ws, sid, from, to);

  if (detail.isPending || versions.isPending) return <Loading what="Loading the versions" />;
  if (detail.error || versions.error) {
    return (
      <div className="page narrow">
        <ErrorBanner error={detail.error ?? versions.error} />
        <Link to={`/w/${ws}`}>Back to the strategies</Link>
      </div>
    );
  }
  const s = detail.data.strategy;
  const strategyUrl = `/w/${ws}/strategies/${encodeURIComponent(s.id)}`;

  return (
    <div className="page theme-strategy versions-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={`/w/${ws}`}>Strategies</Link> / <Link to={strategyUrl}>{s.name}</Link> / Versions
      </nav>
      <h1>Versions of {s.name}</h1>
      <p className="muted">
        Every save of the strategy is kept as a version — edits, imports and accepted review suggestions. Nothing is overwritten: pick two
        versions to see what changed between them.
      </p>
      {from !== undefined && to !== undefined && (
        <Card title={`Changes from version ${from} to version ${to}`} className="diff-card">
          {diff.isPending ? (
            <Loading what="Comparing" />
          ) : diff.error ? (
            <ErrorBanner error={diff.error} />
          ) : (
            <DiffView changes={diff.data.changes} />
          )}
        </Card>
      )}
      <Card title="All versions">
        {list.length === 0 ? (
          <EmptyState title="No versions yet">
            This strategy was stored before versions were kept; its next save becomes its first version.
          </EmptyState>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (selFrom === undefined || selTo === undefined) return;
              setPickFrom(undefined);
              setPickTo(undefined);
              setSearch({ from: String(selFrom), to: String(selTo) });
            }}
          >
            <ScrollRegion label="Versions, newest first, with the two to compare">
              <table className="table versions-table">
                <caption className="visually-hidden">Versions, newest first, with the two to compare</caption>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Saved</th>
                    <th scope="col">By</th>
                    <th scope="col">Why</th>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((v, i) => (
                    <tr key={v.version} data-testid="version-row">
                      <th scope="row">
                        {v.version} {i === 0 && <Badge tone="strategy">current</Badge>}
                      </th>
                      <td>{formatInstant(v.createdAt, zone.timezone)}</td>
                      <td>{v.createdBy?.name ?? <span className="muted">system</span>}</td>
                      <td>
                        <Why ws={ws} sid={s.id} v={v} />
                      </td>
                      <td>
                        <input
                          type="radio"
                          name="from"
                          aria-label={`Compare from version ${v.version}`}
                          checked={selFrom === v.version}
                          onChange={() => setPickFrom(v.version)}
                        />
                      </td>
                      <td>
                        <input
                          type="radio"
                          name="to"
                          aria-label={`Compare to version ${v.version}`}
                          checked={selTo === v.version}
                          onChange={() => setPickTo(v.version)}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <div className="review-actions">
              <Button type="submit" variant="primary" disabled={selFrom === undefined || selTo === undefined || list.length < 2}>
                Compare
              </Button>
              {list.length < 2 && <span className="muted">There is one version so far: edit the strategy to make another.</span>}
            </div>
          </form>
        )}
      </Card>
    </div>
  );
}
