/**
 * How text becomes tokens — the one definition, used for posts and for the words of a query alike, so
 * both sides always agree. Pure and allocation-light: the matcher tokenises every post once with it.
 *
 * - Folding: Unicode NFKD, lower case, combining marks and emoji skin tones removed ("Café" → "cafe",
 *   "ＡＢＣ" → "abc", 👍🏽 → 👍). ASCII text skips normalize() (it would change nothing).
 * - Words are runs of letters, digits and marks; everything else (punctuation, symbols, spaces, `_`)
 *   separates them. Han, Hiragana and Katakana characters are words of one character each, so a
 *   Chinese or Japanese term (several characters) is matched as a phrase, wherever it occurs.
 * - A URL (`http://` or `https://` after a non-word character) is one token, not split into words.
 * - An emoji (with its ZWJ sequence, or a flag's pair) is one token.
 * - `#tag` and `@handle` (after a non-word character) are tags; the words of their body also stand
 *   in the word sequence, so the plain term `coffee` matches "#coffee" while `#coffee` matches only
 *   that exact tag. A handle may hold `.`, `-` and `@` between word characters (`@alice.bsky.social`,
 *   `@ann@mastodon.social`).
 */

export interface Tokens {
  /** Positional tokens: words, URLs, emoji. Phrases and NEAR count positions in this sequence. */
  words: string[];
  /** `#tag` / `@handle` tokens, folded. */
  tags: string[];
  /** Position in `words` of each tag's first body word, and the position after its last. */
  tagFrom: number[];
  tagTo: number[];
  /** The URL tokens (also in `words`). */
  urls: string[];
  /** With {@link KnownWords}: each word's number among them, or -1 (parallel to `words`). */
  known?: number[];
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function hashRange(s: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * Words a caller wants recognised while scanning (the matcher's vocabulary): the scan hashes each word
 * as it reads it, so a known word costs no Map lookup and no new string, and its number is recorded.
 */
export class KnownWords {
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(readonly words: readonly string[]) {
    let size = 16;
    while (size < words.length * 2) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    words.forEach((word, index) => {
      let slot = hashRange(word, 0, word.length) & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = index + 1;
    });
  }

  /** The number of the word s[from, to) whose hash is `hash`, or -1. */
  find(s: string, from: number, to: number, hash: number): number {
    const n = to - from;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.table[slot]!;
      if (entry === 0) return -1;
      const word = this.words[entry - 1]!;
      if (word.length === n && s.startsWith(word, from)) return entry - 1;
    }
  }
}

function emit(t: Tokens, s: string, from: number, to: number, hash: number, known: KnownWords | null): void {
  if (known === null) {
    t.words.push(s.slice(from, to));
    return;
  }
  const id = known.find(s, from, to, hash);
  t.words.push(id >= 0 ? known.words[id]! : s.slice(from, to));
  t.known!.push(id);
}

const SEP = 1;
const WORD = 2;
/** A letter written without spaces between words (Han, Kana): a word of its own. */
const SINGLE = 3;
const EMOJI = 4;
const FLAG = 5;

const ASCII_CLASS = new Uint8Array(128).fill(SEP);
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = WORD;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = WORD;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = WORD;

const WORD_RE = /^[\p{L}\p{N}\p{M}]$/u;
const SINGLE_RE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const EMOJI_RE = /^\p{Extended_Pictographic}$/u;
const FLAG_RE = /^\p{Regional_Indicator}$/u;
/** Classes of code points ≥ 128, filled on first sight: one regex test per distinct code point, ever. */
const classCache = new Uint8Array(0x110000);

function classOf(cp: number): number {
  if (cp < 128) return ASCII_CLASS[cp]!;
  let k = classCache[cp]!;
  if (k === 0) {
    const ch = String.fromCodePoint(cp);
    k = SINGLE_RE.test(ch) ? SINGLE : WORD_RE.test(ch) ? WORD : EMOJI_RE.test(ch) ? EMOJI : FLAG_RE.test(ch) ? FLAG : SEP;
    classCache[cp] = k;
  }
  return k;
}

const NON_ASCII = /[^\x00-\x7f]/;
// Skin tone modifiers as an alternation: in a class, Biome reads them as joined to the emoji before.
const MARKS = /\p{Mn}|[\u{1F3FB}-\u{1F3FF}]/gu;
const ANY_MARK = /^\p{M}$/u;
/** Code points folding leaves alone (no decomposition, no case, no mark): 1 yes, 2 no, 0 not yet known. */
const stableCache = new Uint8Array(0x110000);
const FINAL_SIGMA = 0x3c2;

function stable(cp: number): boolean {
  let k = stableCache[cp]!;
  if (k === 0) {
    const ch = String.fromCodePoint(cp);
    const unchanged = ch.normalize('NFKD') === ch && ch.toLowerCase() === ch;
    k = unchanged && !ANY_MARK.test(ch) && !(cp >= 0x1f3fb && cp <= 0x1f3ff) && cp !== FINAL_SIGMA ? 1 : 2;
    stableCache[cp] = k;
  }
  return k === 1;
}

/** The folded form of each code point that is not stable, computed on first sight. */
const folded = new Map<number, string>();
function foldCodePoint(cp: number): string {
  let f = folded.get(cp);
  if (f === undefined) {
    // ς folds to σ: which of the two a word ends with depends on whether it was typed in capitals.
    f = cp === FINAL_SIGMA ? 'σ' : String.fromCodePoint(cp).normalize('NFKD').toLowerCase().replace(MARKS, '');
    folded.set(cp, f);
  }
  return f;
}

/**
 * Folds text for matching, code point by code point: NFKD, lower case, combining marks and skin
 * tones dropped, ς as σ. ASCII is only lower-cased; other characters that folding leaves alone (emoji,
 * CJK, typographic quotes, lower-case Cyrillic…) are copied; the rest are folded one by one from a
 * cache, which costs far less than normalize() over the whole text.
 */
export function foldText(text: string): string {
  const first = text.search(NON_ASCII);
  if (first < 0) return text.toLowerCase();
  let out = '';
  let last = 0;
  for (let i = first; i < text.length; i++) {
    if (text.charCodeAt(i) < 128) continue;
    const cp = codePointAt(text, i);
    const w = width(cp);
    if (!stable(cp)) {
      out += text.slice(last, i) + foldCodePoint(cp);
      last = i + w;
    }
    i += w - 1;
  }
  return (last === 0 ? text : out + text.slice(last)).toLowerCase();
}

/** The code point at `i` of `s` (a lone surrogate stands for itself). */
function codePointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d < 0xe000) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

const width = (cp: number) => (cp > 0xffff ? 2 : 1);
const isWordish = (k: number) => k === WORD || k === SINGLE;

/** End of the URL starting at `i` (which holds "http"), or -1 when there is none. */
function urlEnd(s: string, i: number): number {
  let j: number;
  if (s.startsWith('https://', i)) j = i + 8;
  else if (s.startsWith('http://', i)) j = i + 7;
  else return -1;
  const hostStart = j;
  const n = s.length;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c < 128) {
      // Printable ASCII but spaces and the characters that delimit a link in text.
      if (c <= 32 || c === 127 || c === 34 || c === 60 || c === 62 || c === 96) break;
      j++;
      continue;
    }
    const cp = codePointAt(s, j);
    if (!isWordish(classOf(cp))) break;
    j += width(cp);
  }
  // Sentence punctuation after a link is not part of it; nor is a closing bracket it did not open.
  for (;;) {
    const c = s.charCodeAt(j - 1);
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 39 || c === 42) j--;
    else if ((c === 41 && count(s, i, j, 40) < count(s, i, j, 41)) || (c === 93 && count(s, i, j, 91) < count(s, i, j, 93))) j--;
    else break;
  }
  if (j <= hostStart || !isWordish(classOf(codePointAt(s, hostStart)))) return -1;
  return j;
}

