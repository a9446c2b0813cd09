/**
 * Outgoing mail over SMTP (nodemailer), configured by SMTP_URL and MAIL_FROM. Sending happens in the
 * background: the caller's answer never waits for the mail server nor depends on it, and a failure is
 * logged, not thrown.
 */
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.ts';
import type { Logger } from '../logger.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Starts sending and returns at once; never throws. */
  send(message: MailMessage): void;
  /** Waits for the messages in flight (sent or failed; at most a few seconds), then closes the connection. */
  close(): Promise<void>;
}

/** A stopping server waits this long for messages in flight; those still going then fail (and are logged). */
const CLOSE_WAIT_MS = 3_000;

export function createMailer(config: MailConfig, log: Logger): Mailer {
  // nodemailer waits minutes by default; a mail server that does not answer should not hold messages that long.
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  const inFlight = new Set<Promise<void>>();
  return {
    send(message) {
      const sending: Promise<void> = transport
        .sendMail({ from: config.from, ...message })
        .then(
          () => undefined,
          (err: Error) => log.error({ err, to: message.to, subject: message.subject }, 'mail not sent'),
        )
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    async close() {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(inFlight), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
      clearTimeout(timer);
      transport.close();
    },
  };
}
