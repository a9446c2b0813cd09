import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/session.ts';
import { createWorkspace } from '../../api/workspaces.ts';
import { Button, Card, EmptyState, ErrorBanner, Loading, TextInput, usePageTitle } from '../../components/ui.tsx';
import { browserTimezone, TimezoneSelect } from './TimezoneSelect.tsx';

export function WorkspacePicker({ redirectSingle = false }: { redirectSingle?: boolean }) {
  usePageTitle('Workspaces');
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState(browserTimezone);
  const [error, setError] = useState<unknown>(null);
  if (me.isPending) return <Loading />;
  const workspaces = me.data?.workspaces ?? [];
  if (redirectSingle && workspaces.length === 1) return <Navigate to={`/w/${workspaces[0]!.slug}`} replace />;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const workspace = await createWorkspace({ name, timezone });
      await qc.invalidateQueries({ queryKey: keys.me });
      await navigate(`/w/${workspace.slug}`);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="page narrow">
      <h1>Workspaces</h1>
      {workspaces.length === 0 ? (
        <EmptyState title="No workspace yet">
          A workspace holds an organisation's strategy, its campaigns and the people who plan them. Create one to start.
        </EmptyState>
      ) : (
        <ul className="list">
          {workspaces.map((w) => (
            <li key={w.id}>
              <Link to={`/w/${w.slug}`} className="list-link">
                <strong>{w.name}</strong> <span className="muted">{w.role}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Card title="New workspace">
        <form onSubmit={create} className="inline-form">
          <TextInput label="Workspace name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          <TimezoneSelect
            value={timezone}
            onChange={(e) => setTimezone(e.target.value)}
            hint="Posts are planned in it; change it later in the settings."
          />
          <Button type="submit" variant="primary" disabled={!name.trim()}>
            Create workspace
          </Button>
        </form>
        <ErrorBanner error={error} />
      </Card>
    </div>
  );
}
