/**
 * What the built-in sandbox network received: one receipt per published variant, with the text and,
 * for each image or video, what arrived (type, size, sha256 of the bytes). The sandbox's "see it on
 * the network" (`sandbox://receipts/<id>`). Readable by the workspace whose post it was.
 */
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import type { SandboxReceipt } from './schema.ts';

export type { SandboxReceipt } from './schema.ts';

const receiptNotFound = (id: string) =>
  new AppError('sandbox.receipt_not_found', `The sandbox has no receipt ${id} for this workspace.`, 404, { id });

export async function findSandboxReceipt(q: Queryable, workspaceId: string, id: string): Promise<SandboxReceipt> {
  if (!/^\d{1,18}$/.test(id)) throw receiptNotFound(id);
  const { rows } = await q.query<{
    id: string;
    received_at: Date;
    payload: { channelId: string; content: { text: string }; media?: SandboxReceipt['media'] };
    repeats: number;
    deleted_at: Date | null;
  }>(
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
