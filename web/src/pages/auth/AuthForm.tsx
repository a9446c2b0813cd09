import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { keys, fetchSession } from '../../api/hooks.ts';
import { Button, ErrorBanner, TextInput, usePageTitle } from '../../components/ui.tsx';
import { safeNext } from './next.ts';

const withNext = (page: string, next: string | null) => (next ? `${page}?next=${encodeURIComponent(next)}` : page);

/** Sign in and sign up share one form; sign-up adds a name and a longer password rule. */
export function AuthForm({ mode }: { mode: 'signin' | 'signup' }) {
  const signup = mode === 'signup';
  usePageTitle(signup ? 'Create your account' : 'Sign in');
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const next = params.get('next');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', signup ? '/auth/signup' : '/auth/signin', signup ? form : { email: form.email, password: form.password });
      // The cached session still says "signed out" (the guard that sent us here read it): read it
      // again before leaving, or the guard sends us straight back to this form.
      await qc.fetchQuery({ queryKey: keys.me, queryFn: fetchSession, staleTime: 0 });
      navigate(safeNext(next, window.location.origin), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  return (
    <div className="auth">
      <div className="auth-card card">
        <h1>
          <span className="brand-mark" aria-hidden="true" /> Groundwork
        </h1>
        <p className="muted">Strategy first. Campaigns inside it.</p>
        <form onSubmit={submit} noValidate={false}>
          {signup && <TextInput label="Your name" name="name" autoComplete="name" required value={form.name} onChange={set('name')} />}
          <TextInput label="Email" name="email" type="email" autoComplete="email" required value={form.email} onChange={set('email')} />
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
          <ErrorBanner error={error} />
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
      </div>
    </div>
  );
}
