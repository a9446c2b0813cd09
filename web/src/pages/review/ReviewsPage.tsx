/** `/w/:ws/strategies/:sid/reviews`: a strategy's reviews, its cadence and next review date, and "Run review now". */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useRunReview, useReviews } from '../../api/reviews.ts';
import { useCan } from '../../api/session.ts';
import { useStrategy } from '../../api/strategies.ts';
import { Badge, Button, Card, EmptyState, ErrorBanner, Loading, TextInput, usePageTitle } from '../../components/ui.tsx';
import { formatDate, formatPeriod } from '../publishing/time.ts';
import { ScrollRegion } from './ScrollRegion.tsx';
import './review.css';

const todayUtc = () => new Date().toISOString().slice(0, 10);

export function ReviewsPage() {
  const { ws = '', sid = '' } = useParams();
  const navigate = useNavigate();
  const detail = useStrategy(ws, sid);
  const list = useReviews(ws, sid);
  const canRun = useCan(ws, 'plan.write');
  const run = useRunReview(ws, sid);
  const [asOf, setAsOf] = useState(todayUtc);
  usePageTitle(detail.data ? `Reviews of ${detail.data.strategy.name}` : 'Reviews');

  if (detail.isPending || list.isPending) return <Loading what="Loading the reviews" />;
  if (detail.error || list.error) {
    return (
      <div className="page narrow">
        <ErrorBanner error={detail.error ?? list.error} />
        <Link to={`/w/${ws}`}>Back to the strategies</Link>
      </div>
    );
  }
  const s = detail.data.strategy;
  const strategyUrl = `/w/${ws}/strategies/${encodeURIComponent(s.id)}`;
  const { reviews, cadence, nextReviewDate } = list.data;

  return (
    <div className="page theme-strategy review-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={`/w/${ws}`}>Strategies</Link> / <Link to={strategyUrl}>{s.name}</Link> / Reviews
      </nav>
      <h1>Reviews of {s.name}</h1>
      <p className="muted">
        Reviewed {cadence} from the strategy's start
        {nextReviewDate ? `; the next scheduled review is on ${formatDate(nextReviewDate)}` : ''}. A review sets the KPIs against their
        targets, ranks the posts of each pillar, shows campaigns' ROI and the plan's findings, and suggests adjustments; accepting one saves
        the next <Link to={`${strategyUrl}/versions`}>version</Link> of the strategy.
      </p>
      {canRun && (
        <Card title="Run a review now">
          <form
            className="review-actions"
            onSubmit={(e) => {
              e.preventDefault();
              run.mutate(asOf, { onSuccess: (review) => navigate(`${strategyUrl}/reviews/${review.id}`) });
            }}
          >
            <TextInput
              label="As of"
              type="date"
              value={asOf}
              required
              onChange={(e) => setAsOf(e.target.value)}
              hint={`Covers the ${cadence} period ending that day.`}
            />
            <Button type="submit" variant="primary" disabled={run.isPending || !asOf}>
              {run.isPending ? 'Running…' : 'Run review now'}
            </Button>
          </form>
          <ErrorBanner error={run.error} />
        </Card>
      )}
      <Card title="All reviews">
        {reviews.length === 0 ? (
          <EmptyState title="No reviews yet">
            {nextReviewDate ? `The first scheduled review is on ${formatDate(nextReviewDate)}. ` : ''}
            {canRun ? 'Run one now to see where the KPIs stand and what to adjust.' : 'Someone who edits the plan can run one now.'}
          </EmptyState>
        ) : (
          <ScrollRegion label="Reviews, newest first">
            <table className="table">
              <caption className="visually-hidden">Reviews, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">As of</th>
                  <th scope="col">Period</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Suggestions</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {reviews.map((r) => (
                  <tr key={r.id} data-testid="review-row">
                    <th scope="row">
                      <Link to={`${strategyUrl}/reviews/${r.id}`}>{formatDate(r.asOf)}</Link>
                    </th>
                    <td>{formatPeriod(r.period)}</td>
                    <td>{r.reviewDate ? `Scheduled (${formatDate(r.reviewDate)})` : `Run by ${r.createdBy?.name ?? 'someone'}`}</td>
                    <td>
                      {r.suggestions.open} open, {r.suggestions.accepted} accepted, {r.suggestions.rejected} rejected
                    </td>
                    <td>
                      <Badge tone={r.status === 'open' ? 'warning' : 'ok'}>{r.status === 'open' ? 'Open' : 'Closed'}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Card>
    </div>
  );
}
