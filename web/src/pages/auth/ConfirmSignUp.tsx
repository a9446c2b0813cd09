/**
 * `/signup/confirm/:token` — where the mailed sign-up link lands: it finishes the sign-up (the
 * account is created, signed in) and goes on to the app, or to the page the sign-up was for. A used,
 * expired or mangled link says so, with the ways on.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { confirmSignUp, fetchSession } from '../../api/session.ts';
import { Button, ErrorBanner, Loading, usePageTitle } from '../../components/ui.tsx';
import { AuthCard } from './AuthCard.tsx';
import { safeNext, takeNextAfterConfirm } from './next.ts';

export function ConfirmSignUp() {
  const { token = '' } = useParams();
  const [error, setError] = useState<unknown>(null);
  /** Counts tries: a failure that is not the link's (server busy, offline) may be tried again. */
  const [attempt, setAttempt] = useState(0);
  // 404 and 410: the link itself is unknown, used or expired — trying again cannot help.
  const linkRefused = error instanceof ApiError && (error.status === 404 || error.status === 410);
  usePageTitle(linkRefused ? 'Sign-up link not valid' : 'Finishing your sign-up');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const sentFor = useRef(-1);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // The link works once: StrictMode's second run of this effect must not spend it again.
    if (sentFor.current === attempt) return;
    sentFor.current = attempt;
    void (async () => {
      try {
        await confirmSignUp(token);
        await qc.fetchQuery({ queryKey: keys.me, queryFn: fetchSession, staleTime: 0 });
        await navigate(safeNext(takeNextAfterConfirm(), window.location.origin), { replace: true });
      } catch (e) {
        setError(e);
      }
    })();
  }, [token, attempt, qc, navigate]);
  useEffect(() => {
    if (error) heading.current?.focus();
  }, [error]);

  let body: ReactNode;
  if (!error) body = <Loading what="Creating your account" />;
  else if (linkRefused) {
    // A used link made its account (or the address has one now): signing in is the way on.
    const used = error.code === 'signup.used';
    body = (
      <>
        <h2 ref={heading} tabIndex={-1}>
          This link cannot be used
        </h2>
        <ErrorBanner error={error} />
        <p>{used ? <Link to="/signin">Sign in</Link> : <Link to="/signup">Sign up again</Link>}</p>
      </>
    );
  } else {
    body = (
      <>
        <h2 ref={heading} tabIndex={-1}>
          Your sign-up is not finished yet
        </h2>
        <ErrorBanner error={error} />
        <Button
          variant="primary"
          onClick={() => {
            setError(null);
            setAttempt(attempt + 1);
          }}
        >
          Try again
        </Button>
      </>
    );
  }
  return <AuthCard>{body}</AuthCard>;
}
