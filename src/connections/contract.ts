/** The connected accounts API's contract: /workspaces/:ws/connections, and the sandbox network's receipts. Routes in ./routes.ts. */
import { defineRoute } from '../http/contract.ts';
import { errorResponses } from '../http/responses.ts';
import { connectionsEndpoints as at } from './endpoints.ts';
import {
  connectionListResponse,
  connectionParams,
  connectionResponse,
  createConnectionBody,
  deleteConnectionQuery,
  deleteConnectionResponse,
  listConnectionsQuery,
  sandboxReceiptParams,
  sandboxReceiptResponse,
  updateConnectionBody,
  workspaceParams,
} from './schema.ts';

const tags = ['connections'] as const;
const errors = errorResponses(400, 401, 403, 404, 409, 422);

/**
 * Connecting, reconnecting and disconnecting accounts needs `plan.write`, not `content.write`: it is
 * account setup — which network account speaks for a channel of the strategy, with whose
 * credentials — a decision of the people who own the plan (owners, strategists), not of everyone who
 * writes posts. Anyone who reads the workspace may see the connections (never their credentials).
 */
const MANAGE = 'plan.write';

export const connectionsContract = {
  listConnections: defineRoute({
    ...at.listConnections,
    access: 'workspace.read',
    tags,
    summary: "The workspace's connected accounts, every strategy channel (connected or not) and the available connectors",
    description: 'Credentials are never returned.',
    params: workspaceParams,
    query: listConnectionsQuery,
    responses: { 200: connectionListResponse, ...errors },
  }),

  createConnection: defineRoute({
    ...at.createConnection,
    access: MANAGE,
    tags,
    summary: 'Connect an account to a channel of a strategy, verifying it with the network',
    description:
      'The channel must be one of the strategy (422 `connection.unknown_channel`) and not connected yet (409 `connection.exists`). ' +
      'The account is verified before it is stored: `status` is `connected`, or `reconnect_needed` with `statusMessage`; ' +
      '`verification.outcome` says what the network answered (`unreachable`: it did not, the account is stored unverified). ' +
      'A connector this server lacks → 422 `connection.connector_unavailable`.',
    params: workspaceParams,
    body: createConnectionBody,
    responses: { 201: connectionResponse, ...errors },
  }),

  updateConnection: defineRoute({
    ...at.updateConnection,
    access: MANAGE,
    tags,
    summary: 'Reconnect (replace credentials), change config or the time-zone override; the id stays',
    params: connectionParams,
    body: updateConnectionBody,
    responses: { 200: connectionResponse, ...errors },
  }),

  verifyConnection: defineRoute({
    ...at.verifyConnection,
    access: MANAGE,
    tags,
    summary: "Verify the connection's account with the network now",
    description: 'Sets `connected` or `reconnect_needed` (with the message); an unreachable network leaves the status as it was.',
    params: connectionParams,
    responses: { 200: connectionResponse, ...errors },
  }),

  deleteConnection: defineRoute({
    ...at.deleteConnection,
    access: MANAGE,
    tags,
    summary: 'Disconnect a channel: its scheduled posts stay scheduled and fail at their time unless it is connected again',
    description: 'Answers `warnings` (`connection.scheduled_posts_unconnected`) when scheduled posts are left on the channel.',
    params: connectionParams,
    query: deleteConnectionQuery,
    responses: { 200: deleteConnectionResponse, ...errors },
  }),

  /** The sandbox's "see it on the network" (`sandbox://receipts/<id>`). Readable by the workspace whose post it was. */
  getSandboxReceipt: defineRoute({
    ...at.getSandboxReceipt,
    access: 'workspace.read',
    tags,
    summary:
      'What the sandbox network received for a published post (sandbox://receipts/<id>): text, and each image’s type, size and sha256',
    params: sandboxReceiptParams,
    responses: { 200: sandboxReceiptResponse, ...errorResponses(400, 401, 403, 404) },
  }),
};
