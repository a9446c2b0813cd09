/**
 * The settings of one connector account: non-secret `config` (shown back later) and secret
 * `credentials` (password inputs, never read back). Used to connect a channel and to reconnect one.
 */
import { useState, type FormEvent } from 'react';
import type { ConnectionSettings, ConnectorKind } from '../../api/connections.ts';
import { Button, Select, TextInput } from '../../components/ui.tsx';

export const CONNECTOR_LABELS: Record<ConnectorKind, string> = {
  sandbox: 'Sandbox (simulated network)',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  webhook: 'Webhook',
};

interface FieldSpec {
  key: string;
  label: string;
  part: 'config' | 'credentials';
  type: 'text' | 'url' | 'number' | 'password';
  required?: boolean;
  hint?: string;
  placeholder?: string;
  initial?: string;
  minLength?: number;
}

const FIELDS: Record<ConnectorKind, FieldSpec[]> = {
  sandbox: [{ key: 'latencyMs', label: 'Latency (ms)', part: 'config', type: 'number', hint: 'Simulated network round trip, 0–10000 ms.' }],
  bluesky: [
    { key: 'service', label: 'Service URL', part: 'config', type: 'url', initial: 'https://bsky.social', hint: 'Your PDS or entryway.' },
    {
      key: 'identifier',
      label: 'Handle or identifier',
      part: 'credentials',
      type: 'text',
      required: true,
      placeholder: 'name.bsky.social',
    },
    {
      key: 'appPassword',
      label: 'App password',
      part: 'credentials',
      type: 'password',
      required: true,
      hint: 'Settings → App passwords; not your account password.',
    },
  ],
  mastodon: [
    { key: 'url', label: 'Server URL', part: 'config', type: 'url', required: true, placeholder: 'https://mastodon.social' },
    { key: 'accessToken', label: 'Access token', part: 'credentials', type: 'password', required: true },
  ],
  webhook: [
    { key: 'url', label: 'Webhook URL', part: 'config', type: 'url', required: true, hint: 'Each post is POSTed there as signed JSON.' },
    {
      key: 'secret',
      label: 'Signing secret',
      part: 'credentials',
      type: 'password',
      required: true,
      minLength: 16,
      hint: 'At least 16 characters.',
    },
  ],
};

const initialValues = (kind: ConnectorKind, config: Record<string, unknown> = {}): Record<string, string> =>
  Object.fromEntries(
    FIELDS[kind].map((f) => {
      const known = f.part === 'config' ? config[f.key] : undefined;
      return [f.key, typeof known === 'string' || typeof known === 'number' ? String(known) : (f.initial ?? '')];
    }),
  );

function settingsOf(kind: ConnectorKind, values: Record<string, string>): ConnectionSettings {
  const out: ConnectionSettings = { config: {}, credentials: {} };
  for (const f of FIELDS[kind]) {
    const raw = (values[f.key] ?? '').trim();
    if (raw === '') continue; // optional and left empty: the server's default
    out[f.part][f.key] = f.type === 'number' ? Number(raw) : f.type === 'password' ? (values[f.key] ?? '') : raw;
  }
  return out;
}

interface Props {
  /** Offered connectors; one means the connector is fixed (reconnecting keeps it). */
  connectors: readonly ConnectorKind[];
  /** Current config (reconnect): prefilled, never the credentials. */
  config?: Record<string, unknown>;
  /** Keeps field ids unique per form. */
  idPrefix: string;
  submitLabel: string;
  pending: boolean;
  onSubmit: (connector: ConnectorKind, settings: ConnectionSettings) => void;
  onCancel: () => void;
}

export function ConnectorForm({ connectors, config, idPrefix, submitLabel, pending, onSubmit, onCancel }: Props) {
  const [kind, setKind] = useState<ConnectorKind>(connectors[0] ?? 'sandbox');
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(kind, config));
  const choose = (next: ConnectorKind) => {
    setKind(next);
    setValues(initialValues(next, config));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(kind, settingsOf(kind, values));
  };
  return (
    <form className="connector-form" onSubmit={submit}>
      {connectors.length > 1 ? (
        <Select label="Connector" pointer={`/${idPrefix}/connector`} value={kind} onChange={(e) => choose(e.target.value as ConnectorKind)}>
          {connectors.map((c) => (
            <option key={c} value={c}>
              {CONNECTOR_LABELS[c]}
            </option>
          ))}
        </Select>
      ) : (
        <p className="muted connector-fixed">Connector: {CONNECTOR_LABELS[kind]}</p>
      )}
      <div className="row">
        {FIELDS[kind].map((f) => (
          <TextInput
            key={`${kind}-${f.key}`}
            label={f.label}
            pointer={`/${idPrefix}/${kind}/${f.key}`}
            type={f.type}
            required={f.required}
            minLength={f.minLength}
            min={f.type === 'number' ? 0 : undefined}
            max={f.type === 'number' ? 10_000 : undefined}
            placeholder={f.placeholder}
            hint={f.hint}
            autoComplete={f.type === 'password' ? 'new-password' : 'off'}
            value={values[f.key] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
          />
        ))}
      </div>
      {kind === 'sandbox' && (
        <p className="muted connector-note">The sandbox needs no account: posts are published to a simulated network.</p>
      )}
      <div className="connector-form-actions">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Verifying…' : submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
