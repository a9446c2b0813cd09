/**
 * Plan → Markdown master document: the strategy and its campaigns as one readable document for
 * people who do not read YAML (management, agencies, print). Deterministic and locale-independent.
 */
import { formatRoi, projectedRoi } from '../roi.ts';
import type { Campaign, Finding, Strategy } from '../schema.ts';
import { count, money, num, pct, planNames, responseGoal, sumMoney } from './wording.ts';

export function exportPlanMarkdown(strategy: Strategy, campaigns: readonly Campaign[], findings?: readonly Finding[]): string {
  const s = strategy;
  const { campaigns: cs, person, persona, channel: channelName } = planNames(s, campaigns);

  const out: string[] = [];
  const para = (...lines: string[]) => out.push(...lines, '');

  // — title —
  para(`# ${heading(s.name)}`);
  para(
    `**Organisation:** ${inline(s.organisation)}  `,
    `**Period:** ${s.period.start} – ${s.period.end}  `,
    `**Strategy id:** \`${s.id}\``,
  );

  // — summary —
  const kpiCount = s.objectives.reduce((n, o) => n + o.kpis.length, 0);
  const hours = s.resources.people.reduce((n, p) => n + p.hoursPerWeek, 0);
  const campaignBudget = sumMoney(cs.map((c) => c.budget));
  para('## Summary');
  const summary = [
    `- ${count(s.audience.personas.length, 'persona')}, ${count(s.channels.length, 'channel')}, ${count(s.pillars.length, 'content pillar')}`,
    `- ${count(s.objectives.length, 'objective')} measured by ${count(kpiCount, 'KPI')}`,
    `- ${count(s.resources.people.length, 'person', 'people')} with ${num(hours)} hours per week; strategy budget ${money(s.resources.budget)}`,
    `- ${count(cs.length, 'campaign')}${campaignBudget ? `, campaign budgets ${campaignBudget}` : ''}`,
  ];
  if (findings) {
    const errors = findings.filter((f) => f.severity === 'error').length;
    summary.push(
      `- Plan check: ${count(errors, 'error')}, ${count(findings.length - errors, 'warning')}${findings.length ? ' (see Findings)' : ''}`,
    );
  }
  para(...summary);

  // — integration —
  para('## Integration');
  if (s.integration.marketingPlan === undefined && s.integration.notes === undefined) para('_Not stated._');
  if (s.integration.marketingPlan !== undefined) para(`**Marketing plan:** ${inline(s.integration.marketingPlan)}`);
  if (s.integration.notes !== undefined) para(block(s.integration.notes));

  // — audience —
  para('## Audience');
  if (!s.audience.personas.length) para('_No personas defined._');
  for (const p of s.audience.personas) {
    para(`### ${heading(p.name)} (\`${p.id}\`)`);
    if (p.description !== undefined) para(block(p.description));
    if (p.painPoints.length) para('**Pain points:**', ...p.painPoints.map((pp) => `- ${inline(pp)}`));
    else para('**Pain points:** _none listed_');
    if (p.channels.length) para(`**Reached on:** ${p.channels.map(channelName).join(', ')}`);
  }

  // — channels —
  para('## Channels');
  if (!s.channels.length) para('_No channels defined._');
  else {
    para(
      ...table(
        ['Channel', 'Platform', 'Handle', 'Purpose', 'Posts/week', 'Owner', 'Baseline followers'],
        s.channels.map((c) => [
          c.id,
          c.platform,
          c.handle ?? '—',
          c.purpose ?? '—',
          c.cadence ? num(c.cadence.postsPerWeek) : '—',
          person(c.owner),
          c.baseline
            ? num(c.baseline.followers) + (c.baseline.engagementRate !== undefined ? ` (${pct(c.baseline.engagementRate)} engagement)` : '')
            : '—',
        ]),
        [false, false, false, false, true, false, true],
      ),
    );
  }

  // — content pillars —
  para('## Content pillars');
  if (!s.pillars.length) para('_No content pillars defined._');
  else {
    para(
      ...table(
        ['Pillar', 'Share', 'Promotional'],
        s.pillars.map((p) => [`${p.name} (\`${p.id}\`)`, pct(p.share), p.promotional ? 'yes' : 'no']),
        [false, true, false],
      ),
    );
  }
  para(`Promotional content is capped at ${pct(s.contentMix.maxPromotionalShare)} of all posts.`);

  // — objectives —
  para('## Objectives');
  if (!s.objectives.length) para('_No objectives defined._');
  s.objectives.forEach((o, i) => {
    para(`### ${i + 1}. ${heading(o.statement)}`);
    para(`**Area:** ${o.area} · **Id:** \`${o.id}\`${o.kpis.length ? ` · **KPIs:** ${o.kpis.map((k) => `\`${k.id}\``).join(', ')}` : ''}`);
    if (!o.strategies.length) para('_No strategies or tactics yet._');
    else {
      const lines: string[] = [];
      for (const st of o.strategies) {
        lines.push(`- **Strategy:** ${inline(st.statement)}`);
        for (const t of st.tactics) {
          lines.push(`  - Tactic: ${inline(t.statement)}${t.channels.length ? ` (${t.channels.join(', ')})` : ''}`);
        }
      }
      para(...lines);
    }
  });

  // — KPIs —
  para('## KPIs');
  const kpiRows = s.objectives.flatMap((o) =>
    o.kpis.map((k) => [
      `${k.metric} (\`${k.id}\`)`,
      o.id,
      k.channel ?? '—',
      k.baseline !== undefined ? num(k.baseline) : '—',
      k.target !== undefined ? num(k.target) : '—',
      k.due ?? '—',
      k.kind,
    ]),
  );
  if (!kpiRows.length) para('_No KPIs defined._');
  else
    para(
      ...table(['Metric', 'Objective', 'Channel', 'Baseline', 'Target', 'Due', 'Kind'], kpiRows, [
        false,
        false,
        false,
        true,
        true,
        false,
        false,
      ]),
    );

  // — resources —
  para('## Resources');
  if (s.resources.people.length) {
    para(
      '### People',
      '',
      ...table(
        ['Person', 'Role', 'Hours/week'],
        [
          ...s.resources.people.map((p) => [`${p.name} (\`${p.id}\`)`, p.role ?? '—', num(p.hoursPerWeek)]),
          ['**Total**', '', `**${num(hours)}**`],
        ],
        [false, false, true],
      ),
    );
  } else para('_No people listed._');
  para(
    `**Budget:** ${money(s.resources.budget)}  `,
    `**Tools:** ${s.resources.tools.length ? s.resources.tools.map(inline).join(', ') : '—'}`,
  );

  // — campaigns —
  para('## Campaigns');
  if (!cs.length) para('_No campaigns yet._');
  for (const c of cs) {
    para(`### ${heading(c.name)} (\`${c.id}\`)`);
    const roi = projectedRoi(c);
    const lines = [
      `- **Dates:** ${c.start} – ${c.end}`,
      `- **Type:** ${c.type.replace(/-/g, ' ')}`,
      `- **Audience:** ${c.audience.length ? c.audience.map((id) => inline(persona(id))).join(', ') : '—'}`,
      `- **Channels:** ${c.channels.length ? c.channels.map(channelName).join(', ') : '—'}`,
      `- **Owner:** ${inline(person(c.owner))}`,
      `- **Response goal:** ${inline(responseGoal(c))}`,
      `- **Budget:** ${money(c.budget)}`,
      `- **Expected revenue:** ${c.expectedRevenue !== undefined ? num(c.expectedRevenue) + (c.budget ? ` ${c.budget.currency}` : '') : '—'}`,
      `- **Projected ROI:** ${roi === null ? 'n/a (needs a budget and an expected revenue)' : `${formatRoi(roi)} ((revenue − cost) / cost)`}`,
      `- **Support:** ${c.support.length ? c.support.join(', ') : '—'}`,
    ];
    if (c.strategy !== undefined && c.strategy !== s.id) lines.push(`- **Strategy:** \`${c.strategy}\` (not this strategy)`);
    para(...lines);
    if (!c.phases.length) para('_No phases planned._');
    for (const ph of c.phases) {
      para(`#### ${heading(ph.name)} (${ph.start} – ${ph.end})`);
      if (ph.tasks.length) {
        para(
          ...table(
            ['Task', 'Owner', 'Due'],
            ph.tasks.map((t) => [t.title, person(t.owner), t.due ?? '—']),
            [false, false, false],
          ),
        );
      } else para('_No tasks._');
    }
  }

  // — findings —
  if (findings?.length) {
    para('## Findings');
    para(
      ...table(
        ['Severity', 'Rule', 'Document', 'Path', 'Message'],
        findings.map((f) => [f.severity, `\`${f.rule}\``, f.document ?? '—', f.path ? `\`${f.path}\`` : '—', f.message]),
        [false, false, false, false, false],
      ),
    );
  }

  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

// ——— helpers ———

/** A Markdown table; every cell escaped. `right[i]` right-aligns column i. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `| ${header.map((_, i) => (right[i] ? '---:' : '---')).join(' | ')} |`, ...rows.map(line)];
}

/** One table cell: `|` escaped, line breaks as `<br>`, never empty. */
export function cell(s: string): string {
  const v = s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').trim();
  return v === '' ? ' ' : v;
}

/** Text inside a line (list item, bold label): line breaks become spaces. */
function inline(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** Heading text: one line, no leading `#` that would change the level. */
function heading(s: string): string {
  return inline(s).replace(/^#+\s*/, '');
}

/** A free-text paragraph (description, notes): kept as written, trailing spaces trimmed. */
function block(s: string): string {
  return s
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}
