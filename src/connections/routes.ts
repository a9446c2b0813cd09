/** Connected accounts API, as ./contract.ts defines it. Thin: parse → authorize → call → present. */
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../auth/actor.ts';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import { createDefaultRegistry } from './default-registry.ts';
import { register, type App } from '../http/kit.ts';
import { checkConnection } from './check-connection.ts';
import type { ConnectionContext } from './context.ts';
import { connectionsContract as contract } from './contract.ts';
import { createConnection } from './create-connection.ts';
import { deleteConnection } from './delete-connection.ts';
import { listConnections } from './list-connections.ts';
import { findSandboxReceipt } from './sandbox-receipts.ts';
import { updateConnection } from './update-connection.ts';

declare module '../http/kit.ts' {
  interface AppDeps {
    /**
     * The connectors that verify accounts (tests swap in instrumented ones). Default: the build's
     * connectors (`createDefaultRegistry`), the same kinds the publishing worker has.
     */
    connectors?: ConnectorRegistry;
  }
}

export async function connectionRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const registry = app.deps.connectors ?? createDefaultRegistry({ db: pool });

  const context = (req: FastifyRequest): ConnectionContext => ({
    workspaceId: req.authorized.workspace.id,
    actor: requireActor(req.actor),
    registry,
  });

  register(app, contract.listConnections, async (req) => {
    const { workspace } = req.authorized;
    return listConnections(pool, workspace.id, registry, req.query);
  });

  register(app, contract.createConnection, async (req, reply) => {
    const ctx = context(req);
    return reply.status(201).send(await createConnection(pool, ctx, req.body));
  });

  register(app, contract.updateConnection, async (req) => {
    const ctx = context(req);
    return updateConnection(pool, ctx, req.params.connectionId, req.body);
  });

  register(app, contract.verifyConnection, async (req) => {
    const ctx = context(req);
    return checkConnection(pool, ctx, req.params.connectionId);
  });

  register(app, contract.deleteConnection, async (req) => {
    const ctx = context(req);
    return deleteConnection(pool, ctx, req.params.connectionId, req.query.reason);
  });

  register(app, contract.getSandboxReceipt, async (req) => {
    const { workspace } = req.authorized;
    return { receipt: await findSandboxReceipt(pool, workspace.id, req.params.receiptId) };
  });
}
