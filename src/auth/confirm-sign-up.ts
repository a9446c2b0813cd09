import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { createSession } from './create-session.ts';
import { createUser } from './create-user.ts';
import { isSessionTokenShape, sha256Hex } from './secrets.ts';
import type { SignedIn } from './sign-up.ts';

interface PendingRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  expires_at: Date;
  confirmed_at: Date | null;
}

const notFound = () =>
  new AppError('signup.not_found', 'This sign-up link is not valid: check that it was copied whole, or sign up again for a new one.', 404);
const used = (message = 'This sign-up link was used: each link works once. Sign in with the account it created.') =>
  new AppError('signup.used', message, 410);

/**
 * Creates the account of a pending sign-up from its mailed link (requested by request-sign-up.ts),
 * and its first session — once: the request is locked, checked (404 `signup.not_found`, 410
 * `signup.used|expired`) and marked used in one transaction, so two clicks cannot both create it.
 */
export async function confirmSignUp(pool: Pool, token: string, sessionTtlDays: number, now = new Date()): Promise<SignedIn> {
  if (!isSessionTokenShape(token)) throw notFound();
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<PendingRow>(
      'SELECT id, email, name, password_hash, expires_at, confirmed_at FROM pending_signups WHERE token_hash = $1 FOR UPDATE',
      [sha256Hex(token)],
    );
    const row = rows[0];
    if (!row) throw notFound();
    if (row.confirmed_at || row.password_hash === null) throw used();
    if (row.expires_at <= now) {
      throw new AppError(
        'signup.expired',
        `This sign-up link expired on ${row.expires_at.toISOString().slice(0, 10)}: sign up again for a new one.`,
        410,
        {
          expiredAt: row.expires_at.toISOString(),
        },
      );
    }
    const user = await createUser(tx, { email: row.email, name: row.name, passwordHash: row.password_hash });
    // The address got its account another way (`groundwork user create`) after the link was sent.
    if (!user) throw used('This address has an account now, so the link cannot create one: sign in instead.');
    await tx.query('UPDATE pending_signups SET confirmed_at = $2, password_hash = NULL WHERE id = $1', [row.id, now]);
    return { user, session: await createSession(tx, user.id, sessionTtlDays) };
  });
}
