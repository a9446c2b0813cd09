/** Composes a message as plain text and as simple HTML from the same blocks, so the two never disagree. */
import type { MailMessage } from './mailer.ts';

/** A paragraph, or a link on a line of its own. */
export type MailBlock = string | { label: string; href: string };

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function composeMail(to: string, subject: string, blocks: MailBlock[]): MailMessage {
  const text = blocks.map((b) => (typeof b === 'string' ? b : `${b.label}:\n${b.href}`)).join('\n\n');
  const body = blocks
    .map((b) => (typeof b === 'string' ? `<p>${escapeHtml(b)}</p>` : `<p><a href="${escapeHtml(b.href)}">${escapeHtml(b.label)}</a></p>`))
    .join('\n');
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36rem">
${body}
</body></html>
`;
  return { to, subject, text: `${text}\n`, html };
}
