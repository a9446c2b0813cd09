import { describe, expect, it } from 'vitest';
import { exportPlanYaml } from './export/yaml.ts';
import { stringify } from 'yaml';
import {
  isNestedDeeperThan,
  loadPlanText,
  loadPlanValues,
  MAX_DOCUMENTS,
  MAX_FINDINGS_PER_DOCUMENT,
  MAX_FINDINGS_PER_TEXT,
  MAX_NESTING_DEPTH,
  MAX_PLAN_BYTES,
  parsePointer,
  pointerFromPath,
} from './load.ts';
import { findingSchema } from './schema.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';

const CAMPAIGN = `kind: campaign
id: spring
strategy: acme-2027
name: Spring push
type: event
start: 2027-07-01
end: 2027-08-31
`;

const STRATEGY = `# a comment
kind: strategy
id: acme-2027
name: Acme
organisation: Acme Bakery
period: { start: 2027-01-01, end: 2027-12-31 }
channels:
  - id: instagram
    platform: instagram
  - id: bsky
    platform: bluesky
objectives:
  - id: grow
    area: awareness
    statement: Grow
    kpis:
      - id: followers
        metric: Followers
        kind: reach
      - id: mentions
        metric: Mentions
        kind: brand
`;

/** Every load result must be well-formed, whatever the input. */
function expectWellFormed(result: ReturnType<typeof loadPlanText>): void {
  for (const f of result.findings) expect(findingSchema.safeParse(f).success).toBe(true);
}

describe('loadPlanText: valid input', () => {
  it('loads one YAML document with defaults applied and schema key order', () => {
    const { documents, findings } = loadPlanText(STRATEGY, 'plan.yaml');
    expect(findings).toEqual([]);
    expect(documents).toHaveLength(1);
    const [d] = documents;
    expect(d!.file).toBe('plan.yaml');
    expect(d!.index).toBe(0);
    expect(d!.doc.kind).toBe('strategy');
    if (d!.doc.kind !== 'strategy') return;
    expect(d!.doc.period.start).toBe('2027-01-01'); // YAML 1.2: a date stays a string
    expect(d!.doc.settings.campaignLeadMonths).toBe(6);
    expect(Object.keys(d!.doc).slice(0, 3)).toEqual(['kind', 'id', 'name']);
  });

  it('loads several documents separated by ---, skipping empty ones but counting them', () => {
    const text = `${STRATEGY}---\n# nothing here\n---\n${CAMPAIGN}---\n`;
    const { documents, findings } = loadPlanText(text);
    expect(findings).toEqual([]);
    expect(documents.map((d) => [d.doc.kind, d.index])).toEqual([
      ['strategy', 0],
      ['campaign', 2],
    ]);
    expect(documents[0]!.file).toBeUndefined();
  });

  it('loads JSON, also tab-indented, with lines', () => {
    const json = JSON.stringify(
      { kind: 'campaign', id: 'c1', name: 'C', type: 'event', start: '2027-07-01', end: '2027-08-01', channels: ['x'] },
      null,
      '\t',
    );
    const { documents, findings } = loadPlanText(json, 'c.json');
    expect(findings).toEqual([]);
    expect(documents[0]!.doc.id).toBe('c1');
    expect(documents[0]!.lineOf('/channels/0')).toBe(9);
  });

  it('strips a byte-order mark', () => {
    expect(loadPlanText(`\uFEFF${CAMPAIGN}`).documents).toHaveLength(1);
  });

  it('loads what exportPlanYaml writes', () => {
    const text = exportPlanYaml(cleanStrategy(), [cleanCampaign()]);
    const { documents, findings } = loadPlanText(text);
    expect(findings).toEqual([]);
    expect(documents.map((d) => d.doc)).toEqual([cleanStrategy(), cleanCampaign()]);
  });
});

