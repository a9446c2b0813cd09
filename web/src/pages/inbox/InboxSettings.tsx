/**
 * Below the inbox: the saved replies (written by those who answer) and the response target with
 * business hours (changed by those who manage the workspace; everyone else reads it).
 */
import { useState, type FormEvent } from 'react';
import { useSavedReplies, useSavedReplyWrites, useSlaSettings, useSlaWrite, type SlaSettings } from '../../api/inbox.ts';
import { useCan } from '../../api/session.ts';
import { useWorkspaceTimezone } from '../../api/workspaces.ts';
import { Button, Card, ErrorBanner, TextArea, TextInput } from '../../components/ui.tsx';
import { TimezoneSelect } from '../workspace/TimezoneSelect.tsx';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function InboxSettings({ ws }: { ws: string }) {
  return (
    <div className="inbox-settings">
      <SavedReplies ws={ws} />
      <ResponseTarget ws={ws} />
    </div>
  );
}

function SavedReplies({ ws }: { ws: string }) {
  const canRespond = useCan(ws, 'inbox.respond');
  const saved = useSavedReplies(ws);
  const { create, remove } = useSavedReplyWrites(ws);
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, body },
      {
        onSuccess: () => {
          setName('');
          setBody('');
        },
      },
    );
  };
  return (
    <Card title="Saved replies">
      {(saved.data?.savedReplies.length ?? 0) === 0 ? (
        <p className="muted">No saved replies yet: save the answers you give often and insert them from the reply box.</p>
      ) : (
        <ul className="saved-replies">
          {saved.data?.savedReplies.map((s) => (
            <li key={s.id}>
              <div>
                <strong>{s.name}</strong>
                <div className="muted">{s.body}</div>
              </div>
              {canRespond && (
                <Button variant="ghost" onClick={() => remove.mutate(s.id)} aria-label={`Delete the saved reply ${s.name}`}>
                  Delete
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canRespond && (
        <form onSubmit={submit}>
          <TextInput label="Name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />
          <TextArea label="Text" value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} required />
          <Button type="submit" disabled={create.isPending}>
            Save reply
          </Button>
          <ErrorBanner error={create.error} />
        </form>
      )}
    </Card>
  );
}

function ResponseTarget({ ws }: { ws: string }) {
  const canManage = useCan(ws, 'workspace.manage');
  const current = useSlaSettings(ws);
  const save = useSlaWrite(ws);
  const { timezone } = useWorkspaceTimezone(ws);
  const [draft, setDraft] = useState<SlaSettings | null>(null);
  const settings = draft ?? current.data?.settings;
  if (!settings) return <ErrorBanner error={current.error} />;
  const hours = settings.businessHours;
  const edit = (patch: Partial<SlaSettings>) => setDraft({ ...settings, ...patch });
  const editHours = (patch: Partial<NonNullable<SlaSettings['businessHours']>>) => hours && edit({ businessHours: { ...hours, ...patch } });
  return (
    <Card title="Response target">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(settings, { onSuccess: () => setDraft(null) });
        }}
      >
        <TextInput
          label="First response within (minutes)"
          type="number"
          min={1}
          max={43200}
          value={settings.firstResponseMinutes}
          disabled={!canManage}
          onChange={(e) => edit({ firstResponseMinutes: Number(e.target.value) })}
          hint="Open items without a reply after this are marked overdue."
        />
        <label className="inline-check">
          <input
            type="checkbox"
            checked={hours !== null}
            disabled={!canManage}
            onChange={(e) =>
              edit({ businessHours: e.target.checked ? { timezone, start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] } : null })
            }
          />
          Count business hours only
        </label>
        {hours && (
          <fieldset className="business-hours" disabled={!canManage}>
            <legend className="visually-hidden">Business hours</legend>
            <TimezoneSelect value={hours.timezone} onChange={(e) => editHours({ timezone: e.target.value })} />
            <TextInput label="From" type="time" value={hours.start} onChange={(e) => editHours({ start: e.target.value })} />
            <TextInput label="To" type="time" value={hours.end} onChange={(e) => editHours({ end: e.target.value })} />
            <fieldset className="days">
              <legend className="visually-hidden">Days</legend>
              {DAYS.map((d, i) => (
                <label key={d} className="inline-check">
                  <input
                    type="checkbox"
                    checked={hours.days.includes(i + 1)}
                    onChange={(e) =>
                      editHours({ days: e.target.checked ? [...hours.days, i + 1].sort() : hours.days.filter((x) => x !== i + 1) })
                    }
                  />
                  {d}
                </label>
              ))}
            </fieldset>
          </fieldset>
        )}
        {canManage ? (
          <Button type="submit" variant="primary" disabled={draft === null || save.isPending}>
            Save target
          </Button>
        ) : (
          <p className="muted">Only those who manage the workspace change the target.</p>
        )}
        <ErrorBanner error={save.error} />
      </form>
    </Card>
  );
}
