/**
 * What a sign-up shows when mail is configured: a message went to the address. The same words
 * whether or not the address has an account (the server answers both alike); the message itself
 * says which. Focus moves to the heading, so a screen reader announces the new state.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { SIGNUP_LINK_TTL_HOURS } from '../../../../src/auth/sign-up-link.ts';

export function CheckInbox({ email, children }: { email: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="check-inbox-heading">
      <h2 id="check-inbox-heading" ref={heading} tabIndex={-1}>
        Check your inbox
      </h2>
      <p>
        We sent a message to <strong>{email}</strong>. Open the link in it to finish creating your account: it works once, for{' '}
        {SIGNUP_LINK_TTL_HOURS} hours.
      </p>
      <p className="muted">
        If you have an account with this address, the message says how to sign in instead. Nothing after a few minutes? Look in your spam
        folder.
      </p>
      {children}
    </section>
  );
}