describe('lineOf', () => {
  const [d] = loadPlanText(STRATEGY).documents;

  it('maps JSON pointers to 1-based lines', () => {
    expect(d!.lineOf('')).toBe(2);
    expect(d!.lineOf('/id')).toBe(3);
    expect(d!.lineOf('/period/end')).toBe(6);
    expect(d!.lineOf('/channels/1')).toBe(10);
    expect(d!.lineOf('/channels/1/platform')).toBe(11);
    expect(d!.lineOf('/objectives/0/kpis/1')).toBe(20);
    expect(d!.lineOf('/objectives/0/kpis/1/kind')).toBe(22);
  });

  it('falls back to the nearest existing ancestor for fields that are not in the source', () => {
    expect(d!.lineOf('/objectives/0/kpis/1/baseline')).toBe(20);
    expect(d!.lineOf('/channels/7')).toBe(7);
    expect(d!.lineOf('/settings/minutesPerPost')).toBe(2);
    expect(d!.lineOf('/id/deeper')).toBe(3);
    expect(d!.lineOf('/channels/x')).toBe(7);
  });

  it('handles escaped pointer segments', () => {
    expect(parsePointer('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(pointerFromPath(['a/b', 0, 'c~d'])).toBe('/a~1b/0/c~0d');
    expect(parsePointer('')).toEqual([]);
  });
});

describe('loadPlanText: problems become schema findings', () => {
  it('reports YAML syntax errors with their line', () => {
    const { documents, findings } = loadPlanText('kind: campaign\nid: x\nname: [oops\n', 'bad.yaml');
    expect(documents).toEqual([]);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ rule: 'schema', severity: 'error', file: 'bad.yaml', path: '' });
    expect(findings.every((f) => typeof f.line === 'number' && f.line >= 3)).toBe(true);
    expect(findings[0]!.message).toMatch(/^YAML: /);
  });

  it('reports duplicate keys', () => {
    const { findings } = loadPlanText('kind: campaign\nid: a\nid: b\n');
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', line: 3, message: expect.stringMatching(/unique/) })]);
  });

  it('keeps valid documents of a stream when one is broken', () => {
    const { documents, findings } = loadPlanText(`${CAMPAIGN}---\nkind: [\n---\n${CAMPAIGN.replace('spring', 'autumn')}`);
    expect(documents.map((d) => d.doc.id)).toEqual(['spring', 'autumn']);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.line! >= 9 && f.line! <= 11)).toBe(true);
  });

  it('explains enum errors with the allowed values, at the field line', () => {
    const text = STRATEGY.replace('platform: bluesky', 'platform: myspace');
    const { documents, findings } = loadPlanText(text, 'p.yaml');
    expect(documents).toEqual([]);
    expect(findings).toEqual([
      {
        rule: 'schema',
        severity: 'error',
        file: 'p.yaml',
        path: '/channels/1/platform',
        document: 'acme-2027',
        line: 11,
        message:
          'must be one of bluesky, mastodon, x, linkedin, instagram, facebook, threads, youtube, tiktok, pinterest, blog, newsletter, other (got "myspace")',
      },
    ]);
  });

  it('reports unknown fields by name, at their line', () => {
    const { findings } = loadPlanText(`${CAMPAIGN}budjet: 100\n`);
    expect(findings).toEqual([
      expect.objectContaining({ path: '/budjet', message: 'unknown field "budjet"', line: 8, document: 'spring' }),
    ]);
  });

  it('reports missing fields at the line of their parent', () => {
    const { findings } = loadPlanText(STRATEGY.replace('        metric: Mentions\n', ''));
    expect(findings).toEqual([
      expect.objectContaining({ path: '/objectives/0/kpis/1/metric', message: 'missing required field "metric"', line: 20 }),
    ]);
  });

  it('explains types, ranges, formats and empty text', () => {
    const text = `${CAMPAIGN.replace('end: 2027-08-31', 'end: 2027-02-30').replace('name: Spring push', 'name: "  "')}channels: [3]\nbudget: { amount: -5, currency: eur }\n`;
    const messages = Object.fromEntries(loadPlanText(text).findings.map((f) => [f.path, f.message]));
    expect(messages).toEqual({
      '/name': 'must not be empty',
      '/end': 'must be a date written YYYY-MM-DD',
      '/channels/0': 'must be text, not a number (3)',
      '/budget/amount': 'must be at least 0',
      '/budget/currency': 'must be an ISO 4217 code such as EUR or USD',
    });
  });

  it('explains a missing or unknown kind', () => {
    const missing = loadPlanText('id: x\norganisation: Y\n').findings;
    expect(missing).toEqual([expect.objectContaining({ path: '/kind', document: 'x', line: 1 })]);
    expect(missing[0]!.message).toMatch(/missing field "kind".*strategy.*campaign.*looks like a strategy/);
    const unknown = loadPlanText('kind: campain\nid: x\n').findings;
    expect(unknown).toEqual([
      expect.objectContaining({ path: '/kind', line: 1, message: 'unknown kind "campain": must be "strategy" or "campaign"' }),
    ]);
  });

  it('refuses documents that are not mappings', () => {
    for (const text of ['- a\n- b\n', 'just text\n', '42\n']) {
      const { documents, findings } = loadPlanText(text);
      expect(documents).toEqual([]);
      expect(findings).toEqual([
        expect.objectContaining({ rule: 'schema', path: '', message: expect.stringMatching(/must be a mapping/) }),
      ]);
    }
  });

  it('skips empty input and empty documents', () => {
    for (const text of ['', '\n\n', '# only a comment\n', '---\n---\n', '~\n']) {
      expect(loadPlanText(text)).toEqual({ documents: [], findings: [] });
    }
  });
});

