/** Who acts in the inbox, where, and with which connectors (from `authorize` and the app). */
import type { Actor } from '../auth/actor.ts';
import type { ConnectorRegistry } from '../connectors/registry.ts';

export interface InboxContext {
  workspaceId: string;
  actor: Actor;
  registry: ConnectorRegistry;
}
