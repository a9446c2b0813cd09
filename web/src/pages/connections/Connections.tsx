/**
 * `/w/:ws/connections`: every channel of the workspace's strategies with the account that publishes
 * on it. People with plan.write connect, verify, reconnect (new credentials) and disconnect accounts;
 * everyone else sees the status. Credentials are written, never shown.
 */
import { Fragment, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, messageOf } from '../../api/client.ts';
import {
  useConnections,
  useConnectionWrites,
  type ConnectionSaved,
  type ConnectionView,
  type ConnectorKind,
} from '../../api/connections.ts';
import { useCan } from '../../api/session.ts';
import { useWorkspaceTimezone } from '../../api/workspaces.ts';
import { Badge, Button, EmptyState, Loading, usePageTitle } from '../../components/ui.tsx';
import type { Platform } from '../../../../src/plan/schema.ts';
import { PLATFORM_NAMES } from '../../../../src/plan/ui-messages.ts';
import { formatInstant } from '../publishing/time.ts';
import { CONNECTOR_LABELS, ConnectorForm } from './ConnectorForm.tsx';

interface Row {
  key: string;
  strategy: string;
  /** What people know the strategy by; the id stays in keys and requests. */
  strategyName: string;
  channel: string;
  platform: Platform | null;
  handle: string | null;
  connection: ConnectionView | null;
}

type Open = { key: string; mode: 'connect' | 'reconnect' | 'disconnect' } | null;
type Notice = { tone: 'ok' | 'warning'; text: ReactNode } | null;

