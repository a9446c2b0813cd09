/**
 * `/w/:ws/strategies/:sid/reviews/:rid`: one review — its suggestions to accept or reject (with a
 * note), the KPIs against their targets, best and worst posts per pillar, posts per week per channel,
 * campaigns' ROI and the plan's findings. An accepted suggestion links to the diff of the version it made.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useDecideSuggestion, useReview, type Review, type Suggestion } from '../../api/reviews.ts';
import { useCan } from '../../api/session.ts';
import { useStrategy } from '../../api/strategies.ts';
import { Badge, Button, Card, EmptyState, ErrorBanner, Loading, TextArea, usePageTitle } from '../../components/ui.tsx';
import { formatRoi } from '../../../../src/plan/roi.ts';
import { formatDate, formatInstant, formatPeriod } from '../publishing/time.ts';
import { describeChange, num, RULE_TITLES, share, STATUS } from './labels.ts';
import { ScrollRegion } from './ScrollRegion.tsx';
import './review.css';

function SuggestionCard({
  ws,
  sid,
  review,
  s,
  n,
  canDecide,
}: {
  ws: string;
  sid: string;
  review: Review;
  s: Suggestion;
  n: number;
  canDecide: boolean;
}) {
  const decide = useDecideSuggestion(ws, sid, review.id);
  const [note, setNote] = useState('');
  const headingId = `suggestion-${s.id}`;
  const versionsUrl = `/w/${ws}/strategies/${encodeURIComponent(sid)}/versions`;
  return (
    <li className="suggestion" data-testid="suggestion" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {n}. {RULE_TITLES[s.rule]}{' '}
        {s.decision && (
          <Badge tone={s.decision === 'accepted' ? 'ok' : 'neutral'}>{s.decision === 'accepted' ? 'Accepted' : 'Rejected'}</Badge>
        )}
      </h3>
      <p>{s.rationale}</p>
      <p className="suggestion-change">{describeChange(s.change)}</p>
      {s.decision ? (
        <p className="muted">
          {s.decision === 'accepted' ? 'Accepted' : 'Rejected'} by {s.decidedBy?.name ?? 'someone'}
          {s.decidedAt ? ` on ${formatDate(s.decidedAt.slice(0, 10))}` : ''}
          {s.note ? ` — “${s.note}”` : ''}
          {s.appliedVersion !== null && (
            <>
              {' '}
              ·{' '}
              <Link to={`${versionsUrl}?from=${s.appliedVersion - 1}&to=${s.appliedVersion}`} data-testid="version-diff-link">
                See version {s.appliedVersion} and what changed
              </Link>
            </>
          )}
        </p>
      ) : canDecide ? (
        <form onSubmit={(e) => e.preventDefault()}>
          <TextArea label="Note (optional)" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} rows={2} />
          <div className="review-actions">
            <Button
              variant="primary"
              disabled={decide.isPending}
              aria-describedby={headingId}
              onClick={() => decide.mutate({ suggestionId: s.id, decision: 'accepted', ...(note.trim() ? { note } : {}) })}
            >
              Accept
            </Button>
            <Button
              disabled={decide.isPending}
              aria-describedby={headingId}
              onClick={() => decide.mutate({ suggestionId: s.id, decision: 'rejected', ...(note.trim() ? { note } : {}) })}
            >
              Reject
            </Button>
          </div>
          <ErrorBanner error={decide.error} />
        </form>
      ) : (
        <p className="muted">Awaiting a decision by someone who edits the plan.</p>
      )}
    </li>
  );
}

function KpiTable({ kpis }: { kpis: Review['content']['kpis'] }) {
  if (kpis.length === 0) return <EmptyState title="No KPIs">The strategy has no KPIs to review: add them to its objectives.</EmptyState>;
  return (
    <ScrollRegion label="KPIs against their targets">
      <table className="table review-kpis" data-testid="review-kpis">
        <caption className="visually-hidden">KPIs against their targets</caption>
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col">Status</th>
            <th scope="col">Current</th>
            <th scope="col">Target</th>
            <th scope="col">Due</th>
            <th scope="col">Baseline</th>
            <th scope="col">Progress</th>
            <th scope="col">Expected</th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((k) => (
            <tr key={k.id}>
              <th scope="row">
                {k.metric} <span className="muted">({k.id})</span>
              </th>
              <td>
                <span className="status-badge">
                  <Badge tone={STATUS[k.status].tone}>{STATUS[k.status].label}</Badge>
                </span>
              </td>
              <td>{num(k.current)}</td>
              <td>{num(k.target)}</td>
              <td>{k.due ? formatDate(k.due) : '—'}</td>
              <td>{num(k.baseline)}</td>
              <td>{share(k.progress)}</td>
              <td>{share(k.expected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const METHOD = { per_impression: 'per impression', per_follower: 'per post per follower', per_post: 'engagements per post' } as const;

function PostList({ title, posts }: { title: string; posts: Review['content']['pillars'][number]['best'] }) {
  return (
    <>
      <h4>{title}</h4>
      <ol>
        {posts.map((p) => (
          <li key={p.postId}>
            {p.text || <span className="muted">(no text)</span>}{' '}
            <span className="muted">
              — {num(p.engagements)} engagements, {formatDate(p.publishedAt.slice(0, 10))}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}

function Pillars({ pillars }: { pillars: Review['content']['pillars'] }) {
  if (pillars.length === 0) return <EmptyState title="No pillars">The strategy has no content pillars to compare.</EmptyState>;
  return (
    <div className="review-grid">
      {pillars.map((p) => (
        <section key={p.pillar} className="pillar-posts" aria-label={`Pillar ${p.name}`}>
          <h3>{p.name}</h3>
          <p className="muted">
            Share {share(p.share)} · {p.posts} post{p.posts === 1 ? '' : 's'}
            {p.engagementRate !== null && p.method && (
              <>
                {' '}
                · engagement {p.method === 'per_post' ? num(p.engagementRate) : share(p.engagementRate)} ({METHOD[p.method]})
              </>
            )}
          </p>
          {p.posts === 0 ? (
            <p className="muted">No post of this pillar was published in the period.</p>
          ) : (
            <>
              <PostList title="Best" posts={p.best} />
              {p.worst.length > 0 && <PostList title="Worst" posts={p.worst} />}
            </>
          )}
        </section>
      ))}
    </div>
  );
}

export function ReviewPage() {
  const { ws = '', sid = '', rid = '' } = useParams();
  const detail = useStrategy(ws, sid);
  const review = useReview(ws, rid);
  const canDecide = useCan(ws, 'plan.write');
  usePageTitle(review.data ? `Review as of ${formatDate(review.data.asOf)}` : 'Review');

  if (review.isPending || detail.isPending) return <Loading what="Loading the review" />;
  if (review.error || detail.error) {
    return (
      <div className="page narrow">
        <ErrorBanner error={review.error ?? detail.error} />
        <Link to={`/w/${ws}/strategies/${encodeURIComponent(sid)}/reviews`}>Back to the reviews</Link>
      </div>
    );
  }
  const r = review.data;
  const c = r.content;
  const strategyUrl = `/w/${ws}/strategies/${encodeURIComponent(sid)}`;
  return (
    <div className="page theme-strategy review-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={`/w/${ws}`}>Strategies</Link> / <Link to={strategyUrl}>{detail.data.strategy.name}</Link> /{' '}
        <Link to={`${strategyUrl}/reviews`}>Reviews</Link> / {formatDate(r.asOf)}
      </nav>
      <h1>Review as of {formatDate(r.asOf)}</h1>
      <p className="muted">
        {formatPeriod(r.period)} · version {r.strategyVersion} reviewed ·{' '}
        {r.reviewDate ? `scheduled for ${formatDate(r.reviewDate)}` : `run by ${r.createdBy?.name ?? 'someone'}`} ·{' '}
        {formatInstant(r.createdAt, 'UTC')} ·{' '}
        <Badge tone={r.status === 'open' ? 'warning' : 'ok'}>{r.status === 'open' ? 'Open' : 'Closed'}</Badge>
      </p>
      <Card title="Suggested adjustments">
        {r.suggestions.length === 0 ? (
          <EmptyState title="Nothing to adjust">No rule found anything to change in this period: the plan stands as it is.</EmptyState>
        ) : (
          <ol className="list-plain">
            {r.suggestions.map((s, i) => (
              <SuggestionCard key={s.id} ws={ws} sid={sid} review={r} s={s} n={i + 1} canDecide={canDecide} />
            ))}
          </ol>
        )}
      </Card>
      <Card title="KPIs against targets">
        <KpiTable kpis={c.kpis} />
      </Card>
      <Card title="Best and worst posts per pillar">
        <Pillars pillars={c.pillars} />
      </Card>
      <Card title="Posts per week against the plan">
        <ScrollRegion label="Posts per week per channel against the planned cadence">
          <table className="table">
            <caption className="visually-hidden">Posts per week per channel against the planned cadence</caption>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Posts</th>
                <th scope="col">Per week</th>
                <th scope="col">Planned</th>
              </tr>
            </thead>
            <tbody>
              {c.channels.map((ch) => (
                <tr key={ch.channel}>
                  <th scope="row">{ch.channel}</th>
                  <td>{ch.posts}</td>
                  <td>{num(ch.postsPerWeek)}</td>
                  <td>{num(ch.plannedPerWeek)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Card>
      <Card title="Campaigns' ROI">
        {c.campaigns.length === 0 ? (
          <EmptyState title="No campaigns">The strategy has no campaigns yet.</EmptyState>
        ) : (
          <ScrollRegion label="Campaigns' return on investment">
            <table className="table">
              <caption className="visually-hidden">Campaigns' return on investment</caption>
              <thead>
                <tr>
                  <th scope="col">Campaign</th>
                  <th scope="col">Revenue</th>
                  <th scope="col">Cost</th>
                  <th scope="col">ROI</th>
                  <th scope="col">Projected</th>
                </tr>
              </thead>
              <tbody>
                {c.campaigns.map((k) => (
                  <tr key={k.campaign}>
                    <th scope="row">{k.name}</th>
                    <td>
                      {num(k.revenue)} {k.currency ?? ''} <span className="muted">({k.conversions} conversions)</span>
                    </td>
                    <td>
                      {num(k.cost)} {k.cost !== null ? (k.currency ?? '') : ''}
                      {k.costBasis === 'planned' && <span className="muted"> (planned cost)</span>}
                    </td>
                    <td>{formatRoi(k.roi)}</td>
                    <td>{formatRoi(k.projectedRoi)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Card>
      <Card title="The plan's findings">
        {c.lint.findings.length === 0 ? (
          <p className="muted">No findings: the plan lints clean.</p>
        ) : (
          <ul>
            {c.lint.findings.map((f, i) => (
              <li key={`${f.rule}-${f.document}-${f.path}-${i}`}>
                <Badge tone={f.severity === 'error' ? 'error' : 'warning'}>{f.severity}</Badge> <code>{f.rule}</code> {f.message}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
