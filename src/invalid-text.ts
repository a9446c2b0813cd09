/**
 * Text Postgres cannot store, refused where it enters the API.
 *
 * A NUL character (U+0000) cannot be stored in a `text` column nor escaped in `jsonb`, and an
 * unpaired UTF-16 surrogate (`"\ud83d"` in JSON) is rejected by `jsonb` — either one used to reach
 * the database and come back as a 500. JSON.parse, YAML escapes, the query-string parser and the
 * router all produce such strings from valid-looking input (`\u0000`, `"\0"`, `%00`), so they are
 * found where input is parsed — src/http/text-guard.ts for the API, the plan loader for YAML —
 * rather than in every schema.
 */

/** NUL, or a surrogate code unit that is not half of a pair (with the u flag a pair is one code point, not Cs). */
const INVALID_TEXT = /[\u0000\p{Cs}]/u;

export const hasInvalidText = (s: string): boolean => INVALID_TEXT.test(s);

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * JSON pointer of the first string (value or object key) in `value` with invalid text, or null.
 * Iterative: a 2 MB body can nest arrays a million deep, which would overflow a recursive walk.
 */
export function findInvalidText(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, pointer] = stack.pop()!;
    if (typeof v === 'string') {
      if (hasInvalidText(v)) return pointer;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${pointer}/${i}`]);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const child = `${pointer}/${escapePointer(key)}`;
        if (hasInvalidText(key)) return child;
        stack.push([(v as Record<string, unknown>)[key], child]);
      }
    }
  }
  return null;
}

export const INVALID_TEXT_MESSAGE = 'text must not contain NUL characters (U+0000) or unpaired UTF-16 surrogates';
