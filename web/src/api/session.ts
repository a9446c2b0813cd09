/** Who is signed in: the session, signing up, in and out, and what the caller may do in a workspace. */
import { useQuery } from '@tanstack/react-query';
import type { accountContract } from '../../../src/account/contract.ts';
import { accountEndpoints } from '../../../src/account/endpoints.ts';
import type { authContract } from '../../../src/auth/contract.ts';
import { authEndpoints } from '../../../src/auth/endpoints.ts';
import type { BodyOf } from '../../../src/http/contract.ts';
import { bind, call } from './client.ts';
import { keys } from './keys.ts';
import type { Workspace } from './workspaces.ts';

const auth = bind<typeof authContract>(authEndpoints);
const account = bind<typeof accountContract>(accountEndpoints);

export type SignUpInput = BodyOf<typeof authContract.signUp>;
export type SignInInput = BodyOf<typeof authContract.signIn>;

/** Who is signed in (`user: null` when nobody is) and their workspaces with role and permissions. */
export const fetchSession = () => call(account.session);
export const useMe = () => useQuery({ queryKey: keys.me, queryFn: fetchSession, retry: false, staleTime: 30_000 });

/** POST /auth/signup: signed in at once (no mail configured, 201), or a message went to the address (202). */
export const signUp = (body: SignUpInput) => call(auth.signUp, { body });
export const signIn = (body: SignInInput) => call(auth.signIn, { body });
/** Finishes a sign-up from its mailed link (`/signup/confirm/<token>`): the account is made and signed in. */
export const confirmSignUp = (token: string) => call(auth.confirmSignUp, { body: { token } });
export const signOut = () => call(auth.signOut);

/** The caller's workspace (by id or slug) with role and permissions, from the session. */
export function useCurrentWorkspace(ws: string | undefined): Workspace | undefined {
  const me = useMe();
  return me.data?.workspaces.find((w) => w.id === ws || w.slug === ws);
}

/** What the policy table lets the caller do here: the UI shows only what the server would allow. */
export function useCan(ws: string | undefined, permission: Workspace['permissions'][number]): boolean {
  return useCurrentWorkspace(ws)?.permissions.includes(permission) ?? false;
}
