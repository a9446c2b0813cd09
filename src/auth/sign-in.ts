import type { Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { createSession } from './create-session.ts';
import { dummyVerify, verifyPassword } from './password.ts';
import type { SignInBody } from './schema.ts';
import type { SignedIn } from './sign-up.ts';

const invalidCredentials = () => new AppError('auth.invalid_credentials', 'The email or password is not correct.', 401);

/**
 * Checks email and password and starts a session. A wrong email and a wrong password answer the
 * same 401 `auth.invalid_credentials`, in about the same time (an unknown email still costs one
 * argon2 verification), so the endpoint does not reveal which emails have accounts.
 */
export async function signIn(pool: Pool, input: SignInBody, sessionTtlDays: number): Promise<SignedIn> {
  const { rows } = await pool.query<{ id: string; email: string; name: string; password_hash: string }>(
    'SELECT id, email, name, password_hash FROM users WHERE lower(email) = lower($1)',
    [input.email],
  );
  const found = rows[0];
  if (!found) {
    await dummyVerify(input.password);
    throw invalidCredentials();
  }
  if (!(await verifyPassword(found.password_hash, input.password))) throw invalidCredentials();
  const session = await createSession(pool, found.id, sessionTtlDays);
  return { user: { id: found.id, email: found.email, name: found.name }, session };
}
