import { Link } from 'react-router';
import type { Campaign, Strategy } from '../../api/types.ts';
import { Card } from '../../components/ui.tsx';
import type { EditCampaign } from './campaign-draft.ts';
import { CheckboxList } from './CheckboxList.tsx';
import { formatNumber } from '../publishing/time.ts';

const followers = (n: number | undefined) => (n === undefined ? 'no follower baseline' : `${formatNumber(n)} followers`);

/**
 * A campaign builds on its strategy: it reaches the strategy's personas on the strategy's channels.
 * Only those are offered; anything else is added to the strategy first.
 */
export function AudienceChannelsFields({
  draft,
  edit,
  strategy,
  strategyLink,
}: {
  draft: Campaign;
  edit: EditCampaign;
  strategy: Strategy;
  strategyLink: string;
}) {
  const addInStrategy = (what: string) => (
    <>
      The strategy has no {what} yet. <Link to={strategyLink}>Add them to the strategy</Link> first.
    </>
  );
  return (
    <Card title="Audience and channels">
      <p className="muted">Chosen from the strategy “{strategy.name}”: a campaign reuses its audience research and channels.</p>
      <div className="grid">
        <CheckboxList
          legend="Audience (personas)"
          pointer="/audience"
          options={strategy.audience.personas.map((p) => ({
            value: p.id,
            label: (
              <>
                {p.name} <span className="muted">({p.id})</span>
              </>
            ),
          }))}
          selected={draft.audience}
          onChange={(audience) => edit((d) => ({ ...d, audience }))}
          empty={addInStrategy('personas')}
        />
        <CheckboxList
          legend="Channels"
          pointer="/channels"
          options={strategy.channels.map((c) => ({
            value: c.id,
            label: (
              <>
                {c.id}
                {c.handle ? ` ${c.handle}` : ''}{' '}
                <span className="muted">
                  — {c.platform}, {followers(c.baseline?.followers)}
                </span>
              </>
            ),
          }))}
          selected={draft.channels}
          onChange={(channels) => edit((d) => ({ ...d, channels }))}
          empty={addInStrategy('channels')}
        />
      </div>
    </Card>
  );
}
