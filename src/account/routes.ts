/** /auth/me, /auth/session and /tokens, as ./contract.ts defines them: parse → authorize → call → present. */
import { requireActor } from '../auth/actor.ts';
import { authRateLimit } from '../auth/rate-limit.ts';
import { register, type App } from '../http/kit.ts';
import { listWorkspaces } from '../workspace/list-workspaces.ts';
import { accountContract as contract } from './contract.ts';
import { createApiToken } from './create-api-token.ts';
import { listApiTokens } from './list-api-tokens.ts';
import { revokeApiToken } from './revoke-api-token.ts';

export async function accountRoutes(app: App): Promise<void> {
  const { pool, config } = app.deps;
  // Without a user the route answers 401 anyway: only the address counts then.
  const tokenLimit = authRateLimit(app, config.authRateLimits, 'token', (req) => req.actor?.userId ?? null);

  register(app, contract.me, async (request) => {
    const actor = requireActor(request.actor);
    return {
      user: { id: actor.userId, email: actor.email, name: actor.name },
      workspaces: await listWorkspaces(pool, actor),
    };
  });

  register(app, contract.session, async (request) => {
    const actor = request.actor;
    if (!actor) return { user: null, workspaces: [] };
    return { user: { id: actor.userId, email: actor.email, name: actor.name }, workspaces: await listWorkspaces(pool, actor) };
  });

  register(
    app,
    contract.createToken,
    async (request, reply) => {
      const created = await createApiToken(pool, requireActor(request.actor), request.body);
      return reply.status(201).send(created);
    },
    { preHandler: tokenLimit },
  );

  register(app, contract.listTokens, async (request) => ({ tokens: await listApiTokens(pool, requireActor(request.actor).userId) }));

  register(app, contract.revokeToken, async (request, reply) => {
    await revokeApiToken(pool, requireActor(request.actor), request.params.id);
    return reply.status(204).send(null);
  });
}
