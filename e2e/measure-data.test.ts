/**
 * Measured data through the UI: a CSV of conversions is checked (its bad rows listed by line and
 * column), then imported; KPI values likewise; a campaign's costs are added and deleted on its page,
 * with its real ROI beside the projected one.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cleanCampaign, cleanStrategy, CLEAN_CAMPAIGN_ID, CLEAN_STRATEGY_ID } from '../test/plan-fixtures.ts';
import {
  accessibilityViolations,
  expectTitle,
  hasHorizontalScroll,
  openPage,
  screenshot,
  SCREENSHOTS,
  TEST_PASSWORD,
  unexpectedProblems,
  useE2eApp,
} from './harness.ts';

const e2e = useE2eApp();

/** A signed-up owner with a workspace holding the clean strategy and its campaign (budget 3,000 EUR). */
async function workspaceWithCampaign(page: Page, email: string): Promise<string> {
  expect(
    (await page.request.post('/api/v1/auth/signup', { data: { name: 'Ines Analyst', email, password: TEST_PASSWORD } })).status(),
  ).toBe(201);
  const created = await page.request.post('/api/v1/workspaces', { data: { name: `Workspace of ${email}` } });
  expect(created.status()).toBe(201);
  const ws = ((await created.json()) as { workspace: { slug: string } }).workspace.slug;
  expect((await page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: cleanStrategy() })).status()).toBe(201);
  expect((await page.request.post(`/api/v1/workspaces/${ws}/campaigns`, { data: cleanCampaign() })).status()).toBe(201);
  return ws;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('import data', () => {
  it('checks a CSV of conversions, lists its bad rows by line, imports the good ones on confirmation', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await workspaceWithCampaign(page, 'ines@example.com');
    await page.goto(`/w/${ws}`);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Import data' }).click();
    await expectTitle(page, 'Import data');

    const csv = [
      'external_id,campaign,value,currency,occurred_at',
      `order-1,${CLEAN_CAMPAIGN_ID},42.50,EUR,${day(-3)}T10:15:00Z`,
      `order-2,no-such-campaign,10,EUR,${day(-2)}`,
      `order-3,${CLEAN_CAMPAIGN_ID},12 euros,EUR,${day(-2)}`,
      `order-4,${CLEAN_CAMPAIGN_ID},19.90,EUR,${day(-1)}`,
    ].join('\n');
    await page.getByLabel('Or paste CSV').fill(csv);
    await page.getByRole('button', { name: 'Check file' }).click();
    const preview = page.locator('.import-preview');
    await preview.getByRole('heading', { name: '3. Check before importing' }).waitFor();
    await preview.getByText('2 rows to import').waitFor();
    await preview.getByText('2 rows with errors').waitFor();
    const errors = preview.getByRole('table', { name: 'Rows with errors' });
    expect(await errors.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^3\s+campaign\s+no campaign "no-such-campaign" in this workspace$/),
      expect.stringMatching(/^4\s+value\s+value "12 euros" is not a number$/),
    ]);
    expect(await preview.getByRole('table', { name: 'Rows to import' }).locator('tbody tr').count()).toBe(2);
    // Nothing is stored by the check.
    const before = await page.request.get(`/api/v1/workspaces/${ws}/campaigns/${CLEAN_CAMPAIGN_ID}/roi`);
    expect(((await before.json()) as { conversions: number }).conversions).toBe(0);

    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'import-data-preview');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'import-data-preview-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await preview.getByRole('button', { name: 'Import 2 rows' }).click();
    await preview.getByRole('status').filter({ hasText: 'Imported 2 rows of 4 rows.' }).waitFor();
    await preview.getByRole('heading', { name: '3. Imported' }).waitFor();
    const roi = (await (await page.request.get(`/api/v1/workspaces/${ws}/campaigns/${CLEAN_CAMPAIGN_ID}/roi`)).json()) as {
      conversions: number;
      revenue: number;
    };
    expect(roi).toMatchObject({ conversions: 2, revenue: 62.4 });
    await screenshot(page, 'import-data-imported');

    // The same file again: the imported rows are recognised, nothing is counted twice.
    await page.getByRole('button', { name: 'Check file' }).click();
    await preview.getByText('2 rows unchanged').waitFor();
    await preview.getByRole('button', { name: 'Nothing to import' }).waitFor();

    // KPI values of the strategy.
    await page.getByLabel('KPI values of a strategy').check();
    await page.getByLabel('Or paste CSV').fill(`kpi,date,value\nig-followers,${day(-1)},950\nig-folowers,${day(-1)},3\n`);
    await page.getByRole('button', { name: 'Check file' }).click();
    await preview.getByText('1 row to import').waitFor();
    await preview.getByText('did you mean "ig-followers"?').waitFor();
    await preview.getByRole('button', { name: 'Import 1 row' }).click();
    await preview.getByRole('status').filter({ hasText: 'Imported 1 row of 2 rows.' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 120_000);

  it('shows a refused file with the lines that make it unreadable', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await workspaceWithCampaign(page, 'refused@example.com');
    await page.goto(`/w/${ws}/import-data`);
    await page.getByLabel('Or paste CSV').fill('id;value\n1;2\n');
    await page.getByRole('button', { name: 'Check file' }).click();
    const refusal = page.locator('.import-refusal');
    await refusal
      .getByText(/not semicolons/)
      .first()
      .waitFor();
    expect(await refusal.getByRole('table', { name: 'Rows with errors' }).locator('tbody tr').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
    expect(unexpectedProblems(problems, [422])).toEqual([]);
  }, 60_000);
});

