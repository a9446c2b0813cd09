/**
 * `/invite/:token` — where an invitation link lands, signed in or not. It shows the offer (workspace,
 * role, invited address) or why the link no longer works; signed out, the invitee signs up (or signs
 * in) right here with the invited address, and joins in the same step; signed in, one click joins.
 * Then they land in the workspace. With mail configured, a sign-up first goes through the mailed link,
 * which comes back here.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { keys } from '../../api/keys.ts';
import { signIn, signOut as endSession, signUp, useMe } from '../../api/session.ts';
import { acceptInvitation, previewInvitation } from '../../api/workspaces.ts';
import { Button, ErrorBanner, Loading, TextInput, usePageTitle } from '../../components/ui.tsx';
import { AuthCard } from '../auth/AuthCard.tsx';
import { CheckInbox } from '../auth/CheckInbox.tsx';
import { rememberNextAfterConfirm } from '../auth/next.ts';
import { LOCALE } from '../publishing/time.ts';

export function AcceptInvitation() {
  const { token = '' } = useParams();
  usePageTitle('Invitation');
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => previewInvitation(token),
    retry: false,
  });
  const [mode, setMode] = useState<'signup' | 'signin'>('signup');
  const [form, setForm] = useState({ name: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mailedTo, setMailedTo] = useState<string | null>(null);

  const accept = async () => {
    const workspace = await acceptInvitation(token);
    await qc.invalidateQueries({ queryKey: keys.me });
    await navigate(`/w/${workspace.slug}`, { replace: true });
  };
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
      // A sign-up or sign-in may have succeeded before the join failed: show who is signed in now.
      await qc.invalidateQueries({ queryKey: keys.me });
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const email = preview.data!.email;
    void run(async () => {
      if (mode === 'signup') {
        const answer = await signUp({ name: form.name, email, password: form.password });
        // Mail configured: the account is made from the mailed link, which then comes back here to join.
        if ('status' in answer) {
          rememberNextAfterConfirm(`/invite/${token}`);
          setMailedTo(answer.email);
          return;
        }
      } else {
        await signIn({ email, password: form.password });
      }
      await accept();
    });
  };
  const signOut = () =>
    void run(async () => {
      await endSession();
      await qc.invalidateQueries({ queryKey: keys.me });
    });

  let body: ReactNode;
  if (mailedTo) {
    body = (
      <CheckInbox email={mailedTo}>
        <p>Open the link in this browser and it brings you back to this invitation, signed in, to join.</p>
      </CheckInbox>
    );
  } else if (preview.isPending || me.isPending) body = <Loading what="Opening the invitation" />;
  else if (preview.error) {
    body = (
      <>
        <h2>This invitation cannot be used</h2>
        <ErrorBanner error={preview.error} />
        <p>
          <Link to="/">Go to Groundwork</Link>
        </p>
      </>
    );
  } else {
    const inv = preview.data;
    const user = me.data?.user ?? null;
    body = (
      <>
        <h2>Join {inv.workspace.name}</h2>
        <p>
          {inv.invitedBy ?? 'A workspace owner'} invites <strong>{inv.email}</strong> to join as <strong>{inv.role}</strong>. The link works
          once, until {DateTime.fromISO(inv.expiresAt).setLocale(LOCALE).toLocaleString(DateTime.DATE_MED)}.
        </p>
        {user ? (
          <>
            <p className="muted">Signed in as {user.email}.</p>
            <ErrorBanner error={error} />
            <div className="review-actions">
              <Button variant="primary" disabled={busy} onClick={() => void run(accept)}>
                Join {inv.workspace.name}
              </Button>
              {user.email.toLowerCase() !== inv.email.toLowerCase() && (
                <Button onClick={signOut} disabled={busy}>
                  Sign out to use {inv.email}
                </Button>
              )}
            </div>
          </>
        ) : (
          <form onSubmit={submit} aria-label={mode === 'signup' ? 'Create your account and join' : 'Sign in and join'}>
            {mode === 'signup' && (
              <TextInput
                label="Your name"
                name="name"
                autoComplete="name"
                required
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
              />
            )}
            <TextInput label="Email" name="email" type="email" readOnly value={inv.email} hint="The invitation is for this address." />
            <TextInput
              label="Password"
              name="password"
              type="password"
              autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
              required
              minLength={mode === 'signup' ? 10 : undefined}
              hint={mode === 'signup' ? 'At least 10 characters.' : undefined}
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
            <ErrorBanner error={error} />
            <Button type="submit" variant="primary" disabled={busy}>
              {mode === 'signup' ? 'Create account and join' : 'Sign in and join'}
            </Button>
            <p>
              {mode === 'signup' ? 'Already have an account? ' : 'New to Groundwork? '}
              <button type="button" className="link-button" onClick={() => setMode(mode === 'signup' ? 'signin' : 'signup')}>
                {mode === 'signup' ? 'Sign in instead' : 'Create an account instead'}
              </button>
            </p>
          </form>
        )}
      </>
    );
  }

  return <AuthCard>{body}</AuthCard>;
}
