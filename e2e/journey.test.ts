/**
 * The journey of issue #4, end to end in Chromium: a new user signs up, builds a strategy step by step
 * (a lint warning appears and disappears as a field is fixed), plans a campaign inside it (a channel
 * outside the strategy is not offered), completes the readiness checklist, activates the campaign and
 * downloads the master document as PDF and DOCX. Any console error fails it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planCampaignInside } from './campaign-journey.ts';
import { launchBrowser, openPage, screenshot, startServer, unexpectedProblems, type E2eServer, expectTitle } from './harness.ts';
import { buildStrategyStepByStep } from './strategy-journey.ts';

let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('strategist journey', () => {
  it('signs up, builds a strategy, plans and activates a campaign inside it, exports the master document', async () => {
    const { page, problems, context } = await openPage(browser, server.baseUrl);
    await page.goto('/');
    await page.waitForURL('**/signin');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expectTitle(page, 'Create your account');
    await page.getByLabel('Your name').fill('Grace Planner');
    await page.getByLabel('Email').fill('grace.planner@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Workspace name').fill('Harbour Books');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL('**/w/harbour-books');

    const { strategyId } = await buildStrategyStepByStep(page, { ws: 'harbour-books' });
    const { campaignId } = await planCampaignInside(page, { ws: 'harbour-books', strategyId });

    // Back on the strategy: the active campaign sits on the timeline, inside the strategy period.
    await page.goto(`/w/harbour-books/strategies/${strategyId}`);
    const bar = page.getByTestId('timeline').locator(`[data-campaign="${campaignId}"]`);
    await bar.waitFor();
    expect(await bar.isVisible()).toBe(true);
    await screenshot(page, 'journey-strategy-overview');

    await context.close();
    expect(unexpectedProblems(problems, [401])).toEqual([]);
  }, 180_000);
});