/** An API refusal with its field issues (`details.issues`), as one alert. */
function ApiErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  const issues =
    error instanceof ApiError ? ((error.details as { issues?: { path?: string; message?: string }[] } | undefined)?.issues ?? []) : [];
  return (
    <div className="banner banner-error" role="alert">
      <strong>{error instanceof ApiError ? 'The server refused: ' : 'Something went wrong: '}</strong>
      {messageOf(error)}
      {issues.length > 0 && (
        <ul className="connection-issues">
          {issues.map((i, n) => (
            <li key={n}>
              {i.path ? <code>{i.path}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StatusCell({ connection }: { connection: ConnectionView | null }) {
  if (!connection) return <Badge>Not connected</Badge>;
  if (connection.status === 'connected')
    return (
      <>
        <Badge tone="ok">Connected</Badge> <span className="muted">{CONNECTOR_LABELS[connection.connector]}</span>
        {connection.statusMessage && <div className="connection-message muted">{connection.statusMessage}</div>}
      </>
    );
  return (
    <>
      <Badge tone="warning">Reconnect needed</Badge> <span className="muted">{CONNECTOR_LABELS[connection.connector]}</span>
      {connection.statusMessage && <div className="connection-message">{connection.statusMessage}</div>}
    </>
  );
}

const verificationNotice = (label: string, saved: ConnectionSaved): Notice => {
  const v = saved.verification;
  if (!v || v.outcome === 'verified') return { tone: 'ok', text: `${label}: the account is verified.` };
  if (v.outcome === 'refused')
    return {
      tone: 'warning',
      text: `${label}: the network refused the account${v.message ? ` (${v.message})` : ''}. Reconnect it with new credentials.`,
    };
  return {
    tone: 'warning',
    text: `${label}: the network did not answer${v.message ? ` (${v.message})` : ''}; the account is saved unverified. Verify it later.`,
  };
};

export function Connections() {
  const { ws = '' } = useParams();
  usePageTitle('Connections');
  const list = useConnections(ws);
  const canManage = useCan(ws, 'plan.write');
  const { timezone } = useWorkspaceTimezone(ws);
  const writes = useConnectionWrites(ws);
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const busy = writes.connect.isPending || writes.reconnect.isPending || writes.verify.isPending || writes.disconnect.isPending;

  const run = async <T,>(fn: () => Promise<T>, done: (result: T) => Notice) => {
    setError(null);
    setNotice(null);
    try {
      const result = await fn();
      setNotice(done(result));
      setOpen(null);
    } catch (e) {
      setError(e);
    }
  };

  let body: ReactNode;
  if (list.isPending) body = <Loading what="Loading connections" />;
  else if (list.error) body = <ApiErrorBanner error={list.error} />;
  else {
    const { channels, connections, availableConnectors } = list.data;
    const byId = new Map(connections.map((c) => [c.id, c]));
    const rows: Row[] = channels.map((c) => ({
      key: `${c.strategy}/${c.channel}`,
      strategy: c.strategy,
      strategyName: c.strategyName,
      channel: c.channel,
      platform: c.platform,
      handle: c.handle,
      connection: c.connectionId ? (byId.get(c.connectionId) ?? null) : null,
    }));
    // Connections whose channel left the strategy: still listed, so they can be disconnected.
    const served = new Set(channels.map((c) => c.connectionId));
    for (const c of connections)
      if (!served.has(c.id))
        rows.push({
          key: `${c.strategy}/${c.channel}`,
          strategy: c.strategy,
          strategyName: c.strategyName,
          channel: c.channel,
          platform: c.platform,
          handle: null,
          connection: c,
        });

    if (rows.length === 0) {
      body = (
        <EmptyState
          title="No channels to connect"
          action={canManage ? <Link to={`/w/${ws}/strategies/new`}>Build the strategy</Link> : undefined}
        >
          Build a strategy first: channels come from it. Each channel of the strategy is then connected here to the account that publishes
          its posts.
        </EmptyState>
      );
    } else {
      const columns = canManage ? 6 : 5;
      body = (
        <div className="table-scroll">
          <table className="table connections-table">
            <thead>
              <tr>
                <th scope="col">Strategy</th>
                <th scope="col">Channel</th>
                <th scope="col">Platform</th>
                <th scope="col">Status</th>
                <th scope="col">Verified</th>
                {canManage && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const c = row.connection;
                const isOpen = open?.key === row.key;
                const label = `${row.strategyName} / ${row.channel}`;
                return (
                  <Fragment key={row.key}>
                    <tr data-testid={`channel-${row.strategy}-${row.channel}`}>
                      <td data-label="Strategy">{row.strategyName}</td>
                      <td data-label="Channel" className="break">
                        {row.channel}
                        {row.handle && <div className="muted">{row.handle}</div>}
                      </td>
                      <td data-label="Platform">
                        {row.platform ? PLATFORM_NAMES[row.platform] : <span className="muted">no longer in the strategy</span>}
                      </td>
                      <td data-label="Status">
                        <StatusCell connection={c} />
                      </td>
                      <td data-label="Verified">
                        {c?.verifiedAt ? formatInstant(c.verifiedAt, timezone) : <span className="muted">—</span>}
                      </td>
                      {canManage && (
                        <td data-label="Actions">
                          <div className="connection-actions">
                            {!c && row.platform && (
                              <Button
                                variant="primary"
                                aria-label={`Connect ${label}`}
                                aria-expanded={isOpen}
                                disabled={busy || availableConnectors.length === 0}
                                onClick={() => {
                                  setError(null);
                                  setOpen(isOpen ? null : { key: row.key, mode: 'connect' });
                                }}
                              >
                                Connect
                              </Button>
                            )}
                            {c && (
                              <>
                                <Button
                                  aria-label={`Verify ${label}`}
                                  disabled={busy}
                                  onClick={() => {
                                    setOpen(null);
                                    void run(
                                      () => writes.verify.mutateAsync(c.id),
                                      (r) => verificationNotice(`Verified ${label}`, r),
                                    );
                                  }}
                                >
                                  Verify
                                </Button>
                                <Button
                                  aria-label={`Reconnect ${label}`}
                                  aria-expanded={isOpen && open.mode === 'reconnect'}
                                  disabled={busy || !availableConnectors.includes(c.connector)}
                                  onClick={() => {
                                    setError(null);
                                    setOpen(isOpen && open.mode === 'reconnect' ? null : { key: row.key, mode: 'reconnect' });
                                  }}
                                >
                                  Reconnect
                                </Button>
                                <Button
                                  variant="danger"
                                  aria-label={`Disconnect ${label}`}
                                  disabled={busy}
                                  onClick={() => {
                                    setError(null);
                                    setOpen({ key: row.key, mode: 'disconnect' });
                                  }}
                                >
                                  Disconnect
                                </Button>
                              </>
                            )}
                          </div>
                        </td>
                      )}
                    </tr>
                    {canManage && isOpen && (
                      <tr className="connection-panel-row">
                        <td colSpan={columns}>
                          <section
                            className="connection-panel"
                            aria-label={`${open.mode === 'disconnect' ? 'Disconnect' : open.mode === 'connect' ? 'Connect' : 'Reconnect'} ${label}`}
                          >
                            {open.mode === 'connect' && (
                              <>
                                <h3>Connect {label}</h3>
                                <ConnectorForm
                                  connectors={availableConnectors}
                                  idPrefix={`connect-${row.strategy}-${row.channel}`}
                                  submitLabel="Connect account"
                                  pending={writes.connect.isPending}
                                  onCancel={() => setOpen(null)}
                                  onSubmit={(connector: ConnectorKind, settings) =>
                                    void run(
                                      () =>
                                        writes.connect.mutateAsync({
                                          strategy: row.strategy,
                                          channel: row.channel,
                                          connector,
                                          ...settings,
                                        }),
                                      (r) => verificationNotice(`Connected ${label}`, r),
                                    )
                                  }
                                />
                              </>
                            )}
                            {open.mode === 'reconnect' && c && (
                              <>
                                <h3>Reconnect {label}</h3>
                                <p className="muted">
                                  Enter the account’s credentials again (or new ones): they replace the stored ones, and the account is
                                  verified again.
                                </p>
                                <ConnectorForm
                                  connectors={[c.connector]}
                                  config={c.config}
                                  idPrefix={`reconnect-${row.strategy}-${row.channel}`}
                                  submitLabel="Reconnect account"
                                  pending={writes.reconnect.isPending}
                                  onCancel={() => setOpen(null)}
                                  onSubmit={(_connector, settings) =>
                                    void run(
                                      () => writes.reconnect.mutateAsync({ id: c.id, ...settings }),
                                      (r) => verificationNotice(`Reconnected ${label}`, r),
                                    )
                                  }
                                />
                              </>
                            )}
                            {open.mode === 'disconnect' && c && (
                              <div className="connection-confirm">
                                <p>
                                  Disconnect <strong>{label}</strong>? Posts scheduled on this channel stay scheduled but fail at their time
                                  unless it is connected again.
                                </p>
                                <div className="connector-form-actions">
                                  <Button
                                    variant="danger"
                                    disabled={busy}
                                    onClick={() =>
                                      void run(
                                        () => writes.disconnect.mutateAsync(c.id),
                                        (r): Notice =>
                                          r.warnings.length === 0
                                            ? { tone: 'ok', text: `Disconnected ${label}.` }
                                            : {
                                                tone: 'warning',
                                                text: (
                                                  <>
                                                    Disconnected {label}, but:
                                                    <ul className="connection-issues">
                                                      {r.warnings.map((w) => (
                                                        <li key={w.code}>{w.message}</li>
                                                      ))}
                                                    </ul>
                                                  </>
                                                ),
                                              },
                                      )
                                    }
                                  >
                                    {writes.disconnect.isPending ? 'Disconnecting…' : 'Yes, disconnect'}
                                  </Button>
                                  <Button variant="ghost" disabled={busy} onClick={() => setOpen(null)}>
                                    Cancel
                                  </Button>
                                </div>
                              </div>
                            )}
                            <ApiErrorBanner error={error} />
                          </section>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      );
    }
  }

  return (
    <div className="page connections-page">
      <h1>Connections</h1>
      <p className="muted">
        Each channel of a strategy publishes through a connected account.{' '}
        {canManage ? 'Credentials are written once and never shown again.' : 'Owners and strategists connect accounts.'}
      </p>
      {notice && (
        <div className={`banner banner-${notice.tone}`} role="status">
          {notice.text}
        </div>
      )}
      {!open && <ApiErrorBanner error={error} />}
      {body}
    </div>
  );
}
