/**
 * PURE — recognising a status we sent by its text.
 *
 * Mastodon cannot be asked "which status did I make with Idempotency-Key K?", and it returns a
 * status's text only as rendered HTML (`content`). To reconcile an unknown outcome we compare that
 * HTML, turned back into text, with the text we would have sent — both normalised the way Mastodon
 * renders: paragraphs and line breaks become whitespace, links keep their full URL (the hidden
 * `invisible` spans are part of the text), a remote mention `@user@domain` is shown as `@user`,
 * runs of whitespace collapse, entities are decoded.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Mastodon's rendered `content` HTML as plain text. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
      .replace(/<[^>]*>/g, ''),
  );
}

/** The comparable form of a text: remote mentions shortened, whitespace collapsed, trimmed. */
export function normalizeForMatch(text: string): string {
  return text
    .replace(/(^|[^\p{L}\p{N}_/])(@[\p{L}\p{N}_]+)@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '$1$2')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Whether a status's rendered `content` shows `sourceText`. */
export const contentMatches = (contentHtml: string, sourceText: string): boolean =>
  normalizeForMatch(htmlToText(contentHtml)) === normalizeForMatch(sourceText);
