/**
 * The master document's content, independent of the file format: a proposal someone hands to a
 * manager. `buildMasterDocument` decides what is said and in which order (cover, summary, audience,
 * channels, pillars, objectives, KPIs, resources, campaigns with timelines and ROI, plan check);
 * pdf.ts and docx.ts only lay the blocks out. Pure, deterministic and locale-independent.
 */
import { parseIsoDate } from '../dates.ts';
import { formatRoi, projectedRoi } from '../roi.ts';
import type { Campaign, Finding, Strategy } from '../schema.ts';
import { count, money, num, pct, planNames, responseGoal, sumMoney } from './wording.ts';

export interface Column {
  header: string;
  /** Relative width; the renderer scales the columns to the page. */
  width: number;
  align?: 'left' | 'right';
}

export interface TimelineBar {
  label: string;
  /** Second line under the label, e.g. the dates. */
  note?: string;
  start: string;
  end: string;
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  /** A paragraph; `label` is set in bold before the text ("Marketing plan: …"). */
  | { type: 'paragraph'; text: string; label?: string; muted?: boolean }
  | { type: 'bullets'; items: { text: string; label?: string; level: 0 | 1 }[] }
  /** Label → value pairs (a campaign's dates, owner, budget…). */
  | { type: 'fields'; rows: { label: string; value: string }[] }
  /** `total` is an emphasised last row (sums). */
  | { type: 'table'; columns: Column[]; rows: string[][]; total?: string[] }
  /** Bars on a month axis from `start` to `end` (PDF draws it; DOCX shows a table with month columns). */
  | { type: 'timeline'; start: string; end: string; bars: TimelineBar[] }
  | { type: 'pageBreak' };

export interface MasterDocument {
  /** The strategy name: document title, cover title, PDF Info Title, DOCX core title. */
  title: string;
  subtitle: string;
  organisation: string;
  period: string;
  /** The day the document was made, as people read it ("23 Nov 2026"). */
  date: string;
  /** A few key figures for the cover. */
  facts: { label: string; value: string }[];
  /** Running footer text. */
  footer: string;
  blocks: Block[];
}

export interface MasterDocumentOptions {
  /** `YYYY-MM-DD` printed on the cover; default today (UTC). */
  date?: string;
}

export const SUBTITLE = 'Social media strategy and campaign plan';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** 2027-07-01 → "1 Jul 2027" (English month abbreviations, no locale). */
export function formatDay(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "1 Jul – 31 Aug 2027", or with both years when they differ. */
export function formatRange(start: string, end: string): string {
  const a = parseIsoDate(start);
  const b = parseIsoDate(end);
  if (a.year === b.year) return `${a.day} ${MONTHS[a.month - 1]} – ${formatDay(end)}`;
  return `${formatDay(start)} – ${formatDay(end)}`;
}

/** Month label for timeline axes: "Jul", with the year on the first month and on every January. */
export function monthLabel(year: number, month: number, first: boolean): string {
  return first || month === 1 ? `${MONTHS[month - 1]} ${year}` : MONTHS[month - 1]!;
}

/** The first day of every month from `start`'s month to `end`'s month. */
export function monthsOf(start: string, end: string): { year: number; month: number }[] {
  const a = parseIsoDate(start);
  const b = parseIsoDate(end);
  const out: { year: number; month: number }[] = [];
  let { year, month } = a;
  while (year < b.year || (year === b.year && month <= b.month)) {
    out.push({ year, month });
    if (out.length > 240) break; // 20 years: a guard against absurd periods, not a real limit
    if (month === 12) {
      year++;
      month = 1;
    } else month++;
  }
  return out;
}

/** The master document's colours (RGB hex without "#"), shared by the PDF and DOCX writers. */
export const PALETTE = {
  ink: '1F2933',
  muted: '5F6B7A',
  accent: '2F5D8A',
  rule: 'C9D2DC',
  headerFill: 'E8EEF5',
  totalFill: 'F3F5F8',
  bars: ['2F5D8A', '3F8F6B', 'C27C2C', '8A4F9E', 'B5473A', '4F7F9E'],
} as const;

export function buildMasterDocument(
  strategy: Strategy,
  campaigns: readonly Campaign[],
  findings?: readonly Finding[],
  options: MasterDocumentOptions = {},
): MasterDocument {
  const s = strategy;
  const { campaigns: cs, person, persona, channel: channelName } = planNames(s, campaigns);

  const blocks: Block[] = [];
  const add = (...b: Block[]) => blocks.push(...b);
  const h1 = (text: string): Block => ({ type: 'heading', level: 1, text });
  const h2 = (text: string): Block => ({ type: 'heading', level: 2, text });
  const h3 = (text: string): Block => ({ type: 'heading', level: 3, text });
  const para = (text: string, label?: string): Block =>
    label === undefined ? { type: 'paragraph', text } : { type: 'paragraph', text, label };
  const muted = (text: string): Block => ({ type: 'paragraph', text, muted: true });

  const kpiCount = s.objectives.reduce((n, o) => n + o.kpis.length, 0);
  const hours = s.resources.people.reduce((n, p) => n + p.hoursPerWeek, 0);
  const campaignBudget = sumMoney(cs.map((c) => c.budget));

  // — summary —
  add(h1('Summary'));
  const summary: { label: string; value: string }[] = [
    { label: 'Organisation', value: s.organisation },
    { label: 'Period', value: formatRange(s.period.start, s.period.end) },
    { label: 'Marketing plan', value: s.integration.marketingPlan ?? 'Not stated' },
    { label: 'Objectives', value: `${count(s.objectives.length, 'objective')} measured by ${count(kpiCount, 'KPI')}` },
    { label: 'Audience', value: s.audience.personas.length ? s.audience.personas.map((p) => p.name).join(', ') : 'No personas yet' },
    { label: 'Channels', value: s.channels.length ? s.channels.map((c) => channelName(c.id)).join(', ') : 'No channels yet' },
    { label: 'Team', value: `${count(s.resources.people.length, 'person', 'people')}, ${num(hours)} hours per week` },
    { label: 'Strategy budget', value: money(s.resources.budget) },
    {
      label: 'Campaigns',
      value: cs.length ? `${count(cs.length, 'campaign')}, total budget ${campaignBudget || '—'}` : 'No campaigns yet',
    },
  ];
  if (findings) {
    const errors = findings.filter((f) => f.severity === 'error').length;
    summary.push({
      label: 'Plan check',
      value: `${count(errors, 'error')}, ${count(findings.length - errors, 'warning')}${findings.length ? ' (see Plan check)' : ''}`,
    });
  }
  add({ type: 'fields', rows: summary });
  if (s.integration.notes !== undefined) add(para(s.integration.notes));
  if (cs.length) {
    add(h2('Campaign ROI projection'));
    const revenue = sumMoney(
      cs.map((c) => (c.expectedRevenue === undefined ? undefined : { amount: c.expectedRevenue, currency: c.budget?.currency })),
    );
    add({
      type: 'table',
      columns: [
        { header: 'Campaign', width: 3 },
        { header: 'Dates', width: 2.4 },
        { header: 'Budget', width: 1.5, align: 'right' },
        { header: 'Expected revenue', width: 1.6, align: 'right' },
        { header: 'Projected ROI', width: 1.3, align: 'right' },
      ],
      rows: cs.map((c) => [c.name, formatRange(c.start, c.end), money(c.budget), revenueOf(c), formatRoi(projectedRoi(c))]),
      total: ['Total', '', campaignBudget || '—', revenue || '—', ''],
    });
    add(muted('Projected ROI = (expected revenue − budget) / budget, per campaign.'));
  }

  // — audience —
  add(h1('Audience'));
  if (!s.audience.personas.length) add(muted('No personas defined yet.'));
  for (const p of s.audience.personas) {
    add(h2(p.name));
    if (p.description !== undefined) add(para(p.description));
    if (p.painPoints.length)
      add(para('', 'Pain points'), { type: 'bullets', items: p.painPoints.map((text) => ({ text, level: 0 as const })) });
    else add(muted('No pain points listed.'));
    if (p.channels.length) add(para(p.channels.map(channelName).join(', '), 'Reached on'));
  }

  // — channels —
  add(h1('Channels'));
  if (!s.channels.length) add(muted('No channels defined yet.'));
  else {
    add({
      type: 'table',
      columns: [
        { header: 'Channel', width: 1.6 },
        { header: 'Handle', width: 1.4 },
        { header: 'Purpose', width: 3 },
        { header: 'Posts/week', width: 1, align: 'right' },
        { header: 'Owner', width: 1.4 },
        { header: 'Followers', width: 1.1, align: 'right' },
      ],
      rows: s.channels.map((c) => [
        channelName(c.id),
        c.handle ?? '—',
        c.purpose ?? '—',
        c.cadence ? num(c.cadence.postsPerWeek) : '—',
        person(c.owner),
        c.baseline ? num(c.baseline.followers) : '—',
      ]),
    });
  }

  // — content pillars —
  add(h1('Content pillars'));
  if (!s.pillars.length) add(muted('No content pillars defined yet.'));
  else {
    add({
      type: 'table',
      columns: [
        { header: 'Pillar', width: 4 },
        { header: 'Share', width: 1, align: 'right' },
        { header: 'Promotional', width: 1.2 },
      ],
      rows: s.pillars.map((p) => [p.name, pct(p.share), p.promotional ? 'yes' : 'no']),
    });
  }
  add(para(`Promotional content is capped at ${pct(s.contentMix.maxPromotionalShare)} of all posts.`));

  // — objectives → strategies → tactics —
  add(h1('Objectives'));
  if (!s.objectives.length) add(muted('No objectives defined yet.'));
  s.objectives.forEach((o, i) => {
    add(h2(`${i + 1}. ${o.statement}`));
    add(para(`${o.area.replace(/-/g, ' ')}${o.kpis.length ? ` · measured by ${o.kpis.map((k) => k.metric).join(', ')}` : ''}`, 'Area'));
    if (!o.strategies.length) add(muted('No strategies or tactics yet.'));
    else {
      const items: { text: string; label?: string; level: 0 | 1 }[] = [];
      for (const st of o.strategies) {
        items.push({ label: 'Strategy', text: st.statement, level: 0 });
        for (const t of st.tactics)
          items.push({
            label: 'Tactic',
            text: `${t.statement}${t.channels.length ? ` (${t.channels.map(channelName).join(', ')})` : ''}`,
            level: 1,
          });
      }
      add({ type: 'bullets', items });
    }
  });

  // — KPIs —
  add(h1('KPIs'));
  const kpiRows = s.objectives.flatMap((o) =>
    o.kpis.map((k) => [
      k.metric + (k.channel !== undefined ? ` (${k.channel})` : ''),
      k.baseline !== undefined ? num(k.baseline) : '—',
      k.target !== undefined ? num(k.target) : '—',
      k.due !== undefined ? formatDay(k.due) : '—',
      k.kind,
    ]),
  );
  if (!kpiRows.length) add(muted('No KPIs defined yet.'));
  else {
    add({
      type: 'table',
      columns: [
        { header: 'Metric', width: 3.4 },
        { header: 'Baseline', width: 1.1, align: 'right' },
        { header: 'Target', width: 1.1, align: 'right' },
        { header: 'Due', width: 1.4 },
        { header: 'Kind', width: 1.1 },
      ],
      rows: kpiRows,
    });
  }

  // — resources —
  add(h1('Resources'));
  add(h2('People and hours'));
  if (!s.resources.people.length) add(muted('No people listed yet.'));
  else {
    add({
      type: 'table',
      columns: [
        { header: 'Person', width: 2.5 },
        { header: 'Role', width: 2.5 },
        { header: 'Hours/week', width: 1.2, align: 'right' },
      ],
      rows: s.resources.people.map((p) => [p.name, p.role ?? '—', num(p.hoursPerWeek)]),
      total: ['Total', '', num(hours)],
    });
  }
  add(h2('Budget and tools'));
  add({
    type: 'fields',
    rows: [
      { label: 'Budget', value: money(s.resources.budget) },
      { label: 'Tools', value: s.resources.tools.length ? s.resources.tools.join(', ') : '—' },
    ],
  });

  // — campaigns —
  add({ type: 'pageBreak' }, h1('Campaigns'));
  if (!cs.length) add(muted('No campaigns yet. Campaigns are short pushes inside this strategy, planned once its base exists.'));
  else {
    add(para(`${count(cs.length, 'campaign')} inside the strategy period ${formatRange(s.period.start, s.period.end)}.`));
    add({
      type: 'timeline',
      start: s.period.start,
      end: s.period.end,
      bars: cs.map((c) => ({ label: c.name, note: formatRange(c.start, c.end), start: c.start, end: c.end })),
    });
  }
  for (const c of cs) {
    const roi = projectedRoi(c);
    add(h2(c.name));
    const rows = [
      { label: 'Dates', value: formatRange(c.start, c.end) },
      { label: 'Type', value: c.type.replace(/-/g, ' ') },
      { label: 'Audience', value: c.audience.length ? c.audience.map((id) => persona(id)).join(', ') : '—' },
      { label: 'Channels', value: c.channels.length ? c.channels.map(channelName).join(', ') : '—' },
      { label: 'Owner', value: person(c.owner) },
      { label: 'Response goal', value: responseGoal(c) },
      { label: 'Budget', value: money(c.budget) },
      { label: 'Expected revenue', value: revenueOf(c) },
      {
        label: 'Projected ROI',
        value: roi === null ? 'n/a (needs a budget and an expected revenue)' : `${formatRoi(roi)}  (revenue − cost) / cost`,
      },
      { label: 'Support', value: c.support.length ? c.support.join(', ') : '—' },
    ];
    if (c.strategy !== undefined && c.strategy !== s.id) rows.push({ label: 'Strategy', value: `${c.strategy} (not this strategy)` });
    add({ type: 'fields', rows });
    add(h3('Timeline'));
    if (!c.phases.length) add(muted('No phases planned yet.'));
    else {
      const starts = [c.start, ...c.phases.map((p) => p.start)].sort();
      const ends = [c.end, ...c.phases.map((p) => p.end)].sort();
      add({
        type: 'timeline',
        start: starts[0]!,
        end: ends[ends.length - 1]!,
        bars: c.phases.map((p) => ({
          label: p.name,
          note: p.end < p.start ? `${formatDay(p.start)} – ${formatDay(p.end)} (ends before it starts)` : formatRange(p.start, p.end),
          start: p.start,
          end: p.end,
        })),
      });
      const tasks = c.phases.flatMap((p) =>
        p.tasks.map((t) => [p.name, t.title, person(t.owner), t.due !== undefined ? formatDay(t.due) : '—']),
      );
      if (tasks.length) {
        add({
          type: 'table',
          columns: [
            { header: 'Phase', width: 1.6 },
            { header: 'Task', width: 4 },
            { header: 'Owner', width: 1.6 },
            { header: 'Due', width: 1.3 },
          ],
          rows: tasks,
        });
      }
    }
  }

  // — plan check —
  if (findings?.length) {
    add(h1('Plan check'));
    add(muted("What Groundwork's rules found in this plan: errors should be fixed before campaigns start; warnings are advice."));
    add({
      type: 'table',
      columns: [
        { header: 'Severity', width: 1.1 },
        { header: 'Rule', width: 2.2 },
        { header: 'Where', width: 1.8 },
        { header: 'Message', width: 5 },
      ],
      rows: findings.map((f) => [f.severity, f.rule, `${f.document ?? '—'}${f.path ? ` ${f.path}` : ''}`, f.message]),
    });
  }

  const date = options.date ?? new Date().toISOString().slice(0, 10);
  return {
    title: s.name,
    subtitle: SUBTITLE,
    organisation: s.organisation,
    period: formatRange(s.period.start, s.period.end),
    date: formatDay(date),
    facts: [
      { label: 'Objectives', value: num(s.objectives.length) },
      { label: 'KPIs', value: num(kpiCount) },
      { label: 'Channels', value: num(s.channels.length) },
      { label: 'Campaigns', value: num(cs.length) },
    ],
    footer: `${s.name} · ${s.organisation}`,
    blocks,
  };
}

// ——— helpers ———

function revenueOf(c: Campaign): string {
  return c.expectedRevenue === undefined ? '—' : `${num(c.expectedRevenue)}${c.budget ? ` ${c.budget.currency}` : ''}`;
}