function count(s: string, from: number, to: number, c: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === c) n++;
  return n;
}

/** End of the tag body starting at `i` (after its `#` or `@`); `i` when there is none. */
function tagEnd(s: string, i: number, handle: boolean): number {
  const n = s.length;
  let j = i;
  let words = 0;
  while (j < n) {
    const cp = codePointAt(s, j);
    const k = classOf(cp);
    if (isWordish(k)) {
      words++;
      j += width(cp);
    } else if (cp === 95) j++;
    else if (handle && (cp === 46 || cp === 45 || cp === 64) && j + 1 < n && isWordish(classOf(codePointAt(s, j + 1)))) j++;
    else break;
  }
  return words > 0 ? j : i;
}

function scan(s: string, from: number, to: number, t: Tokens, known: KnownWords | null): void {
  let i = from;
  let prev = 32; // the code point before i: a space at the start
  while (i < to) {
    const c = s.charCodeAt(i);
    // Spaces and ASCII punctuation between words: the most common characters after letters.
    if (c < 128 && ASCII_CLASS[c] === SEP && c !== 35 && c !== 64) {
      prev = c;
      i++;
      continue;
    }
    const cp = c < 0xd800 ? c : codePointAt(s, i);
    const w = width(cp);
    const k = classOf(cp);
    if (k === WORD) {
      if (cp === 104 && !isWordish(classOf(prev))) {
        const end = urlEnd(s, i);
        if (end > 0) {
          emit(t, s, i, end, hashRange(s, i, end), known);
          t.urls.push(t.words[t.words.length - 1]!);
          prev = s.charCodeAt(end - 1);
          i = end;
          continue;
        }
      }
      let j = i + w;
      let last = cp;
      let h = w === 1 ? Math.imul(FNV_OFFSET ^ c, FNV_PRIME) : hashRange(s, i, j);
      while (j < to) {
        const c = s.charCodeAt(j);
        if (c < 128) {
          if (ASCII_CLASS[c] !== WORD) break;
          last = c;
          h = Math.imul(h ^ c, FNV_PRIME);
          j++;
        } else {
          const d = codePointAt(s, j);
          if (classOf(d) !== WORD) break;
          last = d;
          h = Math.imul(h ^ c, FNV_PRIME);
          if (d > 0xffff) h = Math.imul(h ^ s.charCodeAt(j + 1), FNV_PRIME);
          j += width(d);
        }
      }
      emit(t, s, i, j, h, known);
      prev = last;
      i = j;
    } else if (k === SINGLE) {
      emit(t, s, i, i + w, hashRange(s, i, i + w), known);
      prev = cp;
      i += w;
    } else if (k === EMOJI || k === FLAG) {
      let j = i + w;
      if (k === FLAG && j < to && classOf(codePointAt(s, j)) === FLAG) j += 2;
      for (;;) {
        const next = j < to ? codePointAt(s, j) : -1;
        // A ZWJ sequence (👩‍💻) is one emoji; tag characters spell a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
        if (next === 0x200d && j + 1 < to && classOf(codePointAt(s, j + 1)) === EMOJI) j += 1 + width(codePointAt(s, j + 1));
        else if (next >= 0xe0020 && next <= 0xe007f) j += 2;
        else break;
      }
      emit(t, s, i, j, hashRange(s, i, j), known);
      prev = cp;
      i = j;
    } else if ((cp === 35 || cp === 64) && !isWordish(classOf(prev)) && prev !== 38) {
      const end = tagEnd(s, i + 1, cp === 64);
      if (end > i + 1) {
        const first = t.words.length;
        scan(s, i + 1, end, t, known);
        t.tags.push(s.slice(i, end));
        t.tagFrom.push(first);
        t.tagTo.push(t.words.length);
        prev = s.charCodeAt(end - 1);
        i = end;
      } else {
        prev = cp;
        i++;
      }
    } else {
      prev = cp;
      i += w;
    }
  }
}

