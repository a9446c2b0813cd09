/**
 * What the built-in sandbox network received: one receipt per published variant, with the text and,
 * for each image or video, what arrived (type, size, sha256 of the bytes). The sandbox's "see it on
 * the network" (`sandbox://receipts/<id>`). Readable by the workspace whose post it was.
 */
import { z } from 'zod';
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import type { App } from '../http/app.ts';
import { errorBodySchema } from '../http/errors.ts';

export const sandboxReceiptSchema = z.object({
  id: z.number().int(),
  receivedAt: z.string(),
  channel: z.string(),
  text: z.string(),
  media: z.array(
    z.union([
      z.object({ url: z.string(), alt: z.string() }),
      z.object({
        mediaId: z.string(),
        alt: z.string(),
        mimeType: z.string(),
        bytes: z.number().int(),
        sha256: z.string(),
        width: z.number().int().nullable(),
        height: z.number().int().nullable(),
      }),
    ]),
  ),
  /** Sends repeated with the same idempotency key (answered with this receipt, not posted again). */
  repeats: z.number().int(),
  deletedAt: z.string().nullable(),
});
export type SandboxReceipt = z.infer<typeof sandboxReceiptSchema>;

const params = z.object({ workspaceId: z.string().min(1).max(200), receiptId: z.string().min(1).max(40) });

const receiptNotFound = (id: string) => new AppError('sandbox.receipt_not_found', `The sandbox has no receipt ${id} for this workspace.`, 404, { id });

export async function findSandboxReceipt(q: Queryable, workspaceId: string, id: string): Promise<SandboxReceipt> {
  if (!/^\d{1,18}$/.test(id)) throw receiptNotFound(id);
  const { rows } = await q.query<{ id: string; received_at: Date; payload: { channelId: string; content: { text: string }; media?: SandboxReceipt['media'] }; repeats: number; deleted_at: Date | null }>(
    // Scoped through the variant it was sent for: the receipt stays readable after its connection is removed.
    `SELECT r.id, r.received_at, r.payload, r.repeats, r.deleted_at
       FROM sandbox_receipts r JOIN post_variants v ON v.id::text = r.payload->>'variantId'
      WHERE r.id = $1 AND v.workspace_id = $2`,
    [id, workspaceId],
  );
  const r = rows[0];
  if (!r) throw receiptNotFound(id);
  return {
    id: Number(r.id),
    receivedAt: r.received_at.toISOString(),
    channel: r.payload.channelId,
    text: r.payload.content.text,
    media: r.payload.media ?? [],
    repeats: r.repeats,
    deletedAt: r.deleted_at?.toISOString() ?? null,
  };
}

export async function sandboxReceiptRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  app.get('/workspaces/:workspaceId/sandbox-receipts/:receiptId', {
    config: { access: 'workspace.read' },
    schema: {
      tags: ['connections'],
      summary: 'What the sandbox network received for a published post (sandbox://receipts/<id>): text, and each image’s type, size and sha256',
      params,
      response: { 200: z.object({ receipt: sandboxReceiptSchema }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
    },
  }, async (req) => {
    const { workspace } = req.authorized;
    return { receipt: await findSandboxReceipt(pool, workspace.id, req.params.receiptId) };
  });
}
