import { describe, expect, it } from 'vitest';
import type { Finding } from '../schema.ts';
import { cleanCampaign, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { cell, exportPlanMarkdown } from './markdown.ts';
import { num } from './wording.ts';

describe('exportPlanMarkdown', () => {
  const strategy = cleanStrategy();
  const campaign = cleanCampaign();
  const md = exportPlanMarkdown(strategy, [campaign]);

  it('has the title, organisation, period and every section in order', () => {
    expect(md.startsWith(`# ${strategy.name}\n`)).toBe(true);
    expect(md).toContain('**Organisation:** Acme Bakery');
    expect(md).toContain('**Period:** 2027-01-01 – 2027-12-31');
    const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual([
      'Summary',
      'Integration',
      'Audience',
      'Channels',
      'Content pillars',
      'Objectives',
      'KPIs',
      'Resources',
      'Campaigns',
    ]);
    expect(md).toContain('**Marketing plan:** Acme marketing plan 2027, chapter 4 (digital)');
  });

  it('lists personas with their pain points', () => {
    expect(md).toContain('### Home baker (`home-baker`)');
    expect(md).toContain('- Sourdough fails and nobody explains why');
  });

  it('has a channels table with platform, handle, purpose, cadence, owner and baseline', () => {
    expect(md).toContain('| Channel | Platform | Handle | Purpose | Posts/week | Owner | Baseline followers |');
    expect(md).toContain('| instagram | instagram | @acmebakery | Show the craft behind the bread | 4 | Ana Silva | 800 (4% engagement) |');
    expect(md).toContain('| newsletter | newsletter | — | Monthly recipes and news for regulars | 0.25 | Ana Silva | 1,200 |');
  });

  it('has pillars, objectives with strategies and tactics, and a KPI table', () => {
    expect(md).toContain('| Offers and launches (`offers`) | 15% | yes |');
    expect(md).toContain('### 1. Become the bakery home bakers in the region follow for advice');
    expect(md).toContain('- **Strategy:** Teach, do not sell\n  - Tactic: Weekly sourdough troubleshooting reel (instagram)');
    expect(md).toContain('| Metric | Objective | Channel | Baseline | Target | Due | Kind |');
    expect(md).toContain('| Instagram followers (`ig-followers`) | grow-awareness | instagram | 800 | 2,500 | 2027-12-31 | reach |');
  });

  it('has resources: people with hours, budget and tools', () => {
    expect(md).toContain('| Ana Silva (`ana`) | Social media lead | 6 |');
    expect(md).toContain('| **Total** |   | **8** |');
    expect(md).toContain('**Budget:** 12,000 EUR');
    expect(md).toContain('**Tools:** Buffer');
  });

  it('describes campaigns with dates, type, response goal, budget, revenue, ROI, phases and tasks', () => {
    expect(md).toContain('### Summer rye launch (`summer-launch`)');
    expect(md).toContain('- **Dates:** 2027-07-01 – 2027-08-31');
    expect(md).toContain('- **Type:** product launch');
    expect(md).toContain('- **Response goal:** 300 loaves (sales)');
    expect(md).toContain('- **Budget:** 3,000 EUR');
    expect(md).toContain('- **Expected revenue:** 7,500 EUR');
    expect(md).toContain('- **Projected ROI:** +150% ((revenue − cost) / cost)');
    expect(md).toContain('#### Teaser (2027-07-01 – 2027-07-14)');
    expect(md).toContain('| Brief two baking influencers | Ana Silva | 2027-06-20 |');
  });

  it('says n/a for ROI without budget or revenue, and sorts campaigns by start', () => {
    const out = exportPlanMarkdown(strategy, [
      cleanCampaign({ id: 'later', name: 'Later', start: '2027-09-01' }),
      cleanCampaign({ id: 'free', name: 'Free', budget: undefined }),
    ]);
    expect(out).toContain('- **Projected ROI:** n/a');
    expect(out.indexOf('### Free')).toBeLessThan(out.indexOf('### Later'));
  });

  it('escapes pipes and line breaks in table cells', () => {
    const s = cleanStrategy();
    s.channels[0]!.purpose = 'Reels | stories\nand lives';
    const out = exportPlanMarkdown(s, []);
    expect(out).toContain('| Reels \\| stories<br>and lives |');
    expect(cell('a|b\\c')).toBe('a\\|b\\\\c');
    expect(cell('')).toBe(' ');
  });

  it('keeps headings on one line', () => {
    const out = exportPlanMarkdown(cleanStrategy({ name: '# Sneaky\nheading' }), []);
    expect(out.startsWith('# Sneaky heading\n')).toBe(true);
  });

  it('adds the findings when given', () => {
    const findings: Finding[] = [
      { rule: 'kpi-incomplete', severity: 'error', message: 'KPI has no | baseline', path: '/objectives/0/kpis/0', document: 'acme-2027' },
      { rule: 'campaign-no-support', severity: 'warning', message: 'No support', path: '', document: 'summer-launch' },
    ];
    const out = exportPlanMarkdown(strategy, [campaign], findings);
    expect(out).toContain('- Plan check: 1 error, 1 warning (see Findings)');
    expect(out).toContain('## Findings');
    expect(out).toContain('| error | `kpi-incomplete` | acme-2027 | `/objectives/0/kpis/0` | KPI has no \\| baseline |');
    expect(exportPlanMarkdown(strategy, [campaign], [])).toContain('- Plan check: 0 errors, 0 warnings\n');
  });

  it('is deterministic and ends with one newline', () => {
    expect(exportPlanMarkdown(strategy, [campaign])).toBe(md);
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
    expect(md).not.toMatch(/\n{3}/);
  });
});

describe('num', () => {
  it('groups thousands without depending on the locale', () => {
    expect(num(12000)).toBe('12,000');
    expect(num(1234567.891)).toBe('1,234,567.89');
    expect(num(0.25)).toBe('0.25');
    expect(num(-1500)).toBe('−1,500');
    expect(num(0)).toBe('0');
  });
});
