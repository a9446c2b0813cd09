/**
 * The campaign part of the browser journey: starting on a strategy's overview, plan a campaign inside
 * it, fill its readiness checklist until every item is met, activate it, and export the strategy's
 * master document as PDF and DOCX. The campaign's choices come from the strategy itself (read
 * through the API), so any strategy with a persona, a person and a channel with a follower base works.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { addDays, addMonths, compareDates } from '../src/plan/dates.ts';
import type { Strategy } from '../src/plan/schema.ts';
import { screenshot } from './harness.ts';

/** Throws with `message` unless `ok`: the journey runs outside a test's expect. */
function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(`campaign journey: ${message}`);
}

async function readStrategy(page: Page, ws: string, strategyId: string): Promise<Strategy> {
  const res = await page.request.get(`/api/v1/workspaces/${ws}/strategies/${strategyId}`);
  check(res.ok(), `GET strategy ${strategyId} answered ${res.status()}`);
  return ((await res.json()) as { strategy: Strategy }).strategy;
}

/** What the campaign will use: dates after the lead time, a persona, a ready channel, an owner. */
function choose(strategy: Strategy) {
  const start = addMonths(strategy.period.start, strategy.settings.campaignLeadMonths);
  const twoMonths = addDays(addMonths(start, 2), -1);
  const end = compareDates(twoMonths, strategy.period.end) <= 0 ? twoMonths : strategy.period.end;
  const persona = strategy.audience.personas[0];
  const channel = strategy.channels.find((c) => (c.baseline?.followers ?? 0) >= strategy.settings.minBaseFollowers);
  const owner = strategy.resources.people[0];
  check(compareDates(start, strategy.period.end) < 0, 'the strategy is too short for a campaign after its lead time');
  check(
    persona !== undefined && channel !== undefined && owner !== undefined,
    'the strategy needs a persona, a person and a channel with a follower base',
  );
  const teaserEnd = addDays(start, 13);
  return { start, end, persona, channel, owner, teaserEnd, launchStart: addDays(teaserEnd, 1) };
}

/** The strategy overview's "New campaign" link; by URL while the overview does not offer it. */
async function openNewCampaign(page: Page, ws: string, strategyId: string): Promise<void> {
  await page.goto(`/w/${ws}/strategies/${strategyId}`);
  const link = page.getByRole('link', { name: 'New campaign' });
  try {
    await link.first().waitFor({ timeout: 5_000 });
    await link.first().click();
  } catch {
    await page.goto(`/w/${ws}/strategies/${strategyId}/campaigns/new`);
  }
  await page.waitForURL(`**/w/${ws}/strategies/${strategyId}/campaigns/new`);
}

async function fillPhase(page: Page, number: number, name: string, dates: { start?: string; end?: string }, task: string): Promise<void> {
  const phase = page.getByRole('group', { name: `Phase ${number}`, exact: true });
  await phase.getByLabel('Name', { exact: true }).fill(name);
  if (dates.start) await phase.getByLabel('Start', { exact: true }).fill(dates.start);
  if (dates.end) await phase.getByLabel('End', { exact: true }).fill(dates.end);
  await page.getByRole('button', { name: `Add task to phase ${number}` }).click();
  await phase.getByRole('group', { name: 'Task 1' }).getByLabel('Title', { exact: true }).fill(task);
}

async function download(page: Page, linkName: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  const path = await file.path();
  check(path !== null, `${linkName}: the download failed (${await file.failure()})`);
  return readFile(path);
}

