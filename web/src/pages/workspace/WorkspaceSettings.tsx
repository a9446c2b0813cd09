/**
 * `/w/:ws/settings` (workspace.manage): the workspace's name, its IANA time zone, the approval rule
 * with the self-approval switch, and the "add to queue" posting times. One save sends what changed;
 * the server validates (an unknown zone, a bad time) and audits each change. And whether links in
 * posts go out as tracked short links.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { keys } from '../../api/keys.ts';
import { useCan } from '../../api/session.ts';
import { updateWorkspace, useWorkspace, type Workspace } from '../../api/workspaces.ts';
import { Button, Card, EmptyState, ErrorBanner, Loading, TextInput, usePageTitle } from '../../components/ui.tsx';
import { TimezoneSelect } from './TimezoneSelect.tsx';

type Form = Pick<Workspace, 'name' | 'timezone' | 'requireApproval' | 'allowSelfApproval' | 'postingTimes' | 'trackLinks'>;

const formOf = (w: Workspace): Form => ({
  name: w.name,
  timezone: w.timezone,
  requireApproval: w.requireApproval,
  allowSelfApproval: w.allowSelfApproval,
  postingTimes: w.postingTimes,
  trackLinks: w.trackLinks,
});

/** Only the fields that differ from what is stored: the audit log then records real changes only. */
function changes(stored: Form, form: Form): Partial<Form> {
  const out: Partial<Form> = {};
  for (const key of Object.keys(form) as (keyof Form)[]) {
    if (JSON.stringify(form[key]) !== JSON.stringify(stored[key])) Object.assign(out, { [key]: form[key] });
  }
  return out;
}

function Checkbox({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <div className="checkbox-field">
      <div className="checkbox">
        <input id={id} type="checkbox" checked={checked} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{label}</label>
      </div>
      <div id={`${id}-hint`} className="field-message">
        {hint}
      </div>
    </div>
  );
}

export function WorkspaceSettings() {
  const { ws = '' } = useParams();
  usePageTitle('Workspace settings');
  const canManage = useCan(ws, 'workspace.manage');
  const workspace = useWorkspace(ws);
  const qc = useQueryClient();
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (workspace.data && form === null) setForm(formOf(workspace.data));
  }, [workspace.data, form]);

  if (!canManage) {
    return (
      <div className="page narrow">
        <h1>Workspace settings</h1>
        <EmptyState title="Only owners change the settings">
          Your role in this workspace does not include managing it; ask an owner.
        </EmptyState>
      </div>
    );
  }
  if (workspace.error) return <ErrorBanner error={workspace.error} />;
  if (!workspace.data || !form) return <Loading />;
  const stored = formOf(workspace.data);
  const pending = changes(stored, form);
  const dirty = Object.keys(pending).length > 0;
  const set = (patch: Partial<Form>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const setTime = (i: number, value: string) => set({ postingTimes: form.postingTimes.map((t, j) => (j === i ? value : t)) });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const next = await updateWorkspace(ws, pending);
      qc.setQueryData(keys.workspace(ws), next);
      await qc.invalidateQueries({ queryKey: keys.me });
      setForm(formOf(next));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow settings-page">
      <div className="page-header">
        <div>
          <span className="kind-label">Workspace</span>
          <h1>Workspace settings</h1>
        </div>
      </div>
      <form onSubmit={save} aria-label="Workspace settings">
        <Card title="General">
          <TextInput label="Workspace name" required maxLength={200} value={form.name} onChange={(e) => set({ name: e.target.value })} />
          <p className="field-message">
            The address stays <code>/w/{workspace.data.slug}</code>, so links keep working.
          </p>
          <TimezoneSelect
            value={form.timezone}
            onChange={(e) => set({ timezone: e.target.value })}
            hint="New posts are planned in this zone. Changing it never moves a post already planned."
          />
        </Card>
        <Card title="Approval">
          <Checkbox
            id="settings-require-approval"
            label="Posts need approval before they are scheduled"
            hint="Editing an approved post sends it back to review."
            checked={form.requireApproval}
            onChange={(v) => set({ requireApproval: v })}
          />
          <Checkbox
            id="settings-self-approval"
            label="Authors may approve their own posts"
            hint={
              form.requireApproval
                ? 'For a one-person team. Off: another member must approve each post (four eyes), owners included.'
                : 'Applies only while posts need approval.'
            }
            checked={form.allowSelfApproval}
            onChange={(v) => set({ allowSelfApproval: v })}
          />
        </Card>
        <Card title="Posting times">
          <p className="field-message">“Add to queue” puts a post in the next free one of these local times.</p>
          <ul className="posting-times">
            {form.postingTimes.map((t, i) => (
              <li key={i}>
                <TextInput label={`Posting time ${i + 1}`} type="time" required value={t} onChange={(e) => setTime(i, e.target.value)} />
                <Button
                  variant="ghost"
                  aria-label={`Remove posting time ${i + 1}`}
                  disabled={form.postingTimes.length === 1}
                  onClick={() => set({ postingTimes: form.postingTimes.filter((_, j) => j !== i) })}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
          <div>
            <Button disabled={form.postingTimes.length >= 12} onClick={() => set({ postingTimes: [...form.postingTimes, '12:00'] })}>
              Add a time
            </Button>
          </div>
        </Card>
        <Card title="Link tracking">
          <Checkbox
            id="settings-track-links"
            label="Track the links in posts"
            hint="When a post is published, each link in it becomes a short link on this server that counts clicks (not bots) and adds UTM parameters (source: the network, medium: social, campaign, content: the post’s variant). Visitors are counted once a day without keeping their address. Off: links go out as written. A post can opt out on its own."
            checked={form.trackLinks}
            onChange={(v) => set({ trackLinks: v })}
          />
        </Card>
        <ErrorBanner error={error} />
        <div className="settings-actions">
          <Button type="submit" variant="primary" disabled={!dirty || busy}>
            Save settings
          </Button>
          <span role="status" className="muted">
            {saved && !dirty ? 'Settings saved.' : dirty ? 'Unsaved changes.' : ''}
          </span>
        </div>
      </form>
    </div>
  );
}
