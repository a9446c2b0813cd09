import { withTransaction, type Pool } from '../db/pool.ts';
import type { Mailer } from '../mail/mailer.ts';
import { checkPasswordPolicy, hashPassword } from './password.ts';
import type { CheckEmail, SignUpBody } from './schema.ts';
import { SIGNUP_LINK_TTL_HOURS } from './sign-up-link.ts';
import { confirmSignUpMail, signUpAttemptMail } from './sign-up-mail.ts';
import { newSessionToken, sha256Hex } from './secrets.ts';

/** Used and expired requests are kept this long after expiry (a late click still hears "expired"), then deleted. */
const KEEP_AFTER_EXPIRY_MS = 7 * 86_400_000;

/**
 * Sign-up when mail is configured: every address gets the same answer after the same work, and only
 * the address's owner learns, by mail, what happened. A new address gets a pending sign-up (replacing
 * an open one for it) and a link to confirm it; an address with an account gets a message that
 * someone tried, with a link to sign in, and the account is not touched. `publicUrl` (PUBLIC_URL)
 * builds the links, never the request's Host header.
 */
export async function requestSignUp(
  pool: Pool,
  mailer: Mailer,
  input: SignUpBody,
  publicUrl: string,
  now = new Date(),
): Promise<CheckEmail> {
  checkPasswordPolicy(input.password);
  // Hashed for an address with an account too, and thrown away: the answer's timing must not tell.
  const passwordHash = await hashPassword(input.password);
  const token = newSessionToken();
  const message = await withTransaction(pool, async (tx) => {
    await tx.query('DELETE FROM pending_signups WHERE expires_at < $1', [new Date(now.getTime() - KEEP_AFTER_EXPIRY_MS)]);
    const { rowCount } = await tx.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [input.email]);
    if (rowCount) return signUpAttemptMail(input.email, `${publicUrl}/signin`);
    await tx.query(
      `INSERT INTO pending_signups (email, name, password_hash, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ((lower(email))) WHERE confirmed_at IS NULL DO UPDATE SET
         name = excluded.name, password_hash = excluded.password_hash, token_hash = excluded.token_hash,
         created_at = excluded.created_at, expires_at = excluded.expires_at`,
      [input.email, input.name, passwordHash, sha256Hex(token), now, new Date(now.getTime() + SIGNUP_LINK_TTL_HOURS * 3_600_000)],
    );
    return confirmSignUpMail(input.email, `${publicUrl}/signup/confirm/${token}`);
  });
  mailer.send(message);
  return { status: 'check_email', email: input.email };
}
