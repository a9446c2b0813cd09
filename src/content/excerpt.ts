/**
 * PURE — a post's text cut down to one short line: the calendar feed's event summaries and the
 * review notifications quote posts and comments this way.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The first `n` characters (graphemes: an emoji is never cut in half) of the text on one line. */
export function excerpt(text: string, n = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const parts: string[] = [];
  for (const { segment } of segmenter.segment(line)) {
    if (parts.length === n) return `${parts.join('').trimEnd()}…`;
    parts.push(segment);
  }
  return parts.join('');
}
