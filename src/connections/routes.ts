/** Connected accounts API: /workspaces/:ws/connections. Thin: parse → authorize → call → present. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../auth/actor.ts';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import type { App } from '../http/app.ts';
import { errorBodySchema } from '../http/errors.ts';
import type { Permission } from '../workspace/policy.ts';
import { checkConnection } from './check-connection.ts';
import type { ConnectionContext } from './context.ts';
import { createConnection } from './create-connection.ts';
import { createDefaultRegistry } from './default-registry.ts';
import { deleteConnection } from './delete-connection.ts';
import { listConnections } from './list-connections.ts';
import {
  connectionListResponse,
  connectionParams,
  connectionResponse,
  createConnectionBody,
  deleteConnectionResponse,
  listConnectionsQuery,
  updateConnectionBody,
  workspaceParams,
} from './schema.ts';
import { updateConnection } from './update-connection.ts';

declare module '../http/app.ts' {
  interface AppDeps {
    /**
     * The connectors that verify accounts (tests swap in instrumented ones). Default: the build's
     * connectors (`createDefaultRegistry`), the same kinds the publishing worker has.
     */
    connectors?: ConnectorRegistry;
  }
}

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 422: errorBodySchema };

/**
 * Connecting, reconnecting and disconnecting accounts needs `plan.write`, not `content.write`: it is
 * account setup — which network account speaks for a channel of the strategy, with whose
 * credentials — a decision of the people who own the plan (owners, strategists), not of everyone who
 * writes posts. Anyone who reads the workspace may see the connections (never their credentials).
 */
const MANAGE: Permission = 'plan.write';

export async function connectionRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const registry = app.deps.connectors ?? createDefaultRegistry({ db: pool });
  const tags = ['connections'];
  const base = '/workspaces/:workspaceId/connections';

  const context = (req: FastifyRequest): ConnectionContext => ({ workspaceId: req.authorized.workspace.id, actor: requireActor(req.actor), registry });

  app.get(base, {
    config: { access: 'workspace.read' },
    schema: {
      tags,
      summary: "The workspace's connected accounts, every strategy channel (connected or not) and the available connectors",
      description: 'Credentials are never returned.',
      params: workspaceParams,
      querystring: listConnectionsQuery,
      response: { 200: connectionListResponse, ...errors },
    },
  }, async (req) => {
    const { workspace } = req.authorized;
    return listConnections(pool, workspace.id, registry, req.query);
  });

  app.post(base, {
    config: { access: MANAGE },
    schema: {
      tags,
      summary: 'Connect an account to a channel of a strategy, verifying it with the network',
      description:
        'The channel must be one of the strategy (422 `connection.unknown_channel`) and not connected yet (409 `connection.exists`). ' +
        'The account is verified before it is stored: `status` is `connected`, or `reconnect_needed` with `statusMessage`; ' +
        '`verification.outcome` says what the network answered (`unreachable`: it did not, the account is stored unverified). ' +
        'A connector this server lacks → 422 `connection.connector_unavailable`.',
      params: workspaceParams,
      body: createConnectionBody,
      response: { 201: connectionResponse, ...errors },
    },
  }, async (req, reply) => {
    const ctx = context(req);
    return reply.status(201).send(await createConnection(pool, ctx, req.body));
  });

  app.patch(`${base}/:connectionId`, {
    config: { access: MANAGE },
    schema: {
      tags,
      summary: 'Reconnect (replace credentials), change config or the time-zone override; the id stays',
      params: connectionParams,
      body: updateConnectionBody,
      response: { 200: connectionResponse, ...errors },
    },
  }, async (req) => {
    const ctx = context(req);
    return updateConnection(pool, ctx, req.params.connectionId, req.body);
  });

  app.post(`${base}/:connectionId/verify`, {
    config: { access: MANAGE },
    schema: {
      tags,
      summary: "Verify the connection's account with the network now",
      description: 'Sets `connected` or `reconnect_needed` (with the message); an unreachable network leaves the status as it was.',
      params: connectionParams,
      response: { 200: connectionResponse, ...errors },
    },
  }, async (req) => {
    const ctx = context(req);
    return checkConnection(pool, ctx, req.params.connectionId);
  });

  app.delete(`${base}/:connectionId`, {
    config: { access: MANAGE },
    schema: {
      tags,
      summary: 'Disconnect a channel: its scheduled posts stay scheduled and fail at their time unless it is connected again',
      description: 'Answers `warnings` (`connection.scheduled_posts_unconnected`) when scheduled posts are left on the channel.',
      params: connectionParams,
      querystring: z.object({ reason: z.string().trim().min(1).max(1000).optional() }),
      response: { 200: deleteConnectionResponse, ...errors },
    },
  }, async (req) => {
    const ctx = context(req);
    return deleteConnection(pool, ctx, req.params.connectionId, req.query.reason);
  });
}
