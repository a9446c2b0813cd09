/**
 * The latest spike alerts, and (for those who manage listening) their thresholds and webhook: k,
 * the minimum count, and a URL each alert is POSTed to, whose signing secret is shown once.
 */
import { type FormEvent, useState } from 'react';
import { type SpikeAlert, useAlertSettings, useSpikeAlerts, useUpdateAlertSettings } from '../../api/listening-analysis.ts';
import { useCan } from '../../api/session.ts';
import { Badge, Button, Card, ErrorBanner } from '../../components/ui.tsx';
import { formatCount } from '../dashboard/format.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const one = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const WEBHOOK: Record<SpikeAlert['webhook']['status'], { label: string; tone: 'neutral' | 'ok' | 'error' | 'warning' } | null> = {
  none: null,
  pending: { label: 'Webhook pending', tone: 'warning' },
  delivered: { label: 'Webhook delivered', tone: 'ok' },
  failed: { label: 'Webhook failed', tone: 'error' },
};

export function SpikeAlerts({ ws }: { ws: string }) {
  const alerts = useSpikeAlerts(ws, 10);
  const canManage = useCan(ws, 'listening.write');
  const list = alerts.data?.alerts ?? [];
  return (
    <Card title="Spike alerts">
      <ErrorBanner error={alerts.error} />
      {alerts.data && list.length === 0 && (
        <p className="muted">
          No spikes yet. Each hour, every query's mentions are compared with the same hour over the 7 days before; an hour well above that
          (and with enough mentions) is an alert here, for owners, strategists and analysts in their notifications.
        </p>
      )}
      {list.length > 0 && (
        <ul className="spike-list">
          {list.map((a) => {
            const webhook = WEBHOOK[a.webhook.status];
            return (
              <li key={a.id}>
                <strong>{a.query.name}</strong>: {formatCount(a.mentions)} mentions in the hour from {when.format(new Date(a.hour))} UTC,
                against {one.format(a.mean)} usually (alert above {one.format(a.threshold)}).
                {webhook && (
                  <>
                    {' '}
                    <Badge tone={webhook.tone}>{webhook.label}</Badge>
                    {a.webhook.error && <span className="muted"> {a.webhook.error}</span>}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canManage && <AlertSettingsForm ws={ws} />}
    </Card>
  );
}

function AlertSettingsForm({ ws }: { ws: string }) {
  const settings = useAlertSettings(ws);
  const update = useUpdateAlertSettings(ws);
  const [draft, setDraft] = useState<{ k: string; minCount: string; webhookUrl: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const s = settings.data;
  if (!s) return null;
  const form = draft ?? { k: String(s.k), minCount: String(s.minCount), webhookUrl: '' };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      k: Number(form.k),
      minCount: Number(form.minCount),
      ...(form.webhookUrl.trim() ? { webhookUrl: form.webhookUrl.trim() } : {}),
    };
    update.mutate(body, {
      onSuccess: (r) => {
        setSecret(r.webhookSecret);
        setDraft(null);
      },
    });
  };
  return (
    <details className="alert-settings">
      <summary>Alert settings</summary>
      <form onSubmit={submit} className="alert-settings-form">
        <label>
          <span>Sensitivity k (alert above mean + k × deviation)</span>
          <input type="number" min={0.5} max={10} step={0.5} value={form.k} onChange={(e) => setDraft({ ...form, k: e.target.value })} />
        </label>
        <label>
          <span>Minimum mentions in the hour</span>
          <input
            type="number"
            min={1}
            max={1000000}
            step={1}
            value={form.minCount}
            onChange={(e) => setDraft({ ...form, minCount: e.target.value })}
          />
        </label>
        <label>
          <span>Webhook URL {s.webhookHost ? `(now: ${s.webhookHost}; a new URL replaces it)` : '(optional)'}</span>
          <input
            type="url"
            placeholder="https://…"
            value={form.webhookUrl}
            onChange={(e) => setDraft({ ...form, webhookUrl: e.target.value })}
          />
        </label>
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={update.isPending}>
            Save alert settings
          </Button>
          {s.webhookHost && (
            <Button type="button" onClick={() => update.mutate({ webhookUrl: null }, { onSuccess: () => setSecret(null) })}>
              Remove the webhook
            </Button>
          )}
        </div>
        <ErrorBanner error={update.error} />
        {secret && (
          <p className="banner banner-warning" role="status">
            Webhook signing secret (shown once, keep it in the receiver): <code>{secret}</code>
          </p>
        )}
      </form>
    </details>
  );
}
