import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { createSession, type NewSession } from './create-session.ts';
import { checkPasswordPolicy, hashPassword } from './password.ts';
import type { SignUpBody, User } from './schema.ts';

export interface SignedIn {
  user: User;
  session: NewSession;
}

const emailTaken = (email: string) =>
  new AppError('auth.email_taken', `An account already uses ${email}; sign in instead.`, 409, { email });

/** Creates the account and its first session. Emails are unique regardless of case. */
export async function signUp(pool: Pool, input: SignUpBody, sessionTtlDays: number): Promise<SignedIn> {
  checkPasswordPolicy(input.password);
  // A cheap early answer, so a taken email costs no hashing; the unique index is the real guard.
  const { rowCount } = await pool.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [input.email]);
  if (rowCount) throw emailTaken(input.email);
  const passwordHash = await hashPassword(input.password);

  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<User>(
      `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id, email, name`,
      [input.email, input.name, passwordHash],
    );
    const user = rows[0];
    if (!user) throw emailTaken(input.email);
    const session = await createSession(tx, user.id, sessionTtlDays);
    await recordAudit(tx, {
      workspaceId: null,
      actor: { userId: user.id, email: user.email, name: user.name, via: 'session' },
      action: 'user.signup',
      entityType: 'user',
      entityId: user.id,
      after: { id: user.id, email: user.email, name: user.name },
    });
    return { user, session };
  });
}
