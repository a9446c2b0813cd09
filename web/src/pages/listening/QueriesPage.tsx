/**
 * `/w/:ws/listening`: the saved queries, and the editor where a query is written — checked as it is
 * typed (a pause in typing sends it to /check): a syntax error shows under the box with its message
 * and position, a valid query shows which recent mentions it matches.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { useListeningQueries, useQueryCheck, useQueryWrites, type ListeningQuery, type QueryBody } from '../../api/listening.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { Badge, Button, Card, EmptyState, ErrorBanner, Field, Loading, Select, TextInput, usePageTitle } from '../../components/ui.tsx';
import { ListeningNav } from './ListeningNav.tsx';
import { MentionCard } from './MentionCard.tsx';
import { useCan } from '../../api/session.ts';

const EMPTY: QueryBody = { name: '', query: '', topic: null, role: 'topic', needsResponse: false };
const ROLE_LABEL = { brand: 'Brand', competitor: 'Competitor', topic: 'Topic' } as const;

function QueryEditor({ ws, editing, onDone }: { ws: string; editing: ListeningQuery | null; onDone: () => void }) {
  const [draft, setDraft] = useState<QueryBody>(
    editing
      ? { name: editing.name, query: editing.query, topic: editing.topic, role: editing.role, needsResponse: editing.needsResponse }
      : EMPTY,
  );
  const settled = useDebounced(draft.query, 300);
  const check = useQueryCheck(ws, settled);
  const writes = useQueryWrites(ws);
  const save = editing ? writes.update : writes.create;
  const saving = writes.update.isPending || writes.create.isPending;
  const result = settled.trim() === '' ? undefined : check.data;
  const syntax = result?.error ? `${result.error.message}` : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (editing) writes.update.mutate({ ...draft, id: editing.id }, { onSuccess: onDone });
    else writes.create.mutate(draft, { onSuccess: onDone });
  };

  return (
    <Card title={editing ? `Edit “${editing.name}”` : 'New query'}>
      <form className="query-editor" onSubmit={submit}>
        <TextInput
          label="Name"
          required
          maxLength={120}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
        <Field
          label="Query"
          error={syntax}
          hint={
            <>
              Terms, <code>"phrases"</code>, <code>AND</code> <code>OR</code> <code>NOT</code>, <code>( )</code>, <code>NEAR/3</code>,{' '}
              <code>brew*</code>, <code>#tag</code>, <code>@handle</code>, <code>lang:en</code>, <code>site:example.com</code>,{' '}
              <code>has:link</code>.
            </>
          }
        >
          {(a) => (
            <textarea
              {...a}
              rows={3}
              required
              maxLength={4096}
              spellCheck={false}
              className="query-box"
              value={draft.query}
              onChange={(e) => setDraft({ ...draft, query: e.target.value })}
            />
          )}
        </Field>
        {result?.error && (
          <p className="query-pointer" aria-hidden="true">
            <code>
              {settled.slice(0, result.error.position)}
              <mark>{settled.slice(result.error.position, result.error.position + 1) || ' '}</mark>
              {settled.slice(result.error.position + 1)}
            </code>
          </p>
        )}
        <div className="inline-form form-row">
          <Select label="Role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as QueryBody['role'] })}>
            <option value="brand">Brand</option>
            <option value="competitor">Competitor</option>
            <option value="topic">Topic</option>
          </Select>
          <TextInput
            label="Share-of-voice group"
            hint="The brand and its competitors share one group."
            maxLength={120}
            value={draft.topic ?? ''}
            onChange={(e) => setDraft({ ...draft, topic: e.target.value.trim() === '' ? null : e.target.value })}
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={draft.needsResponse} onChange={(e) => setDraft({ ...draft, needsResponse: e.target.checked })} />{' '}
          Hits need a response (they go to the inbox)
        </label>
        {save.error ? <ErrorBanner error={save.error} /> : null}
        <div className="builder-actions">
          <Button type="submit" variant="primary" disabled={saving || Boolean(syntax)}>
            {editing ? 'Save changes' : 'Save query'}
          </Button>
          <Button onClick={onDone}>Cancel</Button>
        </div>
      </form>
      <section className="query-preview" aria-live="polite" aria-label="Preview of matching mentions">
        <h3>Preview</h3>
        {settled.trim() === '' ? (
          <p className="muted">Type a query to see which recent mentions it matches.</p>
        ) : check.error ? (
          <p className="muted">{messageOf(check.error)}</p>
        ) : !result ? (
          <Loading what="Checking" />
        ) : result.ok ? (
          <>
            <p className="muted" data-testid="preview-count">
              {result.preview.total === 0
                ? `No match among the ${result.preview.scanned.toLocaleString()} most recent mentions.`
                : `${result.preview.total.toLocaleString()} of the ${result.preview.scanned.toLocaleString()} most recent mentions match.`}
            </p>
            <ul className="mention-list">
              {result.preview.mentions.map((m) => (
                <MentionCard key={m.id} mention={m} />
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">Fix the query to see a preview.</p>
        )}
      </section>
    </Card>
  );
}

export function QueriesPage() {
  const { ws = '' } = useParams();
  usePageTitle('Listening queries');
  const queries = useListeningQueries(ws);
  const canWrite = useCan(ws, 'listening.write');
  const writes = useQueryWrites(ws);
  const [editing, setEditing] = useState<ListeningQuery | 'new' | null>(null);

  let list: ReactNode;
  if (queries.isPending) list = <Loading what="Loading queries" />;
  else if (queries.error) list = <ErrorBanner error={queries.error} />;
  else if (queries.data.length === 0 && editing !== null) list = null;
  else if (queries.data.length === 0)
    list = (
      <EmptyState
        title="No listening queries yet"
        action={
          canWrite && editing === null ? (
            <Button variant="primary" onClick={() => setEditing('new')}>
              New query
            </Button>
          ) : undefined
        }
      >
        A query says which mentions to collect: your brand's name, your competitors', a topic. Write one, see at once what it matches, then
        add sources on the Sources tab.
      </EmptyState>
    );
  else
    list = (
      <ul className="list query-list">
        {queries.data.map((q) => (
          <li key={q.id} className="card query-item" data-testid="query">
            <div className="query-item-head">
              <strong>{q.name}</strong>
              <Badge tone={q.role === 'brand' ? 'strategy' : q.role === 'competitor' ? 'campaign' : 'neutral'}>{ROLE_LABEL[q.role]}</Badge>
              {q.needsResponse && <Badge tone="warning">Needs response</Badge>}
              <span className="muted">{q.matches.toLocaleString()} mentions</span>
            </div>
            <code className="query-text">{q.query}</code>
            {canWrite && (
              <div className="card-actions">
                <Button onClick={() => setEditing(q)}>Edit</Button>
                <Button variant="ghost" onClick={() => writes.archive.mutate(q.id)}>
                  Archive
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
        {canWrite && editing === null && (queries.data?.length ?? 0) > 0 && (
          <Button variant="primary" onClick={() => setEditing('new')}>
            New query
          </Button>
        )}
      </div>
      <ListeningNav ws={ws} />
      {editing !== null && (
        <QueryEditor
          key={editing === 'new' ? 'new' : editing.id}
          ws={ws}
          editing={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {writes.archive.error ? <ErrorBanner error={writes.archive.error} /> : null}
      {list}
    </div>
  );
}
