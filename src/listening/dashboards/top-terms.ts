/**
 * The commonest words of a set of mentions, for the dashboard. Pure. Tokenised like the query
 * language (Unicode NFKC, case-folded, split on everything but letters, marks and digits; links and
 * @handles are not words; a hashtag stays one term, `#coffee`), then stop words of the languages
 * the demo and most sources carry, short words and numbers left out.
 */

const STOP_WORDS = new Set(
  [
    // English
    'the and for are but not you all any can had her was one our out his has have him how its may new now old see two way who did get let say she too use that this with from they will would there their what about which when your were been more some them than then into just like over also only very much well here even back after could should because these those while where being does doing done really still yeah yes got going make made want need know think today thing things lot',
    // German
    'der die das und ist nicht ein eine einen einem einer mit den dem des von auf für sich auch aber wie wir ich sie bei aus nach noch nur oder schon hat haben sind war wird werden mehr sehr heute kann mal',
    // French
    'les des une est pas que qui pour dans sur avec par plus mais son ses aux ont été très tout nous vous elle ils sont cette comme aussi',
    // Spanish
    'los las una por con para del que como más pero sus muy esta este son hoy todo también hay',
  ]
    .join(' ')
    .split(' '),
);

const LINK = /(?:https?:\/\/|www\.)\S+/giu;
const HANDLE = /(?<![\p{L}\p{N}])@[\p{L}\p{N}._-]+/gu;
const WORD = /#?[\p{L}\p{M}\p{N}]+/gu;
const NUMBER = /^#?[\p{N}]+$/u;

/** The words of one text, normalised, stop words and words under 3 letters left out. */
export function termsOf(text: string): string[] {
  const clean = text.normalize('NFKC').toLowerCase().replace(LINK, ' ').replace(HANDLE, ' ');
  const out: string[] = [];
  for (const [word] of clean.matchAll(WORD)) {
    const bare = word.startsWith('#') ? word.slice(1) : word;
    if (bare.length < 3 || NUMBER.test(word) || STOP_WORDS.has(word)) continue;
    out.push(word);
  }
  return out;
}

/** The `limit` commonest terms over `texts` (each text counts a term once), most frequent first, then alphabetically. */
export function topTerms(texts: Iterable<string>, limit: number): { term: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const term of new Set(termsOf(text))) counts.set(term, (counts.get(term) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([term, count]) => ({ term, count }));
}
