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
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('auth.required', 'Sign in, or send an API token as `Authorization: Bearer …`.', 401);
  return actor;
}