/** Tokens of already folded text. */
export function tokenizeFolded(folded: string): Tokens {
  const t: Tokens = { words: [], tags: [], tagFrom: [], tagTo: [], urls: [] };
  scan(folded, 0, folded.length, t, null);
  return t;
}

/**
 * Tokenises `text` into `t`, emptied first: a caller tokenising many texts reuses one set of arrays.
 * With `known`, `t.known` receives each word's number among them.
 */
export function tokenizeInto(text: string, t: Tokens, known: KnownWords | null = null): Tokens {
  if (known !== null) (t.known ??= []).length = 0;
  t.words.length = 0;
  t.tags.length = 0;
  t.tagFrom.length = 0;
  t.tagTo.length = 0;
  t.urls.length = 0;
  const folded = foldText(text);
  scan(folded, 0, folded.length, t, known);
  return t;
}

/** Tokens of any text: folded, then split. */
export function tokenize(text: string): Tokens {
  return tokenizeFolded(foldText(text));
}

/** True when a folded code point string is made only of word characters (letters, digits, marks). */
export function isWordText(s: string): boolean {
  for (let i = 0; i < s.length; ) {
    const cp = codePointAt(s, i);
    if (!isWordish(classOf(cp))) return false;
    i += width(cp);
  }
  return s.length > 0;
}

/** The host of a link (lower case, no port or credentials), or null when it has none. */
export function hostOf(link: string): string | null {
  const lower = link.toLowerCase();
  const scheme = lower.indexOf('://');
  let start = scheme >= 0 ? scheme + 3 : 0;
  let end = lower.length;
  for (let i = start; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) {
      end = i;
      break;
    }
  }
  const at = lower.lastIndexOf('@', end);
  if (at >= start) start = at + 1;
  const colon = lower.indexOf(':', start);
  if (colon >= 0 && colon < end) end = colon;
  let host = lower.slice(start, end);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host === '' ? null : host;
}
