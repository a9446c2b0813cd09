/** Which connector serves which kind of connection. The worker asks it; connectors register here. */
import { createOutbound } from '../outbound/client.ts';
import type { Connector, ConnectorKind } from './connector.ts';
import { BlueskyConnector } from './bluesky/bluesky.ts';
import { MastodonConnector } from './mastodon/mastodon.ts';
import { SandboxConnector, type SandboxOptions, type SandboxReceiptStore } from './sandbox/sandbox.ts';
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

export interface BuiltInConnectorOptions {
  /** Where the sandbox records what it "received" (the app's database: src/connections/default-registry.ts wires it). */
  sandboxReceipts: SandboxReceiptStore;
  sandbox?: SandboxOptions;
  /** Hosts the networks' connectors may reach although they are private (OUTBOUND_ALLOW). */
  outboundAllow?: readonly string[];
}

/** The connectors built into this build; every one that calls a user-given URL does so through one guarded client. */
export function createBuiltInRegistry(options: BuiltInConnectorOptions): ConnectorRegistry {
  const outbound = createOutbound({ allow: options.outboundAllow });
  return new ConnectorRegistry([
    new SandboxConnector(options.sandboxReceipts, options.sandbox),
    new WebhookConnector({ fetch: outbound.fetch }),
    new BlueskyConnector({ fetch: outbound.fetch }),
    new MastodonConnector({ outbound }),
  ]);
}
