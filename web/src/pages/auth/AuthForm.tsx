import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { keys } from '../../api/hooks.ts';
import { Button, ErrorBanner, TextInput, usePageTitle } from '../../components/ui.tsx';

/** Sign in and sign up share one form; sign-up adds a name and a longer password rule. */
export function AuthForm({ mode }: { mode: 'signin' | 'signup' }) {
  const signup = mode === 'signup';
  usePageTitle(signup ? 'Create your account' : 'Sign in');
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const qc = useQueryClient();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', signup ? '/auth/signup' : '/auth/signin', signup ? form : { email: form.email, password: form.password });
      await qc.invalidateQueries({ queryKey: keys.me });
      navigate('/');
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
        <p>{signup ? <>Have an account? <Link to="/signin">Sign in</Link></> : <>New here? <Link to="/signup">Create an account</Link></>}</p>
      </div>
    </div>
  );
}
