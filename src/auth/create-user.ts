import { recordAudit } from '../audit/record-audit.ts';
import type { Queryable } from '../db/pool.ts';
import type { User } from './schema.ts';

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
}

/**
 * Inserts the account and its `user.signup` audit entry (call it inside a transaction). Null when
 * the email, in any case, has an account: the unique index decides, so two sign-ups cannot both win.
 */
export async function createUser(q: Queryable, account: NewUser): Promise<User | null> {
  const { rows } = await q.query<User>(
    `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT ((lower(email))) DO NOTHING RETURNING id, email, name`,
    [account.email, account.name, account.passwordHash],
  );
  const user = rows[0];
  if (!user) return null;
  await recordAudit(q, {
    workspaceId: null,
    actor: { userId: user.id, email: user.email, name: user.name, via: 'session' },
    action: 'user.signup',
    entityType: 'user',
    entityId: user.id,
    after: { id: user.id, email: user.email, name: user.name },
  });
  return user;
}
