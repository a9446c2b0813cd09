/** Which connector serves which kind of connection. The worker asks it; connectors register here. */
import type { Queryable } from '../db/pool.ts';
import type { Connector, ConnectorKind } from './connector.ts';
import { BlueskyConnector } from './bluesky/bluesky.ts';
import { MastodonConnector } from './mastodon/mastodon.ts';
import { SandboxConnector, type SandboxOptions } from './sandbox/sandbox.ts';
import { WebhookConnector } from './webhook/webhook.ts';

export class ConnectorRegistry {
  readonly #connectors = new Map<ConnectorKind, Connector>();

  constructor(connectors: readonly Connector[] = []) {
    for (const c of connectors) this.register(c);
  }

  /** Adds a connector, or replaces the one of the same kind (tests swap in instrumented ones). */
  register(connector: Connector): this {
    this.#connectors.set(connector.kind, connector);
    return this;
  }

  get(kind: ConnectorKind): Connector | undefined {
    return this.#connectors.get(kind);
  }

  kinds(): ConnectorKind[] {
    return [...this.#connectors.keys()];
  }
}

export interface DefaultConnectorOptions {
  /** Where the sandbox records what it "received" (the app's database). */
  db: Queryable;
  sandbox?: SandboxOptions;
  fetch?: typeof fetch;
}

/** The connectors built into this build. */
export function createDefaultRegistry(options: DefaultConnectorOptions): ConnectorRegistry {
  return new ConnectorRegistry([
    new SandboxConnector(options.db, options.sandbox),
    new WebhookConnector({ fetch: options.fetch }),
    new BlueskyConnector(),
    new MastodonConnector(),
  ]);
}
