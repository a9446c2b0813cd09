import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectTitle, hasHorizontalScroll, openPage, screenshot, signUpWithWorkspace, unexpectedProblems, useE2eApp } from './harness.ts';
import { buildStrategyStepByStep } from './strategy-journey.ts';

const e2e = useE2eApp();

/** The layout fits both widths: no horizontal scrolling at 1280 px or at a 390 px phone width. */
async function fitsDesktopAndPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await hasHorizontalScroll(page), `${name} at 1280 px`).toBe(false);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await hasHorizontalScroll(page), `${name} at 390 px`).toBe(false);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('strategy builder and overview', () => {
  it('a new user builds a clean strategy step by step and sees it on the overview, on desktop and phone', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    expect(await signUpWithWorkspace(page, { name: 'Ada Strategist', email: 'ada.strategist@example.com' }, 'Ada & Co')).toBe('ada-co');
    await page.getByRole('heading', { name: 'Start with the strategy' }).waitFor();
    await screenshot(page, 'strategy-list-empty');

    const { strategyId } = await buildStrategyStepByStep(page, { ws: 'ada-co' });
    expect(strategyId).toBe('ada-co-social-media-strategy');
    await fitsDesktopAndPhone(page, 'strategy-overview');

    // The builder resumes at any step from its URL, and fits a phone too.
    await page.goto(`/w/ada-co/strategies/${strategyId}/edit/channels`);
    await page.getByRole('group', { name: 'Channel 2', exact: true }).waitFor();
    await expectTitle(page, 'Edit strategy: Channels');
    await fitsDesktopAndPhone(page, 'strategy-builder');

    // The stepper works from the keyboard, and a new step puts focus on its heading.
    await page.getByRole('link', { name: /^Resources/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/edit/resources');
    await page.waitForFunction(() => document.activeElement?.id === 'step-heading');
    await expectTitle(page, 'Edit strategy: Resources');

    // The workspace home lists the strategy as a card.
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Strategies' }).click();
    await page.waitForURL('**/w/ada-co');
    await expectTitle(page, 'Strategies');
    await page.getByRole('heading', { name: 'Ada & Co social media strategy', level: 2 }).waitFor();
    await fitsDesktopAndPhone(page, 'strategy-list');

    // Two editors at once: the second save meets a version conflict, says so, and can reload.
    const edit = `/w/ada-co/strategies/${strategyId}/edit/basics`;
    const other = await context.newPage();
    await Promise.all([page.goto(edit), other.goto(edit)]);
    await other.getByLabel('Notes', { exact: true }).fill('Changed in the other tab.');
    await other.getByRole('button', { name: 'Save', exact: true }).click();
    await other
      .getByTestId('save-status')
      .filter({ hasText: /^Saved · version \d+$/ })
      .waitFor();
    await page.getByLabel('Notes', { exact: true }).fill('Changed in this tab.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else saved this strategy' }).waitFor();
    await page.getByRole('button', { name: 'Load the latest version' }).click();
    await page
      .getByTestId('save-status')
      .filter({ hasText: /^Saved · version \d+$/ })
      .waitFor();
    expect(await page.getByLabel('Notes', { exact: true }).inputValue()).toBe('Changed in the other tab.');

    await context.close();
    expect(unexpectedProblems(problems, [409])).toEqual([]);
  }, 180_000);
});
