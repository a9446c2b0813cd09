/**
 * fast-check arbitraries for YAML text: documents built from a tree of nodes (block and flow maps
 * and sequences, anchors and aliases, tags, duplicate and plan-shaped keys, odd scalars), and text
 * mutations of real plans. What the YAML loader must survive, not what it must accept.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { anyJson, anyString } from './hostile.ts';

type YamlNode =
  | { t: 'scalar'; text: string }
  | { t: 'alias'; name: string }
  | { t: 'map'; flow: boolean; pairs: [string, YamlNode][]; anchor?: string; tag?: string }
  | { t: 'seq'; flow: boolean; items: YamlNode[]; anchor?: string; tag?: string };

/** Keys of the plan model, so documents get past `kind` into the schema and the rules. */
const PLAN_KEYS = [
  'kind',
  'id',
  'name',
  'organisation',
  'period',
  'start',
  'end',
  'channels',
  'platform',
  'audience',
  'personas',
  'objectives',
  'kpis',
  'strategies',
  'tactics',
  'statement',
  'pillars',
  'share',
  'resources',
  'people',
  'settings',
  'campaignLeadMonths',
  'strategy',
  'type',
  'phases',
  'tasks',
  'budget',
  'amount',
  'currency',
  'due',
  '<<',
  '? complex',
];

const ANCHORS = ['a', 'b', 'c'];

/** Scalars as written in YAML: every style, and values at the edges of every type. */
const scalarText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'strategy',
    'campaign',
    'x',
    '~',
    'null',
    'true',
    'no',
    'yes',
    'on',
    '""',
    "''",
    '0',
    '-0',
    '007',
    '0x1F',
    '0o17',
    '0b101',
    '1_000',
    '.inf',
    '-.inf',
    '.nan',
    '1e400',
    '-1e400',
    '99999999999999999999999999999999',
    '1.7976931348623157e309',
    '4.9e-325',
    '0000-01-01',
    '0001-01-01',
    '9999-12-31',
    '2027-02-29',
    '2028-02-29',
    '2027-13-45',
    '2027-01-01T00:00:00Z',
    '2001-12-14t21:59:43.10-05:00',
    '"\\0"',
    '"\\x00"',
    '"\\ud83d"',
    '"\\udc00x"',
    '"\\U0001F600"',
    '"\\uFFFF"',
    '"\\N\\_\\L\\P"',
    '"\\q"',
    '!!binary aGVsbG8=',
    '!!binary "not base64 ***"',
    '!!str 12',
    '!!int x',
    '!!float y',
    '!!bool maybe',
    '!!null x',
    '!!timestamp 0000-01-01',
    '!!timestamp 2027-02-30',
    '!!set {a, b}',
    '!!omap [a: 1, a: 2]',
    '!!pairs [a: 1]',
    '!custom value',
    '!<tag:yaml.org,2002:str> 1',
    '!!map x',
    '!!seq y',
    '!undefined!tag z',
    '|\n  block\n  text',
    '>-\n  folded\n\n  text',
    '|+\n\n',
    '|9\n  too',
    '>\n\ttab',
    '*undefined',
    '&a',
    '&a &b x',
    '? ',
    ': ',
    '- ',
    '@reserved',
    '`reserved',
    '%',
    '#comment',
    '"unterminated',
    "'un'terminated'",
    'a: b: c',
    '[unbalanced',
    '{unbalanced',
    ']',
    '}',
    ',',
    'key: [a, {b: c]',
    '\u0000',
    '\ud83d',
    '\ufeff',
    '\u2028',
  ),
  anyString.map((s) => JSON.stringify(s)), // a double-quoted scalar with escapes for every character
  fc.string({ maxLength: 20 }).map((s) => `'${s.replace(/'/g, "''")}'`),
  fc.string({ unit: 'binary', maxLength: 20 }), // raw, possibly breaking the surrounding syntax
  fc.integer().map(String),
  fc.double().map(String),
);

const key: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PLAN_KEYS) }, { weight: 1, arbitrary: scalarText });

const nodes = fc.letrec<{ node: YamlNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    fc.record({ t: fc.constant('scalar' as const), text: scalarText }),
    fc.record({ t: fc.constant('alias' as const), name: fc.constantFrom(...ANCHORS, 'missing') }),
    fc.record(
      {
        t: fc.constant('map' as const),
        flow: fc.boolean(),
        pairs: fc.array(fc.tuple(key, tie('node')), { maxLength: 5 }),
        anchor: fc.constantFrom(...ANCHORS),
        tag: fc.constantFrom('!!map', '!!set', '!!omap', '!!seq', '!x'),
      },
      { requiredKeys: ['t', 'flow', 'pairs'] },
    ),
    fc.record(
      {
        t: fc.constant('seq' as const),
        flow: fc.boolean(),
        items: fc.array(tie('node'), { maxLength: 5 }),
        anchor: fc.constantFrom(...ANCHORS),
        tag: fc.constantFrom('!!seq', '!!pairs', '!!map', '!x'),
      },
      { requiredKeys: ['t', 'flow', 'items'] },
    ),
  ),
})).node;

