import { AppError } from '../errors.ts';

/** Who is calling: a signed-in user, through a session cookie or an API token. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  via: 'session' | 'token';
  /** An API token's scope: one workspace, read or write. Absent for sessions and for tokens made before scopes. */
  scope?: TokenScope;
}

export interface TokenScope {
  workspaceId: string;
  access: 'read' | 'write';
  /**
   * The user's membership of that workspace, read in the same query as the token (as current as a
   * lookup of its own, one round trip fewer on every request): null when they are no longer a
   * member. Absent when it was not read with the token; `authorize` then looks it up.
   */
  membership?: ScopedMembership | null;
}

/** The workspace of a token's scope and the user's role there (a role of src/workspace/policy.ts). */
export interface ScopedMembership {
  slug: string;
  name: string;
  role: string;
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('auth.required', 'Sign in, or send an API token as `Authorization: Bearer …`.', 401);
  return actor;
}
