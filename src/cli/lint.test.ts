/** End-to-end: the real launcher (`node bin/groundwork.js lint …`) against temporary files. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportPlanYaml } from '../plan/export/yaml.ts';
import { findingSchema, lintResultSchema } from '../plan/schema.ts';
import { cliFolder } from '../../test/cli.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';
import { formatText } from './lint.ts';

const { dir, write, groundwork } = cliFolder('gw-lint-');

write('clean/plan.yaml', exportPlanYaml(cleanStrategy(), [cleanCampaign()]));
// A campaign on a channel its strategy does not have: campaign-channel-outside-strategy (error) at /channels/1.
const flawed = write('flawed/plan.yaml', exportPlanYaml(cleanStrategy(), [cleanCampaign({ channels: ['instagram', 'tiktok'] })]));
const broken = write('broken.yaml', 'kind: campaign\nid: x\nname: [unclosed\ntype: event\n');
write('invalid.yaml', 'kind: campaign\nid: x\nname: X\ntype: party\nstart: 2027-07-01\nend: 2027-08-01\n');

describe('groundwork lint on the shipped examples', () => {
  const examples = fileURLToPath(new URL('../../examples', import.meta.url));

  it('exits 0 with no findings on examples/ (the flawed plan is ignored there)', async () => {
    const r = await groundwork(['lint', examples, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).summary).toEqual({ errors: 0, warnings: 0 });
  });

  it('exits 1 on the flawed example, naming each rule at its JSON pointer', async () => {
    const r = await groundwork(['lint', path.join(examples, 'flawed'), '--format', 'json']);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.stdout).findings.map((f: { rule: string; path: string }) => `${f.rule} ${f.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'campaign-channel-outside-strategy /channels/2',
        'campaign-audience-outside-strategy /audience/1',
        'campaign-outside-strategy-period /end',
        'campaign-no-response-goal /response',
        'campaign-too-long /end',
        'campaign-base-not-ready /channels/0',
        'campaign-no-owner /owner',
      ]),
    );
  });
});

describe('groundwork lint', () => {
  it('exits 0 on a clean file and says so', async () => {
    const r = await groundwork(['lint', 'clean/plan.yaml']);
    expect(r).toEqual({ code: 0, stdout: '✔ no problems (1 file, 2 documents)\n', stderr: '' });
  });

  it('exits 1 on rule errors, with JSON pointers and lines', async () => {
    const r = await groundwork(['lint', flawed, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = lintResultSchema.parse(JSON.parse(r.stdout));
    expect(out.findings).toContainEqual({
      rule: 'campaign-channel-outside-strategy',
      severity: 'error',
      message: expect.any(String),
      file: flawed,
      path: '/channels/1',
      document: 'summer-launch',
      line: expect.any(Number),
    });
    expect(out.summary.errors).toBeGreaterThan(0);
  });

  it('prints eslint-like text without color when stdout is not a terminal', async () => {
    const r = await groundwork(['lint', 'flawed']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(path.join('flawed', 'plan.yaml'));
    expect(r.stdout).toMatch(/^ {2}\d+:0 {2}error {2}Channel "tiktok" .* {2}campaign-channel-outside-strategy$/m);
    expect(r.stdout).toMatch(/^✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)$/m);
    expect(r.stdout).not.toContain('\u001b[');
    const colored = await groundwork(['lint', 'flawed'], { FORCE_COLOR: '1' });
    expect(colored.stdout).toContain('\u001b[31m');
  });

  it('exits 2 on broken YAML, with the line', async () => {
    const r = await groundwork(['lint', broken, '--format', 'json']);
    expect(r.code).toBe(2);
    const { findings } = JSON.parse(r.stdout) as { findings: unknown[] };
    expect(findings[0]).toMatchObject({ rule: 'schema', severity: 'error', file: broken, line: expect.any(Number) });
    expect((findings[0] as { line: number }).line).toBeGreaterThanOrEqual(3);
    const text = await groundwork(['lint', 'broken.yaml']);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/^ {2}[34]:0 {2}error {2}YAML: .* {2}schema$/m);
    expect(text.stderr).toBe('');
  });

  it('exits 2 on a schema violation, naming the field', async () => {
    const r = await groundwork(['lint', 'invalid.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('  4:0  error  /type: must be one of product-launch, event, service-promotion, other (got "party")  schema');
  });

  it('exits 2 on a missing file, and still lints the others', async () => {
    const r = await groundwork(['lint', 'nope.yaml', 'clean', '--format', 'json']);
    expect(r.code).toBe(2);
    const { findings, summary } = JSON.parse(r.stdout) as { findings: unknown[]; summary: unknown };
    expect(findings).toEqual([
      { rule: 'schema', severity: 'error', message: 'cannot read nope.yaml: no such file or directory', file: 'nope.yaml', path: '' },
    ]);
    expect(summary).toEqual({ errors: 1, warnings: 0 });
  });

  it('writes exactly { findings, summary } as JSON', async () => {
    const r = await groundwork(['lint', '--format', 'json', 'flawed', 'clean']);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['findings', 'summary']);
    expect(Object.keys(out.summary as object)).toEqual(['errors', 'warnings']);
    for (const f of out.findings as object[]) {
      expect(findingSchema.strict().parse(f)).toEqual(f);
      expect(Object.keys(f)).toEqual(['rule', 'severity', 'message', 'file', 'path', 'document', 'line']);
    }
  });

  it('applies --config: a rule turned off no longer fails the run', async () => {
    const config = write('lint.yaml', 'rules:\n  campaign-channel-outside-strategy: off\n  campaign-no-support: error\n');
    const r = await groundwork(['lint', 'flawed', '--config', config, '--format', 'json']);
    const { findings } = JSON.parse(r.stdout) as { findings: { rule: string }[] };
    expect(findings.map((f) => f.rule)).not.toContain('campaign-channel-outside-strategy');
    expect(r.code).toBe(0);
  });

  it('exits 2 with a clear message on a bad config', async () => {
    const typo = write('typo.yaml', 'rules:\n  campaign-no-suport: off\n');
    const r = await groundwork(['lint', 'clean', '-c', typo]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('groundwork lint: Unknown rule "campaign-no-suport" in the lint config; did you mean "campaign-no-support"?.\n');
    const missing = await groundwork(['lint', 'clean', '-c', 'nope.yaml']);
    expect(missing).toMatchObject({ code: 2, stderr: 'groundwork lint: cannot read config nope.yaml: no such file or directory\n' });
  });

  it('exits 2 on usage errors, without a stack trace', async () => {
    const r = await groundwork(['lint', '--format', 'xml', 'clean']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'xml' is invalid/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await groundwork(['lint'])).code).toBe(2);
    expect((await groundwork(['lint', path.join(dir, 'empty-dir-that-is-missing')])).code).toBe(2);
  });
});

describe('formatText', () => {
  it('groups by file and aligns columns', () => {
    const out = formatText({
      findings: [
        { rule: 'r1', severity: 'error', message: 'first', file: 'a.yaml', path: '/x', line: 3 },
        { rule: 'schema', severity: 'warning', message: 'must be text', file: 'a.yaml', path: '/y/0', line: 12 },
        { rule: 'r2', severity: 'error', message: 'other', path: '' },
      ],
      summary: { errors: 2, warnings: 1 },
    });
    expect(out).toBe(
      'a.yaml\n' +
        '   3:0  error    first  r1\n' +
        '  12:0  warning  /y/0: must be text  schema\n' +
        '\n' +
        '<input>\n' +
        '  0:0  error  other  r2\n' +
        '\n' +
        '✖ 3 problems (2 errors, 1 warning)\n',
    );
  });
});
