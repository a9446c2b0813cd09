import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { fetchSession, signIn, signUp } from '../../api/session.ts';
import { Button, ErrorBanner, TextInput, usePageTitle } from '../../components/ui.tsx';
import { AuthCard } from './AuthCard.tsx';
import { CheckInbox } from './CheckInbox.tsx';
import { rememberNextAfterConfirm, safeNext } from './next.ts';

const withNext = (page: string, next: string | null) => (next ? `${page}?next=${encodeURIComponent(next)}` : page);

/**
 * Sign in and sign up share one form; sign-up adds a name and a longer password rule. A sign-up is
 * signed in at once, or — with mail configured — told to check its inbox for the link that finishes it.
 */
export function AuthForm({ mode }: { mode: 'signin' | 'signup' }) {
  const signup = mode === 'signup';
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** The address a sign-up link was mailed to. */
  const [mailedTo, setMailedTo] = useState<string | null>(null);
  /** Back from "check your inbox" to correct the address: the focus goes to it. */
  const [correcting, setCorrecting] = useState(false);
  usePageTitle(mailedTo ? 'Check your inbox' : signup ? 'Create your account' : 'Sign in');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const next = params.get('next');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (signup) {
        const answer = await signUp(form);
        if ('status' in answer) {
          rememberNextAfterConfirm(next);
          setMailedTo(answer.email);
          return;
        }
      } else {
        await signIn({ email: form.email, password: form.password });
      }
      // The cached session still says "signed out" (the guard that sent us here read it): read it
      // again before leaving, or the guard sends us straight back to this form.
      await qc.fetchQuery({ queryKey: keys.me, queryFn: fetchSession, staleTime: 0 });
      await navigate(safeNext(next, window.location.origin), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  // Without mail, a sign-up on an address with an account is a sign-in: its refusal is sign-in's, and so is the way on.
  const refusedAsSignIn = signup && error instanceof ApiError && error.code === 'auth.invalid_credentials';

  return (
    <AuthCard>
      {mailedTo ? (
        <CheckInbox email={mailedTo}>
          <p>
            Wrong address?{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setMailedTo(null);
                setCorrecting(true);
              }}
            >
              Sign up again
            </button>
          </p>
        </CheckInbox>
      ) : (
        <>
          <p className="muted">Strategy first. Campaigns inside it.</p>
          <form onSubmit={submit} noValidate={false}>
            {signup && <TextInput label="Your name" name="name" autoComplete="name" required value={form.name} onChange={set('name')} />}
            <TextInput
              label="Email"
              name="email"
              type="email"
              autoComplete="email"
              required
              autoFocus={correcting}
              value={form.email}
              onChange={set('email')}
            />
            <TextInput
              label="Password"
              name="password"
              type="password"
              autoComplete={signup ? 'new-password' : 'current-password'}
              required
              minLength={signup ? 10 : undefined}
              hint={signup ? 'At least 10 characters.' : undefined}
              value={form.password}
              onChange={set('password')}
            />
            <ErrorBanner error={error}>{refusedAsSignIn && <Link to={withNext('/signin', next)}>Sign in instead</Link>}</ErrorBanner>
            <Button type="submit" variant="primary" disabled={busy}>
              {signup ? 'Create account' : 'Sign in'}
            </Button>
          </form>
          <p>
            {signup ? (
              <>
                Have an account? <Link to={withNext('/signin', next)}>Sign in</Link>
              </>
            ) : (
              <>
                New here? <Link to={withNext('/signup', next)}>Create an account</Link>
              </>
            )}
          </p>
        </>
      )}
    </AuthCard>
  );
}
