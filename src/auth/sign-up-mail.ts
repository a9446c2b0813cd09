/** The two messages a sign-up sends when mail is configured: only the address's owner learns which one applied. */
import { composeMail } from '../mail/message.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { SIGNUP_LINK_TTL_HOURS } from './sign-up-link.ts';

/** To a new address: the link that creates the account. The name the requester typed is left out (it is theirs to choose, not ours to mail). */
export const confirmSignUpMail = (to: string, link: string): MailMessage =>
  composeMail(to, 'Confirm your Groundwork account', [
    'Someone, hopefully you, asked to create a Groundwork account for this address.',
    { label: 'Confirm your address and open Groundwork', href: link },
    `The link works once, for ${SIGNUP_LINK_TTL_HOURS} hours. If you did not ask for an account, ignore this message: nothing is created without the link.`,
  ]);

/** To an address with an account: nothing changed, and how to sign in. */
export const signUpAttemptMail = (to: string, signInLink: string): MailMessage =>
  composeMail(to, 'Someone tried to create a Groundwork account with your address', [
    'Someone tried to create a Groundwork account with this address. You have an account with it, so nothing was created and nothing about your account changed.',
    { label: 'If it was you, sign in here', href: signInLink },
    'If it was not you, ignore this message: your password still works, and whoever tried was not told that this address has an account.',
  ]);