export async function planCampaignInside(page: Page, opts: { ws: string; strategyId: string }): Promise<{ campaignId: string }> {
  const { ws, strategyId } = opts;
  const strategy = await readStrategy(page, ws, strategyId);
  const plan = choose(strategy);
  await openNewCampaign(page, ws, strategyId);

  // Which fish bowl: a campaign screen, inside this strategy.
  await page.getByRole('heading', { name: 'New campaign', level: 1 }).waitFor();
  check((await page.locator('.kind-label').innerText()).toUpperCase() === 'CAMPAIGN', 'the kind label says CAMPAIGN');
  await page.locator('.campaign-context').getByRole('link', { name: strategy.name }).waitFor();

  await page.getByLabel('Campaign name', { exact: true }).fill('Autumn rye launch');
  const campaignId = await page.getByLabel('Id', { exact: true }).inputValue();
  check(campaignId === 'autumn-rye-launch', `the id follows the name (got "${campaignId}")`);
  await page.getByLabel('Type', { exact: true }).selectOption('product-launch');
  await page.getByLabel('Start date', { exact: true }).fill(plan.start);
  await page.getByLabel('End date', { exact: true }).fill(plan.end);

  // Audience and channels come from the strategy only: a channel it does not have is not offered.
  const channels = page.getByRole('group', { name: 'Channels' });
  check((await channels.getByRole('checkbox').count()) === strategy.channels.length, 'every strategy channel is offered');
  if (!strategy.channels.some((c) => c.id === 'tiktok' || c.platform === 'tiktok')) {
    check((await channels.getByRole('checkbox', { name: /tiktok/i }).count()) === 0, 'tiktok is not offered');
  }
  await page.getByRole('group', { name: 'Audience (personas)' }).getByRole('checkbox', { name: plan.persona.name }).check();
  await channels.getByRole('checkbox', { name: plan.channel.id }).first().check();

  await page.getByRole('button', { name: 'Create campaign' }).click();
  await page.waitForURL(`**/w/${ws}/strategies/${strategyId}/campaigns/${campaignId}`);

  // Saved but not ready: the checklist names what is missing and activation is blocked.
  const checklist = page.getByRole('list', { name: 'Readiness items' });
  await checklist.locator('[data-item="owner"].check-unmet').waitFor();
  check(await page.getByRole('button', { name: 'Activate campaign' }).isDisabled(), 'activation is blocked while items are unmet');

  // Fill the checklist: owner, response goal, budget (with its live ROI), support, phases with tasks.
  await page.getByLabel('Owner', { exact: true }).selectOption(plan.owner.id);
  await page.getByLabel('Metric', { exact: true }).selectOption('sales');
  await page.getByLabel('Target', { exact: true }).fill('300');
  await page.getByLabel('Unit', { exact: true }).fill('loaves');
  await page.getByLabel('Budget', { exact: true }).fill('3000');
  await page.getByLabel('Expected revenue', { exact: true }).fill('7500');
  const roi = page.getByRole('status', { name: 'Projected ROI' });
  check((await roi.innerText()) === '+150%', `projected ROI of 3000 → 7500 is +150% (got "${await roi.innerText()}")`);
  await page.getByRole('group', { name: 'Supported beyond organic posts by' }).getByRole('checkbox', { name: 'Advertising' }).check();

  await page.getByRole('button', { name: 'Add phase' }).click();
  await fillPhase(page, 1, 'Teasers', { end: plan.teaserEnd }, 'Brief two baking influencers');
  await page.getByRole('button', { name: 'Add phase' }).click();
  await fillPhase(page, 2, 'Launch', {}, 'Launch-day post series');
  check(
    (await page.getByRole('group', { name: 'Phase 2', exact: true }).getByLabel('Start', { exact: true }).inputValue()) ===
      plan.launchStart,
    'phase 2 starts after phase 1',
  );
  await page.locator('.gantt-frame .bar-wrapper').nth(3).waitFor(); // two phases and two tasks on the timeline
  await page.getByRole('complementary', { name: 'Campaign check' }).getByText('all clear').waitFor(); // live lint caught up
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'campaign-planner');

  await page.getByRole('button', { name: 'Save campaign' }).click();
  await page.getByText('All changes saved').waitFor();
  // Posts fail on a channel without an account: the checklist says so and links to the Connections screen.
  const connect = checklist.locator('[data-item="channels-connected"].check-unmet');
  await connect.waitFor();
  await connect.getByRole('link', { name: 'Connect accounts' }).click();
  const row = page.getByTestId(`channel-${strategyId}-${plan.channel.id}`);
  await row.getByRole('button', { name: /^Connect / }).click();
  await page.getByLabel('Connector').selectOption('sandbox');
  await page.getByRole('button', { name: 'Connect account' }).click();
  await row.getByText('Connected', { exact: true }).waitFor();
  await page.goBack();
  await page.getByText(/^All \d+ items met: ready to activate\.$/).waitFor();
  check((await checklist.locator('.check-unmet').count()) === 0, 'every readiness item is met');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'readiness');

  await page.getByRole('button', { name: 'Activate campaign' }).click();
  await page.getByText('Status: active').waitFor();
  await page.getByRole('button', { name: 'Mark completed' }).waitFor();

  // The master document of the strategy, with this campaign in it.
  const pdf = await download(page, 'Download the master document as PDF');
  check(pdf.length > 0 && pdf.subarray(0, 4).toString('latin1') === '%PDF', 'the PDF export is a PDF');
  check(pdf.includes(Buffer.from(strategy.name, 'latin1')), 'the PDF carries the strategy name');
  const docx = await download(page, 'Download the master document as DOCX');
  check(docx.length > 0 && docx.subarray(0, 2).toString('latin1') === 'PK', 'the DOCX export is a zip (DOCX) file');
  return { campaignId };
}
