/** Inbox API, as ./contract.ts defines it. Thin: parse → authorize → call → present. */
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../auth/actor.ts';
import { createDefaultRegistry } from '../connections/default-registry.ts';
import { register, type App } from '../http/kit.ts';
import { addNote } from './add-note.ts';
import { bulkUpdateItems } from './bulk-update-items.ts';
import type { InboxContext } from './context.ts';
import { inboxContract as contract } from './contract.ts';
import { createSavedReply } from './create-saved-reply.ts';
import { deleteSavedReply } from './delete-saved-reply.ts';
import { getItem } from './get-item.ts';
import { inboxStats } from './inbox-stats.ts';
import { listItems } from './list-items.ts';
import { listSavedReplies } from './list-saved-replies.ts';
import { sendReply } from './send-reply.ts';
import { loadSlaSettings } from './sla-settings.ts';
import { updateItem } from './update-item.ts';
import { updateSavedReply } from './update-saved-reply.ts';
import { updateSlaSettings } from './update-sla-settings.ts';

export async function inboxRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  // The same connectors as the connections API (app.deps.connectors, declared by connections/routes.ts).
  const registry = app.deps.connectors ?? createDefaultRegistry({ db: pool });
  const context = (req: FastifyRequest): InboxContext => ({
    workspaceId: req.authorized.workspace.id,
    actor: requireActor(req.actor),
    registry,
  });

  register(app, contract.listItems, async (req) => listItems(pool, context(req), req.query));
  register(app, contract.getItem, async (req) => getItem(pool, context(req), req.params.itemId));
  register(app, contract.updateItem, async (req) => updateItem(pool, context(req), req.params.itemId, req.body));
  register(app, contract.bulkUpdate, async (req) => bulkUpdateItems(pool, context(req), req.body));
  register(app, contract.addNote, async (req, reply) =>
    reply.status(201).send(await addNote(pool, context(req), req.params.itemId, req.body.body)),
  );
  register(app, contract.sendReply, async (req, reply) =>
    reply.status(201).send(await sendReply(pool, context(req), req.params.itemId, req.body)),
  );
  register(app, contract.listSavedReplies, async (req) => listSavedReplies(pool, req.authorized.workspace.id));
  register(app, contract.createSavedReply, async (req, reply) =>
    reply.status(201).send(await createSavedReply(pool, context(req), req.body)),
  );
  register(app, contract.updateSavedReply, async (req) => updateSavedReply(pool, context(req), req.params.savedReplyId, req.body));
  register(app, contract.deleteSavedReply, async (req) => deleteSavedReply(pool, context(req), req.params.savedReplyId));
  register(app, contract.getSettings, async (req) => ({ settings: await loadSlaSettings(pool, req.authorized.workspace.id) }));
  register(app, contract.updateSettings, async (req) => updateSlaSettings(pool, context(req), req.body));
  register(app, contract.getStats, async (req) => inboxStats(pool, req.authorized.workspace.id, req.query));
}
