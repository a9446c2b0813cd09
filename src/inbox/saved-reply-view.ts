/** How a saved reply is read and shown; the duplicate-name refusal its writes share. */
import { AppError } from '../errors.ts';

export interface SavedReplyRow {
  id: string;
  name: string;
  body: string;
  updated_at: Date;
}

export const savedReplyOf = (r: SavedReplyRow) => ({ id: r.id, name: r.name, body: r.body, updatedAt: r.updated_at.toISOString() });

/** A unique violation of the name index as 409 `inbox.saved_reply_exists`; anything else as is. */
export function nameTaken(e: unknown, name: string): unknown {
  if ((e as { code?: string }).code === '23505')
    return new AppError('inbox.saved_reply_exists', `A saved reply named "${name}" exists already.`, 409, { name });
  return e;
}
