/**
 * The strategy part of the browser journey: from the home of an empty workspace, build a complete,
 * clean strategy step by step in the builder — seeing a lint warning appear and disappear as a
 * field is emptied and filled again — and end on its overview with zero findings.
 */
import type { Locator, Page } from 'playwright-core';
import { expectTitle, screenshot } from './harness.ts';

/** Throws with `message` unless `ok`: the journey runs outside a test's expect. */
function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(`strategy journey: ${message}`);
}

/** A repeated item of the builder (Persona 1, Channel 2…): a fieldset named by its legend. */
const item = (scope: Page | Locator, name: string): Locator => scope.getByRole('group', { name, exact: true });

/** "Save and continue", then wait for the next step, with the draft saved (clean). */
async function saveAndContinue(page: Page, url: string): Promise<void> {
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.waitForURL(url);
  await page
    .getByTestId('save-status')
    .filter({ hasText: /^Saved · version \d+$/ })
    .waitFor();
}

async function addPersona(page: Page, n: number, name: string, description: string, painPoint: string): Promise<void> {
  await page.getByRole('button', { name: 'Add persona' }).click();
  const persona = item(page, `Persona ${n}`);
  await persona.getByLabel('Name', { exact: true }).fill(name);
  await persona.getByLabel('Description', { exact: true }).fill(description);
  await persona.getByRole('button', { name: 'Add pain point' }).click();
  await persona.getByLabel('Pain point 1', { exact: true }).fill(painPoint);
}

async function addPerson(page: Page, n: number, name: string, role: string, hours: string): Promise<void> {
  await page.getByRole('button', { name: 'Add person' }).click();
  const person = item(page, `Person ${n}`);
  await person.getByLabel('Name', { exact: true }).fill(name);
  await person.getByLabel('Role', { exact: true }).fill(role);
  await person.getByLabel('Hours per week', { exact: true }).fill(hours);
}

async function addChannel(
  page: Page,
  n: number,
  c: {
    platform: string;
    handle: string;
    purpose: string;
    posts: string;
    owner: string;
    followers: string;
    engagement: string;
    persona: string;
  },
): Promise<void> {
  await page.getByRole('button', { name: 'Add channel' }).click();
  const channel = item(page, `Channel ${n}`);
  await channel.getByLabel('Platform', { exact: true }).selectOption(c.platform);
  await channel.getByLabel('Handle', { exact: true }).fill(c.handle);
  await channel.getByLabel('Purpose', { exact: true }).fill(c.purpose);
  await channel.getByLabel('Posts per week', { exact: true }).fill(c.posts);
  await channel.getByLabel('Owner', { exact: true }).selectOption({ label: c.owner });
  await channel.getByLabel('Followers today', { exact: true }).fill(c.followers);
  await channel.getByLabel('Engagement rate (%)', { exact: true }).fill(c.engagement);
  await item(channel, 'Personas reached here').getByRole('checkbox', { name: c.persona }).check();
}

async function addPillar(page: Page, n: number, name: string, share: string, promotional = false): Promise<void> {
  await page.getByRole('button', { name: 'Add pillar' }).click();
  const pillar = item(page, `Pillar ${n}`);
  await pillar.getByLabel('Name', { exact: true }).fill(name);
  await pillar.getByLabel('Share (%)', { exact: true }).fill(share);
  if (promotional) await pillar.getByRole('checkbox', { name: /Promotional/ }).check();
}

/**
 * Starting on the workspace home of an empty workspace (signed in as someone who may plan), builds
 * a strategy through every builder step and ends on its overview. Screenshots: strategy-builder-new
 * (basics of a new strategy), strategy-builder (channels step with a live warning), strategy-overview.
 */
