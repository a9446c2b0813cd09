/** The README is part of the product: its example must lint clean and its tables must match the code. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { lintText } from '../src/plan/lint.ts';
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

  it('lists every permission of the policy table', () => {
    for (const p of Object.keys(PERMISSIONS)) expect(readme).toContain(`(\`${p}\`)`);
  });

  it('shows each role with exactly the permissions the policy grants it', () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) {
      const row = readme.split('\n').find((line) => line.includes(`(\`${p}\`) |`));
      const marks = row?.split('|').slice(2, 2 + ROLES.length).map((cell) => cell.trim() === '✓');
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