describe('loadPlanText: hostile input never throws', () => {
  it('caps alias expansion (billion laughs)', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    // Expanded, this is 9⁹ strings: refused before expansion, it returns at once (the test's timeout is the guard).
    const { documents, findings } = loadPlanText(lines.join('\n'));
    expect(documents).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', message: expect.stringMatching(/alias/i) })]);
  });

  it('refuses an alias inside its own anchor (a recursive structure walked forever until memory ran out)', () => {
    const cases: [string, number][] = [
      ['kind: strategy\nid: x\nnotes: &c {again: *c}', 3],
      ['kind: campaign\nid: &c [*c]', 2],
    ];
    for (const [text, line] of cases) {
      const { documents, findings } = loadPlanText(text);
      expect(documents).toEqual([]);
      expect(findings).toEqual([expect.objectContaining({ rule: 'schema', line, message: expect.stringMatching(/recursive/) })]);
    }
    // Shared, not recursive: several aliases of one anchor are fine.
    const shared = loadPlanText('kind: strategy\nx: &a [1, 2]\ny: [*a, *a]');
    expect(shared.findings.map((f) => f.message)).not.toContainEqual(expect.stringMatching(/recursive/));
  });

  it('refuses JSON values nested deeper than MAX_NESTING_DEPTH, as it refuses such YAML', () => {
    const nest = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nest(depth - 1) });
    expect(isNestedDeeperThan(nest(MAX_NESTING_DEPTH), MAX_NESTING_DEPTH)).toBe(false);
    expect(isNestedDeeperThan(nest(MAX_NESTING_DEPTH + 1), MAX_NESTING_DEPTH)).toBe(true);
    expect(isNestedDeeperThan([[[]]], 2)).toBe(true);
    const { documents, findings } = loadPlanValues([cleanStrategy(), { kind: 'campaign', notes: nest(MAX_NESTING_DEPTH) }]);
    expect(documents).toEqual([]);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'schema', message: `collections are nested more than ${MAX_NESTING_DEPTH} levels deep` }),
    ]);
  });

  it('refuses text over the size cap', () => {
    const { documents, findings } = loadPlanText('a'.repeat(MAX_PLAN_BYTES + 1));
    expect(documents).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'schema', message: expect.stringMatching(/too large/) })]);
    // Multi-byte characters count as bytes.
    expect(loadPlanText('é'.repeat(MAX_PLAN_BYTES / 2 + 1)).findings[0]!.message).toMatch(/too large/);
  });

  it('refuses more than MAX_DOCUMENTS documents before composing them (a body of `---` took 20 s)', () => {
    const flood = loadPlanText('---\n'.repeat(450_000));
    expect(flood).toEqual({
      documents: [],
      tooComplex: true,
      findings: [expect.objectContaining({ rule: 'schema', message: expect.stringMatching(/more than 1000 documents/) })],
    });
    expect(loadPlanValues(Array(MAX_DOCUMENTS + 1).fill({})).tooComplex).toBe(true);
    // The limit itself is fine.
    expect(loadPlanText('---\n'.repeat(MAX_DOCUMENTS)).tooComplex).toBeUndefined();
    expect(loadPlanValues(Array(MAX_DOCUMENTS).fill(null)).tooComplex).toBeUndefined();
  });

  it('refuses deep nesting before the recursive composer sees it', () => {
    for (const text of [
      '['.repeat(100_000),
      '{"a":'.repeat(50_000),
      `x:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2 + 2)}k:`).join('\n')} 1\n`,
    ]) {
      const { documents, findings } = loadPlanText(text);
      expect(documents).toEqual([]);
      expect(findings.some((f) => f.rule === 'schema' && /nested more than/.test(f.message))).toBe(true);
    }
    // Nesting within the limit is fine.
    const ok = `${'['.repeat(MAX_NESTING_DEPTH - 1)}1${']'.repeat(MAX_NESTING_DEPTH - 1)}`;
    expect(loadPlanText(ok).findings[0]!.message).toMatch(/must be a mapping/);
  });

  it('does not mistake legitimately nested YAML for deep nesting (property)', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // One deep spine with a few shallow siblings per level (not a full tree: that would be 3^depth nodes).
    const build = (depth: number): unknown => {
      if (depth === 0) return rand() < 0.5 ? 'x [y' : 3;
      const children = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) =>
        i === 0 ? build(depth - 1) : rand() < 0.5 ? ['a', 'b{'] : { a: 1 },
      );
      return rand() < 0.5 ? children : Object.fromEntries(children.map((c, i) => [`k${i}`, c]));
    };
    for (let i = 0; i < 60; i++) {
      const value = build(1 + Math.floor(rand() * 40));
      for (const text of [
        stringify(value),
        stringify(value, { collectionStyle: 'flow' }),
        stringify(value, { indentSeq: false }),
        JSON.stringify(value, null, 1),
      ]) {
        const { findings } = loadPlanText(text);
        expect(findings.map((f) => f.message).join()).not.toMatch(/nested more than/);
      }
    }
  });

  it('summarises floods of schema findings', () => {
    // Within MAX_DOCUMENTS: 200 documents of 7 problems each (over MAX_FINDINGS_PER_TEXT).
    const { findings } = loadPlanText('---\nkind: campaign\nid: 1\nname: 2\nstrategy: 3\nchannels: 4\nstart: 5\nend: 6\n'.repeat(200));
    expect(findings).toHaveLength(MAX_FINDINGS_PER_TEXT + 1);
    expect(findings.at(-1)!.message).toMatch(/more schema problems not shown/);
    const many = loadPlanText(`${CAMPAIGN}channels: [${Array(200).fill('1').join(', ')}]\n`).findings;
    expect(many).toHaveLength(MAX_FINDINGS_PER_DOCUMENT + 1);
    expect(many.at(-1)!.message).toBe('… and 150 more schema problems in this document');
  });

  // 100,000 keys: a quadratic search (5·10⁹ comparisons) would blow the 60 s timeout many times over; a linear
  // one takes about a second. No wall-clock assertion: a loaded machine would make it flaky (bench:lint times loading).
  it('finds duplicate keys among 100,000 (in linear time)', { timeout: 60_000 }, () => {
    const text = `kind: campaign\n${Array.from({ length: 100_000 }, (_, i) => `k${i}: 1`).join('\n')}\nk5: 2\n`;
    const { findings } = loadPlanText(text);
    expect(findings).toEqual([expect.objectContaining({ message: 'YAML: duplicate key "k5" (map keys must be unique)', line: 100_002 })]);
  });

  it('handles huge strings', () => {
    const text = CAMPAIGN.replace('name: Spring push', `name: ${'x'.repeat(1_000_000)}`);
    const { findings } = loadPlanText(text);
    expect(findings).toEqual([expect.objectContaining({ path: '/name', message: 'must be at most 200 characters' })]);
  });

  it('survives random bytes and mutated plans (fuzz)', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      '[',
      ']',
      '{',
      '}',
      ':',
      '-',
      ' ',
      '\n',
      '\t',
      '"',
      "'",
      '&a',
      '*a',
      '!!',
      '#',
      '---',
      '|',
      '>',
      '%',
      '@',
      '`',
      ',',
      '?',
      '\u0000',
      '\uFFFF',
      '😀',
      'kind',
      'campaign',
      'id',
    ];
    const base = exportPlanYaml(cleanStrategy(), [cleanCampaign()]);
    for (let i = 0; i < 300; i++) {
      let text: string;
      if (i % 3 === 0) {
        text = Array.from({ length: Math.floor(rand() * 400) }, () => String.fromCharCode(Math.floor(rand() * 0xffff))).join('');
      } else if (i % 3 === 1) {
        text = Array.from({ length: Math.floor(rand() * 200) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      } else {
        const chars = base.split('');
        for (let k = 0; k < 5; k++)
          chars.splice(Math.floor(rand() * chars.length), Math.floor(rand() * 3), alphabet[Math.floor(rand() * alphabet.length)]!);
        text = chars.join('');
      }
      const result = loadPlanText(text, 'fuzz.yaml');
      expectWellFormed(result);
      for (const d of result.documents) expect(typeof d.lineOf('/a/0/b')).toBe('number');
    }
  });

  it('never throws on non-string input', () => {
    expect(loadPlanText(undefined as unknown as string).findings).toHaveLength(1);
  });
});
