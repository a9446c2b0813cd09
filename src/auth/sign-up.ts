import { withTransaction, type Pool } from '../db/pool.ts';
import { createSession, type NewSession } from './create-session.ts';
import { createUser } from './create-user.ts';
import { checkPasswordPolicy, hashPassword } from './password.ts';
import type { SignUpBody, User } from './schema.ts';
import { signIn } from './sign-in.ts';

export interface SignedIn {
  user: User;
  session: NewSession;
}

/**
 * One-step sign-up, used when no mail is configured: a new email gets its account and first session.
 * An email with an account (in any case) is treated as a sign-in: its own password starts a session
 * — the requester proved they own the account, so nothing leaks — and any other answers sign-in's
 * 401 `auth.invalid_credentials`. That 401 still tells the requester the address cannot get a new
 * account, which is why sign-ups also count against the sign-in limit (routes.ts); with mail
 * configured, request-sign-up.ts closes it.
 */
export async function signUp(pool: Pool, input: SignUpBody, sessionTtlDays: number): Promise<SignedIn> {
  checkPasswordPolicy(input.password);
  const { rowCount } = await pool.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [input.email]);
  if (rowCount) return signIn(pool, input, sessionTtlDays);
  const passwordHash = await hashPassword(input.password);
  const created = await withTransaction(pool, async (tx) => {
    const user = await createUser(tx, { email: input.email, name: input.name, passwordHash });
    return user && { user, session: await createSession(tx, user.id, sessionTtlDays) };
  });
  // Null: the same email signed up in the meantime, so this is a sign-in after all.
  return created ?? signIn(pool, input, sessionTtlDays);
}
