import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cleanCampaign, cleanStrategy, CLEAN_STRATEGY_ID } from '../test/plan-fixtures.ts';
import { planCampaignInside } from './campaign-journey.ts';
import { hasHorizontalScroll, openPage, screenshot, signUpWithWorkspace, TEST_PASSWORD, unexpectedProblems, useE2eApp } from './harness.ts';

const e2e = useE2eApp();

/** A signed-in user with a fresh workspace, set up through the API (the first test does it through the UI). */
async function signedUpWithWorkspace(page: Page, email: string): Promise<string> {
  const signup = await page.request.post('/api/v1/auth/signup', { data: { name: 'Camille Planner', email, password: TEST_PASSWORD } });
  expect(signup.status()).toBe(201);
  const created = await page.request.post('/api/v1/workspaces', { data: { name: `Workspace of ${email}` } });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { workspace: { slug: string } }).workspace.slug;
}

async function createCleanStrategy(page: Page, ws: string): Promise<string> {
  const res = await page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: cleanStrategy() });
  expect(res.status()).toBe(201);
  return CLEAN_STRATEGY_ID;
}

describe('campaign planner', () => {
  it('plans a campaign inside a strategy, makes it ready, activates it and exports the master document', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    expect(await signUpWithWorkspace(page, { name: 'Camille Planner', email: 'camille@example.com' }, 'Acme Bakery')).toBe('acme-bakery');
    const strategyId = await createCleanStrategy(page, 'acme-bakery');

    const { campaignId } = await planCampaignInside(page, { ws: 'acme-bakery', strategyId });

    const stored = await page.request.get(`/api/v1/workspaces/acme-bakery/campaigns/${campaignId}`);
    expect(((await stored.json()) as { status: string }).status).toBe('active');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'campaign-planner-phone');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 120_000);

  it('says clearly that a campaign needs a strategy when the strategy does not exist', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await signedUpWithWorkspace(page, 'nostrategy@example.com');
    await page.goto(`/w/${ws}/strategies/no-such-strategy/campaigns/new`);
    await page.getByRole('heading', { name: 'A campaign needs a strategy to live in' }).waitFor();
    await page.getByText('No strategy with id "no-such-strategy"').waitFor();
    expect(await page.getByLabel('Campaign name').count()).toBe(0);
    await context.close();
    expect(unexpectedProblems(problems, [404])).toEqual([]);
  }, 60_000);

  it('moves a phase when its bar is dragged on the timeline, and saves the new dates', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await signedUpWithWorkspace(page, 'gantt@example.com');
    const strategyId = await createCleanStrategy(page, ws);
    const campaign = cleanCampaign();
    expect((await page.request.post(`/api/v1/workspaces/${ws}/strategies/${strategyId}/campaigns`, { data: campaign })).status()).toBe(201);
    await page.goto(`/w/${ws}/strategies/${strategyId}/campaigns/${campaign.id}`);

    const launch = page.getByRole('group', { name: 'Phase 2', exact: true });
    const before = await launch.getByLabel('Start').inputValue();
    expect(before).toBe(campaign.phases[1]!.start);
    const bar = page.locator('.gantt-frame .bar-wrapper.gantt-phase').nth(1).locator('.bar');
    await bar.scrollIntoViewIfNeeded();
    const box = (await bar.boundingBox())!;
    const dayWidth = 20; // Week view: 140 px per week
    // Grab the bar near its start (its ends are resize handles; a long bar overflows the chart's view).
    const grab = { x: box.x + 20, y: box.y + box.height / 2 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x + dayWidth * 3, grab.y, { steps: 10 });
    await page.mouse.up();

    const movedStart = await launch.getByLabel('Start').inputValue();
    const movedEnd = await launch.getByLabel('End').inputValue();
    expect(movedStart > before).toBe(true);
    expect(movedEnd > campaign.phases[1]!.end).toBe(true);
    await page.getByRole('button', { name: 'Save campaign' }).click();
    await page.getByText('All changes saved').waitFor();
    const saved = (await (await page.request.get(`/api/v1/workspaces/${ws}/campaigns/${campaign.id}`)).json()) as {
      campaign: typeof campaign;
    };
    expect(saved.campaign.phases[1]).toMatchObject({ start: movedStart, end: movedEnd });
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);

  it('lets an owner activate an unready campaign only with a recorded reason, then complete it', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await signedUpWithWorkspace(page, 'owner@example.com');
    const strategyId = await createCleanStrategy(page, ws);
    const { owner: _unowned, ...campaign } = cleanCampaign();
    expect((await page.request.post(`/api/v1/workspaces/${ws}/strategies/${strategyId}/campaigns`, { data: campaign })).status()).toBe(201);
    await page.goto(`/w/${ws}/strategies/${strategyId}/campaigns/${campaign.id}`);

    await page.locator('[data-item="owner"].check-unmet').waitFor();
    expect(await page.getByRole('button', { name: 'Activate campaign' }).isDisabled()).toBe(true);
    await page.getByText('Override and activate').click();
    const activate = page.getByRole('button', { name: 'Activate despite unmet items' });
    await page.getByLabel('Reason for the override').fill('too short');
    expect(await activate.isDisabled()).toBe(true);
    await page.getByLabel('Reason for the override').fill('The owner is on leave; Ana covers until she is back.');
    await activate.click();
    await page.getByText('Status: active').waitFor();
    await page.getByText('The override and its reason are recorded in the audit log.').waitFor();
    const audit = await page.request.get(`/api/v1/workspaces/${ws}/audit?entityType=campaign&entityId=${campaign.id}`);
    expect(await audit.text()).toContain('The owner is on leave; Ana covers until she is back.');

    await page.getByRole('button', { name: 'Mark completed' }).click();
    await page.getByText('Status: completed').waitFor();
    await page.getByText('A completed campaign is final.').waitFor();
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);

  it('shows a save refused because someone else changed the campaign, and reloads it', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await signedUpWithWorkspace(page, 'conflict@example.com');
    const strategyId = await createCleanStrategy(page, ws);
    const campaign = cleanCampaign();
    expect((await page.request.post(`/api/v1/workspaces/${ws}/strategies/${strategyId}/campaigns`, { data: campaign })).status()).toBe(201);
    await page.goto(`/w/${ws}/strategies/${strategyId}/campaigns/${campaign.id}`);
    await page.getByLabel('Campaign name', { exact: true }).fill('Summer rye launch, my version');

    const elsewhere = await page.request.put(`/api/v1/workspaces/${ws}/campaigns/${campaign.id}`, {
      data: { ...campaign, name: 'Summer rye launch, their version' },
    });
    expect(elsewhere.status()).toBe(200);
    await page.getByRole('button', { name: 'Save campaign' }).click();
    await page
      .getByRole('alert')
      .getByText(/changed since version 1/)
      .waitFor();
    await page.getByRole('button', { name: 'Discard my changes and reload' }).click();
    await page.getByRole('heading', { name: 'Summer rye launch, their version', level: 1 }).waitFor();
    await context.close();
    expect(unexpectedProblems(problems, [409])).toEqual([]);
  }, 60_000);

  it('imports YAML: shows the findings before saving, then imports and links to the strategy', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await signedUpWithWorkspace(page, 'importer@example.com');
    await page.goto(`/w/${ws}/import`);
    await page.getByRole('heading', { name: 'Import a plan' }).waitFor();
    await page.getByLabel('YAML file').setInputFiles('examples/flawed/campaign-flawed.yaml');

    const findings = page.getByRole('list', { name: 'Findings' });
    await findings.getByText('campaign-channel-outside-strategy').waitFor();
    await findings.getByText('campaign-too-early').waitFor();
    const listed = await page.request.get(`/api/v1/workspaces/${ws}/strategies`);
    expect(((await listed.json()) as { strategies: unknown[] }).strategies).toEqual([]); // nothing saved yet
    await screenshot(page, 'import-preview');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const results = page.getByRole('table', { name: 'Imported documents' });
    await results.getByRole('row', { name: /lakeside-2027.*created/ }).waitFor();
    await results.getByRole('row', { name: /big-summer-push.*created/ }).waitFor();
    await page.getByRole('link', { name: 'Lakeside Bakery social media strategy 2027' }).first().waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'import');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);
});