describe('campaign costs', () => {
  it('adds and deletes cost entries on the campaign page, with totals and the ROI basis', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await workspaceWithCampaign(page, 'costs@example.com');
    await page.goto(`/w/${ws}/strategies/${CLEAN_STRATEGY_ID}/campaigns/${CLEAN_CAMPAIGN_ID}`);
    await page.getByRole('link', { name: 'Costs and ROI' }).click();
    const card = page.locator('.costs-card');
    await card.getByText('No costs entered yet').waitFor();
    await card
      .getByTestId('campaign-roi')
      .getByText(/planned cost/)
      .waitFor();
    await card.scrollIntoViewIfNeeded();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'campaign-costs-empty');

    await card.getByLabel('Amount (EUR)').fill('1200');
    await card.getByLabel('Category', { exact: true }).selectOption('ads');
    await card.getByLabel('Note (optional)').fill('Instagram boost');
    await card.getByRole('button', { name: 'Add cost' }).click();
    await card.getByRole('cell', { name: 'Instagram boost' }).waitFor();
    await card.getByLabel('Amount (EUR)').fill('300.25');
    await card.getByLabel('Category', { exact: true }).selectOption('production');
    await card.getByRole('button', { name: 'Add cost' }).click();
    await card.getByText('€1,500.25').first().waitFor();
    await card
      .getByTestId('campaign-roi')
      .getByText(/actual cost/)
      .waitFor();
    const totals = card.getByRole('definition');
    expect(await totals.allInnerTexts()).toEqual(['€1,200.00', '€300.25', '€0.00', '€0.00', '€0.00']);

    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'campaign-costs');
    // The whole page is long: the card itself, to judge it by eye.
    await card.screenshot({ path: path.join(SCREENSHOTS, 'campaign-costs-card.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'campaign-costs-phone');
    await card.screenshot({ path: path.join(SCREENSHOTS, 'campaign-costs-card-phone.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    const remove = card.getByRole('button', { name: /^Delete Production cost of €300\.25/ });
    await remove.click();
    await page.getByRole('button', { name: 'Delete cost' }).click();
    await remove.waitFor({ state: 'detached' });
    expect(await card.getByRole('row').count()).toBe(2);
    expect(await totals.allInnerTexts()).toEqual(['€1,200.00', '€0.00', '€0.00', '€0.00', '€0.00']);

    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 120_000);
});
