/**
 * `/w/:ws/listening/sources`: where mentions come from — add one, enable or disable it, see how it is
 * doing — and a file of mentions from anywhere else imported (ImportMentions).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { useSources, useSourceWrites, type Source, type SourceBody } from '../../api/listening.ts';
import { Badge, Button, Card, EmptyState, ErrorBanner, Loading, Select, TextInput, usePageTitle } from '../../components/ui.tsx';
import { ImportMentions } from './ImportMentions.tsx';
import { ListeningNav } from './ListeningNav.tsx';
import { useCan } from '../../api/session.ts';

const KIND_LABEL: Record<Source['kind'], string> = { bluesky: 'Bluesky stream', mastodon: 'Mastodon timeline', rss: 'RSS/Atom feed' };
const STATUS: Record<Source['status'], { label: string; tone: 'ok' | 'error' | 'neutral' }> = {
  running: { label: 'Streaming', tone: 'ok' },
  idle: { label: 'Idle', tone: 'neutral' },
  error: { label: 'Error', tone: 'error' },
};

function describe(s: Source): string {
  const c = s.config as { url?: string; stream?: string };
  return s.kind === 'mastodon' ? `${c.url ?? ''} · ${c.stream ?? ''}` : (c.url ?? '');
}

function AddSource({ ws, onDone }: { ws: string; onDone: () => void }) {
  const [kind, setKind] = useState<Source['kind']>('rss');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [stream, setStream] = useState('public');
  const { create } = useSourceWrites(ws);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: SourceBody =
      kind === 'mastodon' ? { kind, name, config: { url, stream }, enabled: true } : { kind, name, config: { url }, enabled: true };
    create.mutate(body, { onSuccess: onDone });
  };
  const placeholder = { bluesky: 'wss://bsky.network', mastodon: 'https://mastodon.social', rss: 'https://example.com/feed.xml' }[kind];
  return (
    <Card title="Add a source">
      <form className="source-form" onSubmit={submit}>
        <div className="inline-form">
          <Select label="Kind" value={kind} onChange={(e) => setKind(e.target.value as Source['kind'])}>
            <option value="rss">RSS/Atom feed</option>
            <option value="mastodon">Mastodon timeline</option>
            <option value="bluesky">Bluesky stream</option>
          </Select>
          <TextInput label="Name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <TextInput
          label={kind === 'mastodon' ? 'Instance' : kind === 'bluesky' ? 'Relay or PDS' : 'Feed URL'}
          required
          type="url"
          placeholder={placeholder}
          hint={
            kind === 'bluesky'
              ? 'A wss:// address serving com.atproto.sync.subscribeRepos; wss://bsky.network is the whole network.'
              : undefined
          }
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        {kind === 'mastodon' && (
          <TextInput
            label="Timeline"
            required
            hint="public (federated), public:local (this instance) or hashtag:yourtag"
            value={stream}
            onChange={(e) => setStream(e.target.value)}
          />
        )}
        {create.error ? <ErrorBanner error={create.error} /> : null}
        <div className="builder-actions">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Add source
          </Button>
          <Button onClick={onDone}>Cancel</Button>
        </div>
      </form>
    </Card>
  );
}

export function SourcesPage() {
  const { ws = '' } = useParams();
  usePageTitle('Listening sources');
  const sources = useSources(ws);
  const canWrite = useCan(ws, 'listening.write');
  const writes = useSourceWrites(ws);
  const [adding, setAdding] = useState(false);

  let body: ReactNode;
  if (sources.isPending) body = <Loading what="Loading sources" />;
  else if (sources.error) body = <ErrorBanner error={sources.error} />;
  else if (sources.data.length === 0)
    body = (
      <EmptyState
        title="No sources yet"
        action={
          canWrite && !adding ? (
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add a source
            </Button>
          ) : undefined
        }
      >
        Add where mentions come from: a Bluesky relay or PDS, a Mastodon instance's public or hashtag timeline, a blog's RSS or Atom feed.
        Feeds are read every 15 minutes, Mastodon every 2, Bluesky as posts happen. Mentions from elsewhere can be imported as a file below.
      </EmptyState>
    );
  else
    body = (
      <ul className="list source-list">
        {sources.data.map((s) => (
          <li key={s.id} className="card source-item" data-testid="source">
            <div className="query-item-head">
              <strong>{s.name}</strong>
              <span className="muted">{KIND_LABEL[s.kind]}</span>
              <Badge tone={s.enabled ? STATUS[s.status].tone : 'neutral'}>{s.enabled ? STATUS[s.status].label : 'Disabled'}</Badge>
              <span className="muted">{s.mentions.toLocaleString()} mentions</span>
            </div>
            <p className="muted source-config">{describe(s)}</p>
            <p className="muted">
              {s.lastRunAt
                ? `Last read ${new Date(s.lastRunAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`
                : 'Not read yet'}
            </p>
            {s.lastError && (
              <p className="source-error" role="note">
                Last error: {s.lastError}
              </p>
            )}
            {canWrite && (
              <div className="card-actions">
                <Button onClick={() => writes.setEnabled.mutate({ id: s.id, enabled: !s.enabled })}>
                  {s.enabled ? 'Disable' : 'Enable'}
                </Button>
                <Button variant="ghost" onClick={() => writes.remove.mutate(s.id)}>
                  Remove
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    );

  return (
    <div className="page listening-page">
      <div className="page-header">
        <h1>Listening</h1>
        {canWrite && !adding && (sources.data?.length ?? 0) > 0 && (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add a source
          </Button>
        )}
      </div>
      <ListeningNav ws={ws} />
      {adding && <AddSource ws={ws} onDone={() => setAdding(false)} />}
      {writes.setEnabled.error || writes.remove.error ? <ErrorBanner error={writes.setEnabled.error ?? writes.remove.error} /> : null}
      {body}
      {canWrite && <ImportMentions ws={ws} />}
    </div>
  );
}