const props = (n: { anchor?: string; tag?: string }): string =>
  [n.tag, n.anchor === undefined ? undefined : `&${n.anchor}`].filter((p) => p !== undefined).join(' ');

/** Flow style: everything on one line. */
function renderFlow(n: YamlNode): string {
  switch (n.t) {
    case 'scalar':
      return n.text;
    case 'alias':
      return `*${n.name}`;
    case 'map':
      return `${props(n)} {${n.pairs.map(([k, v]) => `${k}: ${renderFlow(v)}`).join(', ')}}`.trim();
    case 'seq':
      return `${props(n)} [${n.items.map(renderFlow).join(', ')}]`.trim();
  }
}

/** Block style at `indent`; a node asked for flow style (and scalars) stays on the line it starts. */
function renderBlock(n: YamlNode, indent: string): string {
  if (n.t === 'scalar' || n.t === 'alias' || n.flow) return ` ${renderFlow(n)}`;
  const head = props(n) === '' ? '' : ` ${props(n)}`;
  if (n.t === 'map') {
    if (n.pairs.length === 0) return `${head} {}`;
    return head + n.pairs.map(([k, v]) => `\n${indent}${k}:${renderBlock(v, `${indent}  `)}`).join('');
  }
  if (n.items.length === 0) return `${head} []`;
  return head + n.items.map((v) => `\n${indent}-${renderBlock(v, `${indent}  `)}`).join('');
}

const document: fc.Arbitrary<string> = nodes.map((n) => renderBlock(n, '').replace(/^\s+/, ''));

/** A plan-shaped document: `kind` first, then plan keys with any values. */
const planLike: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('strategy', 'campaign', 'Strategy', '[strategy]', '!!str campaign'),
    fc.array(fc.tuple(key, nodes), { maxLength: 8 }),
  )
  .map(([kind, pairs]) => `kind: ${kind}${pairs.map(([k, v]) => `\n${k}:${renderBlock(v, '  ')}`).join('')}`);

/** Collections nested past the loader's depth limit, in flow or block style. */
const deep: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 90, max: 400 }), fc.constantFrom('[', '{a: ', '- ', 'a:\n'))
  .map(([depth, open]) => {
    if (open === '[') return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    if (open === '{a: ') return `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    if (open === '- ') return `${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- `).join('\n')}x`;
    return `${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} x`;
  });

const separator = fc.constantFrom(
  '\n---\n',
  '\n...\n---\n',
  '\n--- |\n',
  '\n%YAML 1.2\n---\n',
  '\n%TAG ! tag:x,2000:\n---\n',
  '\n--- # c\n',
  '\n',
);

/** Several documents, with document markers and directives between them. */
export const yamlText: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(separator, fc.oneof({ weight: 3, arbitrary: document }, { weight: 3, arbitrary: planLike }, { weight: 1, arbitrary: deep })),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((parts) => parts.map(([sep, doc], i) => (i === 0 ? doc : sep + doc)).join(''));

/** Any JSON value as YAML (the path a JSON body's documents take when sent as YAML). */
export const jsonAsYaml: fc.Arbitrary<string> = anyJson.map((v) => stringify(v));

/** Text mutations: delete, duplicate or insert a slice, swap two lines, re-indent a line. Positions are taken modulo the current text. */
export function mutatedText(source: string): fc.Arbitrary<string> {
  const pos = fc.nat({ max: 1_000_000 });
  const inserted = fc.oneof(
    scalarText,
    fc.constantFrom(':', '-', '[', '{', '&a ', '*a', '!!binary ', '\t', '\n', '  ', '#', '"', "'", '---\n'),
  );
  const onLines = (f: (ls: string[], a: number, b: number) => void) => (s: string, a: number, b: number) => {
    const ls = s.split('\n');
    f(ls, a % ls.length, b % ls.length);
    return ls.join('\n');
  };
  const mutation: fc.Arbitrary<(s: string) => string> = fc.oneof(
    fc.tuple(pos, pos).map(([a, b]) => (s: string) => {
      const [x, y] = [a % (s.length + 1), b % (s.length + 1)].sort((p, q) => p - q) as [number, number];
      return s.slice(0, x) + s.slice(y);
    }),
    fc.tuple(pos, pos).map(([a, b]) => (s: string) => {
      const [x, y] = [a % (s.length + 1), b % (s.length + 1)].sort((p, q) => p - q) as [number, number];
      return s.slice(0, y) + s.slice(x, y) + s.slice(y);
    }),
    fc.tuple(pos, inserted).map(([a, text]) => (s: string) => {
      const x = a % (s.length + 1);
      return s.slice(0, x) + text + s.slice(x);
    }),
    fc.tuple(pos, pos).map(
      ([a, b]) =>
        (s: string) =>
          onLines((ls, x, y) => ([ls[x], ls[y]] = [ls[y]!, ls[x]!]))(s, a, b),
    ),
    fc.tuple(pos, fc.constantFrom('', ' ', '    ', '\t')).map(
      ([a, pad]) =>
        (s: string) =>
          onLines((ls, x) => (ls[x] = pad + ls[x]!.trimStart()))(s, a, 0),
    ),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => ms.reduce((s, m) => m(s), source));
}
