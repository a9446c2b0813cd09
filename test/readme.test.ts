/** The README is part of the product: its example must lint clean and its tables must match the code. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { RESPONSE_MEASURES } from '../src/measure/dashboards/response-metric.ts';
import { FORMULAS } from '../src/measure/formulas.ts';
import { lintText } from '../src/plan/lint.ts';
import { MANUAL_METRIC, MANUAL_METRIC_DEFINITION, METRICS } from '../src/plan/metrics.ts';
import { allRules } from '../src/plan/rules/index.ts';
import { can, PERMISSIONS, ROLES, type Permission } from '../src/workspace/policy.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('shows the two set-up commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it('has a plan-as-code example that lints with no findings', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const result = lintText(yaml!, 'README.md');
    expect(result.findings).toEqual([]);
  });

  it('lists every rule with its current severity', () => {
    for (const rule of allRules) expect(readme).toMatch(new RegExp(`\\| \`${rule.id}\` \\| ${rule.target} \\| ${rule.severity} \\|`));
  });

  it('has the metric catalogue as its table, row for row', () => {
    const expected = [
      ...METRICS.map(
        (m) =>
          `| \`${m.id}\` | ${m.label} | ${m.unit} | ${m.needsChannel ? 'yes' : 'no'} | ${m.higherIsBetter ? 'higher' : 'lower'} | ${m.definition} |`,
      ),
      `| \`${MANUAL_METRIC}\` | Manual | — | no | — | ${MANUAL_METRIC_DEFINITION} |`,
    ];
    expect(tableAfter('| metric | label | unit | needs a channel | better | definition |')).toEqual(expected);
  });

  it('lists every metric formula with what it computes and its unit', () => {
    expect(tableAfter('| formula | computes | unit |')).toEqual(
      FORMULAS.map((f) => `| ${f.name} (\`${f.fn}\`) | ${f.formula} | ${f.unit} |`),
    );
  });

  it('says how each campaign response goal is counted, as the dashboards count it', () => {
    const words: Record<string, string> = {
      conversions: 'conversions attributed',
      link_clicks: 'clicks on the campaign',
      none: 'not counted',
    };
    for (const [goal, measure] of Object.entries(RESPONSE_MEASURES)) {
      const row = readme.split('\n').find((line) => /^\s*\| `/.test(line) && line.split('|')[1]!.includes(`\`${goal}\``));
      expect(row, goal).toBeDefined();
      expect(row!.split('|')[2], goal).toContain(words[measure ?? 'none'] ?? `a wording for ${measure}`);
    }
  });

  it('lists every permission of the policy table', () => {
    for (const p of Object.keys(PERMISSIONS)) expect(readme).toContain(`(\`${p}\`)`);
  });

  it('shows each role with exactly the permissions the policy grants it', () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) {
      const row = readme.split('\n').find((line) => line.includes(`(\`${p}\`) |`));
      const marks = row
        ?.split('|')
        .slice(2, 2 + ROLES.length)
        .map((cell) => cell.trim() === '✓');
      expect([p, marks]).toEqual([p, ROLES.map((role) => can(role, p))]);
    }
  });

  it('documents the mail settings', () => {
    expect(readme).toMatch(/\| `SMTP_URL` \| — \|/);
    expect(readme).toMatch(/\| `MAIL_FROM` \| `Groundwork <no-reply@<PUBLIC_URL host>>` \|/);
  });

  it('documents the public lint rate limit with its defaults', () => {
    const { maxPerIp, windowSeconds } = loadConfig({}).lintRateLimit;
    expect(readme).toContain(`| \`LINT_RATE_MAX_PER_IP\`, \`LINT_RATE_WINDOW_SECONDS\` | \`${maxPerIp}\`, \`${windowSeconds}\` |`);
  });
});

/** The rows of the Markdown table with this header line (after its `| --- |` line). */
function tableAfter(header: string): string[] {
  const lines = readme.split('\n');
  const at = lines.indexOf(header);
  expect(at, header).toBeGreaterThanOrEqual(0);
  const rows: string[] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}
