import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../../bench/generate-plan.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';
import { exportPlanYaml } from './export/yaml.ts';
import { loadPlanText, type LoadResult } from './load.ts';
import { readPlainYaml } from './plain-yaml.ts';

// A tab in a trailing comment changes no value or line, but sends the text down yaml's full path.
const viaYaml = (text: string): string => `${text}\n# \t\n`;

/** Findings, documents and the line of every pointer (and of pointers the source lacks) in a comparable form. */
function observe(result: LoadResult): unknown {
  return {
    findings: result.findings,
    tooComplex: result.tooComplex,
    documents: result.documents.map(({ doc, file, index, lineOf }) => {
      const lines: Record<string, number | undefined> = {};
      const visit = (value: unknown, pointer: string): void => {
        for (const p of [pointer, `${pointer}/missing`, `${pointer}/0`, `${pointer}/01`]) lines[p] = lineOf(p);
        if (value !== null && typeof value === 'object') {
          for (const [key, child] of Object.entries(value)) visit(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        }
      };
      visit(doc, '');
      return { doc, file, index, lines };
    }),
  };
}

function expectSameAsYaml(text: string, { plain = true } = {}): void {
  expect(readPlainYaml(text, 1000) !== undefined).toBe(plain);
  expect(observe(loadPlanText(text, 'plan.yaml'))).toEqual(observe(loadPlanText(viaYaml(text), 'plan.yaml')));
}

const exported = exportPlanYaml(cleanStrategy(), [cleanCampaign()]);

describe('readPlainYaml', () => {
  it('reads an exported plan as yaml does: values, lines, schema findings', () => {
    expectSameAsYaml(exported);
    const { strategy, campaigns } = generatePlan({ objectives: 20, campaigns: 5 });
    expectSameAsYaml(exportPlanYaml(strategy, campaigns));
  });

  it('gives the lines yaml gives for findings in a flawed plan', () => {
    const flawed = exported.replace(/^ {8}baseline: .*\n/gm, '').replace(/^kind: campaign$/m, 'kind: campaign\nbogus: 1');
    expectSameAsYaml(flawed);
    expect(loadPlanText(flawed).findings.length).toBeGreaterThan(0);
  });

  it('resolves plain scalars with the core schema, and reads quoted ones, as yaml does', () => {
    expectSameAsYaml(
      [
        'kind: campaign',
        'id: "007"',
        "name: 'it''s 1.0'",
        'a: 1',
        'b: -2.50',
        'c: 0x1F',
        'd: 0o17',
        'e: 1e3',
        'f: .inf',
        'g: -.Inf',
        'h: .nan',
        'i: ~',
        'j: null',
        'k: True',
        'l: FALSE',
        'm:',
        'n: 2027-01-01',
        'o: 12345678901234567890',
        'p: a:b, [c] {d}#e',
        'q: []',
        'r: {}',
        "s: ''",
        't: "ünïcødé ✓"',
        'u:   spaced   ',
        'v: +12',
        'w: -x',
      ].join('\n'),
    );
  });

  it('reads documents, comments and sequences as yaml does', () => {
    expectSameAsYaml('# header\n---\nkind: campaign\nid: a\n---\n# empty\n---\n\n---\nkind: campaign\nid: b\n---\n');
    expectSameAsYaml('kind: campaign\nid: before-the-marker\n---\nkind: strategy\n');
    expectSameAsYaml(
      [
        'kind: strategy',
        '# comment',
        'list:',
        '- at the key indentation',
        '-   extra spaces',
        'nested:',
        '  deeper:',
        '      - a: 1',
        '        b:',
        '          - x',
        '        # comment inside',
        '      -    c: []',
        '  after: end  ',
        '',
      ].join('\n'),
    );
  });

  it('reads one-line flow collections of plain words as yaml does', () => {
    expectSameAsYaml(
      [
        'kind: campaign',
        'a: [one, two words,  three ]',
        'b: { x: 1, y: 2027-01-01, z: true, w: ~ }',
        'c:',
        '  - [1, 0.5, -2]',
        '  - { id: k, name: Name with spaces }',
        '  - key: [x]',
        '    other: { k: v }',
      ].join('\n'),
    );
  });

  it('reads literal and folded block scalars as yaml does', () => {
    expectSameAsYaml(
      [
        'kind: campaign',
        'literal: |',
        '  line one',
        '  # not a comment',
        '',
        '  line three',
        'folded: >',
        '  joined',
        '  with a space',
        '',
        '',
        '  two blank lines above',
        'stripped: >-',
        '  no final newline',
        '',
        '# a comment after it',
        'literalStripped: |-',
        '  a',
        '  b',
        'nested:',
        '  - text: >-',
        '      inside an item',
        '      of a sequence',
        '    after: 1',
        'last: |',
        '  at the end',
        '',
        '',
      ].join('\n'),
    );
  });

  it('reads the hand-written examples on the fast path, as yaml does', () => {
    for (const name of ['strategy', 'campaign-event', 'campaign-product-launch']) {
      expectSameAsYaml(readFileSync(`examples/northwind/${name}.yaml`, 'utf8'));
    }
  });

  it('leaves every other form to yaml, with the same result', () => {
    const others = [
      'kind: campaign\ntags: [a, [b]]',
      'kind: campaign\ntags: [a, "b"]',
      'kind: campaign\ntags: [a, ]',
      'kind: campaign\ntags: [a, b] # comment',
      'kind: campaign\nx: { a: [b] }',
      'kind: campaign\nx: {a:1}',
      'kind: campaign\nx: { a: 1, a: 2 }',
      'kind: campaign\nx: { null: 1 }',
      'kind: campaign\nx: [a, b] c',
      'kind: campaign\nname: >+\n  keep\nid: x',
      'kind: campaign\nname: |2\n   indented',
      'kind: campaign\nname: >\n  folded\n    more indented\n  back',
      'kind: campaign\nname: >\n\n  after a blank line',
      'kind: campaign\nname: >\n  trailing space \n  next',
      'kind: campaign\nname: >\n  a\n  \n  whitespace-only line',
      'kind: campaign\nname: >\nid: empty',
      'kind: campaign\nname: > # comment\n  a',
      'kind: campaign\nname: a # comment',
      'kind: campaign\nname: multi\n  line',
      'kind: campaign\nname: "esc\\u0041"',
      'kind: campaign\nname: &x a\nid: *x',
      'kind: campaign\nname: !!str 1',
      'kind: campaign\nkind: strategy',
      '"kind": campaign',
      'kind: campaign\nnull: 1',
      'kind: campaign\n__proto__: 1',
      'kind: campaign\nx:\n  -\n  - - a',
      'kind: campaign\nx:\n    a: 1\n  b: 2',
      'kind: campaign\nx: a: b',
      'kind: campaign\nx: @a',
      'kind:campaign',
      '  kind: campaign',
      '- kind: campaign',
      '{"kind": "campaign"}',
      'kind: campaign\n...\n',
      '%YAML 1.2\n---\nkind: campaign',
      '--- kind: campaign',
      'kind: campaign\r\nid: crlf',
      '',
      '# only a comment',
    ];
    for (const text of others) {
      try {
        expectSameAsYaml(text, { plain: false });
      } catch (e) {
        throw new Error(`${JSON.stringify(text)}: ${e}`);
      }
    }
  });

  it('agrees with yaml on mutated plans, line by line', () => {
    // Deterministic mutations of an exported plan: lines dropped, duplicated, re-indented or cut.
    let seed = 13;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const sources = [exported, readFileSync('examples/northwind/strategy.yaml', 'utf8')].map((text) => text.split('\n'));
    let read = 0;
    for (let round = 0; round < 1000; round++) {
      const copy = [...sources[round % 2]!];
      for (let k = 0; k <= random(3); k++) {
        const at = random(copy.length);
        const line = copy[at]!;
        switch (random(5)) {
          case 0:
            copy.splice(at, 1);
            break;
          case 1:
            copy.splice(at, 0, line);
            break;
          case 2:
            copy[at] = ` ${line}`;
            break;
          case 3:
            copy[at] = line.slice(1);
            break;
          default:
            copy[at] = line.slice(0, random(line.length + 1));
        }
      }
      const text = copy.join('\n');
      // What the reader leaves alone goes down yaml's path anyway.
      if (readPlainYaml(text, 1000) === undefined) continue;
      read++;
      expect(observe(loadPlanText(text)), text).toEqual(observe(loadPlanText(viaYaml(text))));
    }
    expect(read).toBeGreaterThan(100);
  });
});
