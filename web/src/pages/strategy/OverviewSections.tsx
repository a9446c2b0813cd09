/** The strategy overview's read-only sections: channels, content pillars, audience, resources. */
import type { Strategy } from '../../api/types.ts';
import { Badge, Card } from '../../components/ui.tsx';
import { CapacityBar } from './CapacityBar.tsx';
import { channelLabel, formatNumber, percent, PLATFORM_NAMES } from './labels.ts';
import { PillarBar } from './PillarBar.tsx';

export function ChannelsTable({ strategy }: { strategy: Strategy }) {
  const personName = (id: string | undefined) =>
    id === undefined ? '—' : (strategy.resources.people.find((p) => p.id === id)?.name ?? id);
  return (
    <Card title="Channels">
      {strategy.channels.length === 0 ? (
        <p className="muted">No channels yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table channels-table">
            <thead>
              <tr>
                <th scope="col">Platform</th>
                <th scope="col">Handle</th>
                <th scope="col">Purpose</th>
                <th scope="col">Posts / week</th>
                <th scope="col">Owner</th>
                <th scope="col">Followers</th>
                <th scope="col">Engagement</th>
              </tr>
            </thead>
            <tbody>
              {strategy.channels.map((c) => (
                <tr key={c.id}>
                  <td data-label="Platform">{PLATFORM_NAMES[c.platform]}</td>
                  <td data-label="Handle">{c.handle ?? '—'}</td>
                  <td data-label="Purpose">{c.purpose ?? '—'}</td>
                  <td data-label="Posts / week">{c.cadence?.postsPerWeek ?? '—'}</td>
                  <td data-label="Owner">{personName(c.owner)}</td>
                  <td data-label="Followers">{c.baseline ? formatNumber(c.baseline.followers) : '—'}</td>
                  <td data-label="Engagement rate">
                    {c.baseline?.engagementRate !== undefined ? percent(c.baseline.engagementRate) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function PillarsSummary({ strategy }: { strategy: Strategy }) {
  return (
    <Card title="Content pillars">
      {strategy.pillars.length === 0 ? (
        <p className="muted">No content pillars yet.</p>
      ) : (
        <>
          <PillarBar pillars={strategy.pillars} />
          <ul className="pillar-legend">
            {strategy.pillars.map((p, i) => (
              <li key={p.id}>
                <span className={`pillar-swatch pillar-tone-${i % 5}${p.promotional ? ' pillar-promotional' : ''}`} aria-hidden="true" />
                {p.name} <strong>{percent(p.share)}</strong> {p.promotional && <Badge tone="warning">promotional</Badge>}
              </li>
            ))}
          </ul>
          <p className="muted">Promotional content may take at most {percent(strategy.contentMix.maxPromotionalShare)}.</p>
        </>
      )}
    </Card>
  );
}

export function PersonasList({ strategy }: { strategy: Strategy }) {
  const channelName = (id: string) => {
    const c = strategy.channels.find((x) => x.id === id);
    return c ? channelLabel(c) : id;
  };
  return (
    <Card title="Audience">
      {strategy.audience.personas.length === 0 ? (
        <p className="muted">No personas yet.</p>
      ) : (
        <ul className="persona-list">
          {strategy.audience.personas.map((p) => (
            <li key={p.id} className="persona">
              <h3>{p.name}</h3>
              {p.description && <p>{p.description}</p>}
              {p.painPoints.length > 0 && (
                <>
                  <p className="persona-label">Pain points</p>
                  <ul>
                    {p.painPoints.map((pain, i) => (
                      <li key={i}>{pain}</li>
                    ))}
                  </ul>
                </>
              )}
              {p.channels.length > 0 && <p className="muted">Reached on {p.channels.map(channelName).join(', ')}</p>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function ResourcesSummary({ strategy }: { strategy: Strategy }) {
  const { people, budget, tools } = strategy.resources;
  return (
    <Card title="Resources">
      {people.length === 0 ? (
        <p className="muted">Nobody assigned yet.</p>
      ) : (
        <ul className="people-list">
          {people.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>
              {p.role && <span className="muted"> · {p.role}</span>} · {p.hoursPerWeek} h/week
            </li>
          ))}
        </ul>
      )}
      <CapacityBar strategy={strategy} />
      <p>
        <strong>Budget:</strong> {budget ? `${formatNumber(budget.amount)} ${budget.currency}` : 'not set'}
      </p>
      {tools.length > 0 && (
        <p>
          <strong>Tools:</strong> {tools.join(', ')}
        </p>
      )}
    </Card>
  );
}
