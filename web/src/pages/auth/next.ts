/**
 * Where to go after signing in: the page a signed-out visitor asked for, carried in `?next=`. Only a
 * path on this origin is followed — `//host`, `/\host`, absolute URLs and `javascript:` would turn the
 * sign-in page into an open redirect — anything else falls back to the home page.
 */
export function safeNext(next: string | null | undefined, origin: string): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin || url.pathname === '/signin' || url.pathname === '/signup') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/signin?next=…` for the page being left (nothing to carry from the home page). */
export function signInPath(current: { pathname: string; search: string; hash: string }, page: '/signin' | '/signup' = '/signin'): string {
  const here = `${current.pathname}${current.search}${current.hash}`;
  return here === '/' ? page : `${page}?next=${encodeURIComponent(here)}`;
}

const AFTER_CONFIRM = 'groundwork:next-after-signup-confirm';

/**
 * A sign-up by mail finishes where its link is opened: the page it was for (`next`, an invitation) is
 * kept in this browser until then. Opened elsewhere, the link lands on the home page.
 */
export function rememberNextAfterConfirm(next: string | null): void {
  if (next) localStorage.setItem(AFTER_CONFIRM, next);
  else localStorage.removeItem(AFTER_CONFIRM);
}

/** The page kept by rememberNextAfterConfirm, once (pass it through safeNext). */
export function takeNextAfterConfirm(): string | null {
  const next = localStorage.getItem(AFTER_CONFIRM);
  localStorage.removeItem(AFTER_CONFIRM);
  return next;
}
