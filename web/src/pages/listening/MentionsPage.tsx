/** `/w/:ws/listening/mentions`: the mentions feed, newest first, by query, sentiment, network and words. */
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useListeningQueries, useMentions, type MentionFilters } from '../../api/listening.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { EmptyState, ErrorBanner, Loading, Select, TextInput, usePageTitle } from '../../components/ui.tsx';
import { ListeningNav } from './ListeningNav.tsx';
import { MentionCard } from './MentionCard.tsx';

export function MentionsPage() {
  const { ws = '' } = useParams();
  usePageTitle('Mentions');
  const queries = useListeningQueries(ws);
  const [filters, setFilters] = useState<MentionFilters>({});
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), 300);
  const mentions = useMentions(ws, { ...filters, ...(settled === '' ? {} : { search: settled }) });
  const names = new Map((queries.data ?? []).map((q) => [q.id, q.name]));
  const set = (key: keyof MentionFilters, value: string) => setFilters((f) => ({ ...f, [key]: value === '' ? undefined : value }));
  const filtered = Object.values(filters).some((v) => v !== undefined) || settled !== '';

  let body: ReactNode;
  if (mentions.isPending) body = <Loading what="Loading mentions" />;
  else if (mentions.error) body = <ErrorBanner error={mentions.error} />;
  else if (mentions.data.mentions.length === 0)
    body = filtered ? (
      <EmptyState title="No mention matches these filters">Clear a filter to see more.</EmptyState>
    ) : (
      <EmptyState title="No mentions yet" action={<Link to={`/w/${ws}/listening/sources`}>Add a source</Link>}>
        Mentions arrive from the sources you add — a Bluesky relay, a Mastodon hashtag, an RSS feed — or from a CSV/JSONL import through the
        API, and are matched against your queries as they come.
      </EmptyState>
    );
  else
    body = (
      <ul className="mention-list">
        {mentions.data.mentions.map((m) => (
          <MentionCard key={m.id} mention={m} queryNames={names} />
        ))}
      </ul>
    );

  return (
    <div className="page listening-page">
      <h1>Listening</h1>
      <ListeningNav ws={ws} />
      <search className="inline-form mention-filters">
        <Select label="Query" value={filters.query ?? ''} onChange={(e) => set('query', e.target.value)}>
          <option value="">All mentions</option>
          {(queries.data ?? []).map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </Select>
        <Select label="Sentiment" value={filters.sentiment ?? ''} onChange={(e) => set('sentiment', e.target.value)}>
          <option value="">Any</option>
          <option value="positive">Positive</option>
          <option value="negative">Negative</option>
          <option value="neutral">Neutral</option>
          <option value="unscored">Not scored</option>
        </Select>
        <Select label="Network" value={filters.network ?? ''} onChange={(e) => set('network', e.target.value)}>
          <option value="">Any</option>
          <option value="bluesky">Bluesky</option>
          <option value="mastodon">Mastodon</option>
          <option value="rss">Feeds</option>
          <option value="import">Imported</option>
        </Select>
        <TextInput label="Words" type="search" maxLength={200} value={search} onChange={(e) => setSearch(e.target.value)} />
      </search>
      {body}
    </div>
  );
}
