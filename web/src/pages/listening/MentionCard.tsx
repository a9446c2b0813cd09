/** One mention as the feed and the query preview show it: who, where, when, its sentiment and text. */
import type { Mention } from '../../api/listening.ts';
import { Badge } from '../../components/ui.tsx';
import { networkLabel } from '../../components/network-label.ts';

const SENTIMENT: Record<Mention['sentiment'], { label: string; tone: 'ok' | 'error' | 'neutral' | 'warning' }> = {
  positive: { label: 'Positive', tone: 'ok' },
  negative: { label: 'Negative', tone: 'error' },
  neutral: { label: 'Neutral', tone: 'neutral' },
  unscored: { label: 'Not scored', tone: 'neutral' },
};

export function MentionCard({ mention, queryNames }: { mention: Mention; queryNames?: Map<string, string> }) {
  const s = SENTIMENT[mention.sentiment];
  const when = new Date(mention.postedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <li className="mention card" data-testid="mention">
      <div className="mention-head">
        <Badge tone={s.tone}>{s.label}</Badge>
        <span className="mention-author">{mention.authorName ?? mention.author ?? 'Unknown author'}</span>
        <span className="muted">
          {networkLabel(mention.network)} · {mention.url ? <a href={mention.url}>{when}</a> : when}
          {mention.lang ? ` · ${mention.lang}` : ''}
        </span>
      </div>
      <p className="mention-text">{mention.text}</p>
      {queryNames && mention.queries.length > 0 && (
        <p className="muted mention-queries">
          Matched: {mention.queries.map((id) => queryNames.get(id) ?? 'an archived query').join(', ')}
        </p>
      )}
    </li>
  );
}
