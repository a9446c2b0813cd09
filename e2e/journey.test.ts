/**
 * The journey of issue #4, end to end in Chromium: a new user signs up, builds a strategy step by step
 * (a lint warning appears and disappears as a field is fixed), plans a campaign inside it (a channel
 * outside the strategy is not offered), completes the readiness checklist, activates the campaign and
 * downloads the master document as PDF and DOCX. Any console error fails it.
 */
import { describe, expect, it } from 'vitest';
import { planCampaignInside } from './campaign-journey.ts';
import { openPage, screenshot, signUpWithWorkspace, unexpectedProblems, useE2eApp } from './harness.ts';
import { buildStrategyStepByStep } from './strategy-journey.ts';

const e2e = useE2eApp();

describe('strategist journey', () => {
  it('signs up, builds a strategy, plans and activates a campaign inside it, exports the master document', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await page.goto('/');
    await page.waitForURL('**/signin');
    await page.getByRole('link', { name: 'Create an account' }).click();
    const ws = await signUpWithWorkspace(page, { name: 'Grace Planner', email: 'grace.planner@example.com' }, 'Harbour Books');

    const { strategyId } = await buildStrategyStepByStep(page, { ws });
    const { campaignId } = await planCampaignInside(page, { ws, strategyId });

    // Back on the strategy: the active campaign sits on the timeline, inside the strategy period.
    await page.goto(`/w/${ws}/strategies/${strategyId}`);
    const bar = page.getByTestId('timeline').locator(`[data-campaign="${campaignId}"]`);
    await bar.waitFor();
    expect(await bar.isVisible()).toBe(true);
    await screenshot(page, 'journey-strategy-overview');

    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 180_000);
});