export async function buildStrategyStepByStep(page: Page, opts: { ws: string }): Promise<{ strategyId: string }> {
  const { ws } = opts;
  await expectTitle(page, 'Strategies');
  await page.getByRole('heading', { name: 'Start with the strategy' }).waitFor();
  await page.getByRole('link', { name: 'Build your strategy' }).click();
  await page.waitForURL(`**/w/${ws}/strategies/new`);
  await expectTitle(page, 'New strategy');

  // 1 · Basics: name (the id follows it), organisation, period (defaults to 12 months), integration.
  await page.getByLabel('Strategy name', { exact: true }).fill('Ada & Co social media strategy');
  const strategyId = await page.getByLabel('Strategy id', { exact: true }).inputValue();
  check(strategyId === 'ada-co-social-media-strategy', `the id follows the name (got "${strategyId}")`);
  await page.getByLabel('Organisation', { exact: true }).fill('Ada & Co Coffee');
  await page.getByLabel('Marketing plan it integrates into', { exact: true }).fill('Ada & Co marketing plan, section 3 (digital)');
  await page.getByLabel('Notes', { exact: true }).fill('Social media carries the brand chapter; paid media stays with the agency.');
  // Complete basics pass the schema, so the rules run live and say what comes next.
  await page.locator('[data-rule="strategy-no-audience"]').waitFor();
  await screenshot(page, 'strategy-builder-new');
  const edit = `**/w/${ws}/strategies/${strategyId}/edit`;
  await saveAndContinue(page, `${edit}/audience`);
  await expectTitle(page, 'Edit strategy: Audience');

  // 2 · Audience: personas with their pain points.
  await addPersona(
    page,
    1,
    'The home brewer',
    'Brews every morning and wants café coffee at home.',
    'Beans go stale before the bag is finished',
  );
  await addPersona(page, 2, 'The café owner', 'Runs a small café and buys beans wholesale.', 'Unreliable deliveries from big roasters');
  await saveAndContinue(page, `${edit}/channels`);
  await expectTitle(page, 'Edit strategy: Channels');

  // 3 · Channels, with the team that owns them (added right here) and the capacity check.
  await addPerson(page, 1, 'Ada Lovelace', 'Social media lead', '6');
  await addPerson(page, 2, 'Grace Hopper', 'Wholesale manager', '4');
  await addChannel(page, 1, {
    platform: 'instagram',
    handle: '@adaco',
    purpose: 'Brewing guides and the craft behind the beans',
    posts: '4',
    owner: 'Ada Lovelace',
    followers: '850',
    engagement: '3.5',
    persona: 'The home brewer',
  });
  await addChannel(page, 2, {
    platform: 'linkedin',
    handle: 'ada-and-co',
    purpose: 'Win and keep wholesale café customers',
    posts: '2',
    owner: 'Grace Hopper',
    followers: '320',
    engagement: '2',
    persona: 'The café owner',
  });
  const capacity = await page.getByTestId('capacity').innerText();
  check(capacity.includes('3 h/week needed of 10 h/week available'), `capacity shows 6 posts × 30 min vs 10 h (got "${capacity}")`);

  // The live check: empty a channel's purpose, see the warning, follow it to the field, fix it.
  const purpose = item(page, 'Channel 1').getByLabel('Purpose', { exact: true });
  await purpose.fill('');
  const warning = page.locator('[data-rule="channel-no-purpose"]');
  await warning.waitFor();
  await screenshot(page, 'strategy-builder');
  await warning.getByRole('button').click();
  await page.waitForFunction(() => document.activeElement?.id === 'field-channels-0-purpose');
  await purpose.fill('Brewing guides and the craft behind the beans');
  await warning.waitFor({ state: 'detached' });
  await saveAndContinue(page, `${edit}/content`);
  await expectTitle(page, 'Edit strategy: Content pillars');

  // 4 · Content pillars: 100% in all, 15% promotional (at most 20%).
  await addPillar(page, 1, 'Brewing guides', '50');
  await addPillar(page, 2, 'Behind the roastery', '35');
  await addPillar(page, 3, 'Offers and launches', '15', true);
  const total = await page.getByTestId('pillar-total').innerText();
  check(total.includes('Total: 100%') && total.includes('Promotional: 15% of at most 20%'), `pillar totals (got "${total}")`);
  await saveAndContinue(page, `${edit}/objectives`);
  await expectTitle(page, 'Edit strategy: Objectives & KPIs');

  // 5 · An objective with a strategy, a tactic on both channels and a complete brand (reach) KPI.
  await page.getByRole('button', { name: 'Add objective' }).click();
  const objective = item(page, 'Objective 1');
  await objective.getByLabel('Area', { exact: true }).selectOption('brand');
  await objective.getByLabel('Objective statement', { exact: true }).fill("Become the home brewer's favourite source of brewing advice");
  await objective.getByRole('button', { name: 'Add strategy' }).click();
  const strategy = item(objective, 'Strategy 1');
  await strategy.getByLabel('Strategy statement', { exact: true }).fill("Teach, don't sell");
  await strategy.getByRole('button', { name: 'Add tactic' }).click();
  const tactic = item(strategy, 'Tactic 1');
  await tactic.getByLabel('Tactic', { exact: true }).fill('Weekly brewing guide, cut for each channel');
  await tactic.getByRole('checkbox', { name: 'Instagram @adaco' }).check();
  await tactic.getByRole('checkbox', { name: 'LinkedIn ada-and-co' }).check();
  await objective.getByRole('button', { name: 'Add KPI' }).click();
  const kpi = item(objective, 'KPI 1');
  await kpi.getByLabel('Metric', { exact: true }).fill('Instagram followers');
  await kpi.getByLabel('Kind', { exact: true }).selectOption('reach');
  await kpi.getByLabel('Channel', { exact: true }).selectOption({ label: 'Instagram @adaco' });
  await kpi.getByLabel('Baseline', { exact: true }).fill('850');
  await kpi.getByLabel('Target', { exact: true }).fill('2500');
  check((await kpi.getByLabel('Due', { exact: true }).inputValue()) !== '', 'a new KPI is due at the end of the period');
  await saveAndContinue(page, `${edit}/resources`);
  await expectTitle(page, 'Edit strategy: Resources');

  // 6 · Resources: the people are there from the channels step; budget and tools.
  check(
    (await item(page, 'Person 1').getByLabel('Name', { exact: true }).inputValue()) === 'Ada Lovelace',
    'people added on the channels step are resources',
  );
  await page.getByLabel('Budget for the period', { exact: true }).fill('12000');
  await page.getByRole('button', { name: 'Add tool' }).click();
  await page.getByLabel('Tool 1', { exact: true }).fill('Canva');
  await page.getByRole('button', { name: 'Save and finish' }).click();
  await page.waitForURL(`**/w/${ws}/strategies/${strategyId}`);

  // The overview: a strategy screen with the whole plan, and nothing left for the rules to flag.
  await page.getByRole('heading', { name: 'Ada & Co social media strategy', level: 1 }).waitFor();
  await expectTitle(page, 'Ada & Co social media strategy');
  const findings = page.getByRole('complementary', { name: 'Plan check' });
  await findings.getByText('all clear').waitFor();
  check((await findings.locator('[data-rule]').count()) === 0, 'the finished strategy has no findings');
  check((await page.locator('.theme-strategy .kind-label').innerText()).toUpperCase().includes('STRATEGY'), 'the overview says STRATEGY');
  await page.getByTestId('timeline').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'strategy-overview');
  return { strategyId };
}
