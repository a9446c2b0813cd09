import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DUPLICATE_DOCUMENT_ID_RULE, lintDocuments, lintText } from './lint.ts';
import { allRules } from './rules/index.ts';
import type { Campaign, Finding, Strategy } from './schema.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';
import { UI_MESSAGES, uiMessage } from './ui-messages.ts';

/** YAML wording the UI must not show: dotted field paths (resources.people), JSON pointers, quoted ids. */
const YAML_WORDING = /\b[a-z]+[A-Za-z]*\.[a-z][A-Za-z]+\b|\/[a-z]+\/|"[^"]*"/;
/** Where a person fixes a finding: a builder step or a campaign planner section. */
const PLACE = /step|Basics|Audience and channels|Response goal|Budget and projected ROI|Support plan|Phases and tasks|strategy/;

const germanDate = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

function worded(findings: readonly Finding[], strategy: Strategy, campaigns: readonly Campaign[] = []): string[] {
  return findings.map((f) => uiMessage(f, { strategy, campaign: campaigns.find((c) => c.id === f.document), formatDate: germanDate }));
}

describe('uiMessage', () => {
  it('has a wording for every rule in the registry, and for duplicate document ids', () => {
    const missing = [...allRules.map((r) => r.id), DUPLICATE_DOCUMENT_ID_RULE].filter((id) => UI_MESSAGES[id] === undefined);
    expect(missing).toEqual([]);
  });

  it('words every rule without YAML paths and names where to fix it, with or without the documents', () => {
    const contexts = [{}, { strategy: cleanStrategy(), campaign: cleanCampaign() }];
    for (const rule of allRules) {
      for (const ctx of contexts) {
        const text = uiMessage({ rule: rule.id, path: '', message: 'the rule’s own message' }, ctx);
        expect(text, rule.id).not.toBe('the rule’s own message');
        expect(text, rule.id).not.toMatch(YAML_WORDING);
        expect(text, rule.id).toMatch(PLACE);
      }
    }
  });

  it('tells to add an unknown channel owner to the team on the Resources step, while the CLI message keeps the YAML path', () => {
    const strategy = cleanStrategy();
    strategy.channels[1]!.owner = 'carla';
    const finding = lintDocuments([strategy]).findings.find((f) => f.rule === 'unknown-reference')!;
    expect(finding.message).toContain('resources.people');
    expect(finding.path).toBe('/channels/1/owner');
    expect(uiMessage(finding, { strategy })).toBe(
      'LinkedIn acme-bakery is run by “carla”, who is not on the team: add the person to the team on the Resources step, or choose another owner on the Channels step.',
    );
  });

  it('names channels, personas, KPIs and phases as the screens do', () => {
    const strategy = cleanStrategy();
    delete strategy.channels[0]!.purpose;
    strategy.audience.personas[1]!.painPoints = [];
    delete strategy.objectives[0]!.kpis[0]!.due;
    const texts = worded(lintDocuments([strategy]).findings, strategy);
    expect(texts).toContain('Say in one sentence what Instagram @acmebakery is for: fill in its purpose on the Channels step.');
    expect(texts).toContain(
      'List the pain points of persona “Café owner” on the Audience step, so content can solve their problems instead of only promoting.',
    );
    expect(texts).toContain(
      'Give KPI “Instagram followers” a due date on the Objectives & KPIs step: where you are, where you want to be and by when.',
    );
  });

  it('words the KPI source findings by the KPI’s and the objective’s names', () => {
    const strategy = cleanStrategy();
    strategy.objectives[0]!.area = 'brand';
    strategy.objectives[0]!.kpis[0]!.source = { metric: 'manual' };
    strategy.objectives[1]!.kpis[0]!.source = { metric: 'ctr', campaign: 'winter' };
    const texts = worded(lintDocuments([strategy]).findings, strategy);
    expect(texts).toContain(
      'KPI “Wholesale enquiries” is measured by click-through rate, which only means something on one channel: pick its channel on the Objectives & KPIs step.',
    );
    expect(texts).toContain(
      'KPI “Wholesale enquiries” counts a campaign this strategy does not have: choose one of the strategy’s campaigns for it (Objectives & KPIs step), or plan that campaign first.',
    );
    expect(texts).toContain(
      'Objective “Become the bakery home bakers in the region fol…” is measured only by figures entered by hand: on the Objectives & KPIs step, link at least one of its KPIs to a measured metric (mentions, share of voice, net sentiment, engagement rate), so brand impact is tracked from data.',
    );
  });

  it('shows ratios as percentages and dates in the given format', () => {
    const strategy = cleanStrategy();
    strategy.pillars[2]!.share = 0.3;
    const campaign = cleanCampaign();
    campaign.phases[1]!.start = '2027-07-19';
    const texts = worded(lintDocuments([strategy, campaign]).findings, strategy, [campaign]);
    expect(texts).toContain('The pillar shares add up to 115%: adjust them on the Content pillars step so that together they make 100%.');
    expect(texts).toContain(
      '4 days of the campaign lie in no phase (15.07.2027 – 18.07.2027): extend a phase or add one under Phases and tasks.',
    );
  });

  it('words every finding of the flawed example without YAML paths', () => {
    const text = readFileSync(new URL('../../examples/flawed/campaign-flawed.yaml', import.meta.url), 'utf8');
    const strategyText = readFileSync(new URL('../../examples/northwind/strategy.yaml', import.meta.url), 'utf8');
    const { findings } = lintText(`${strategyText}\n---\n${text}`);
    expect(findings.length).toBeGreaterThan(5);
    for (const f of findings) {
      const words = uiMessage(f);
      expect(words, f.rule).not.toMatch(YAML_WORDING);
      expect(words, f.rule).not.toBe(f.message);
    }
  });

  it('keeps the message of a finding it has no wording for (schema problems)', () => {
    expect(uiMessage({ rule: 'schema', path: '/name', message: 'Name: required' })).toBe('Name: required');
  });
});
