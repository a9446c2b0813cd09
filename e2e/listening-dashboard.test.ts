/**
 * The listening dashboard in the browser: the demo workspace's year of listening (src/demo/
 * generate-listening.ts, ending on the e2e history end) reached from the navigation, the period and
 * the topic changed (the URL follows), spike alerts listed and their settings saved with a webhook
 * whose secret is shown once; at 1280 and 390 px, screenshots taken, no console error, axe clean.
 * And a new workspace without queries says what to set up.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkBothWidths, expectTitle, openPage, TEST_PASSWORD, unexpectedProblems, useE2eApp, signInAsDemo } from './harness.ts';

const e2e = useE2eApp();
/** The demo's history ends here in the browser tests (e2e/harness.ts). */
const END = '2027-11-15';

const settled = (page: Page) => page.locator('.listening-dashboard[aria-busy="false"]').waitFor();
const total = (page: Page, label: string) =>
  page
    .locator('.total', { has: page.getByText(label, { exact: true }) })
    .locator('.total-value')
    .innerText();

describe('listening dashboard', () => {
  it('shows the demo’s mentions, sentiment, share of voice, authors, terms and alerts; narrows by period and topic', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await signInAsDemo(page, e2e.server);
    await page.getByRole('link', { name: 'Listening', exact: true }).click();
    await expectTitle(page, 'Listening dashboard');
    await page.goto(`/w/demo/listening/dashboard?to=${END}`);
    await settled(page);

    expect(Number((await total(page, 'Mentions')).replace(/\D/g, ''))).toBeGreaterThan(200);
    expect(await total(page, 'Net sentiment')).toMatch(/^[+−-]?0?[.,]\d+$|^0$/);
    await page.getByRole('img', { name: /^Mentions per day: / }).waitFor();
    await page.getByRole('img', { name: /^Sentiment per day: \d+ positive/ }).waitFor();
    await page.getByRole('heading', { name: /^Coffee roasters: \d+(\.\d)?% for your brand$/ }).waitFor();
    await page
      .getByRole('table', { name: 'Share of voice in Coffee roasters' })
      .getByRole('rowheader', { name: /Acme Roasters/ })
      .waitFor();
    expect(await page.getByRole('table', { name: 'Top authors' }).getByRole('row').count()).toBe(11);
    await page.getByRole('table', { name: 'Top terms' }).getByRole('rowheader', { name: 'northwind', exact: true }).waitFor();
    // The demo's two spikes (a magazine feature, a bad review) raised alerts on the brand.
    expect(await page.locator('.spike-list li', { hasText: 'Northwind' }).count()).toBeGreaterThanOrEqual(2);
    const violations: string[] = [];
    await checkBothWidths(page, 'listening-dashboard', violations);

    // Three days: hourly buckets.
    await page.getByRole('button', { name: '3 days' }).click();
    await page.waitForURL((url) => url.searchParams.get('days') === '3');
    await page.getByRole('img', { name: /^Mentions per hour: / }).waitFor();
    await settled(page);

    // One topic: the cold brew query alone.
    await page.getByRole('button', { name: '90 days' }).click();
    await page.getByLabel('Show').selectOption({ label: 'Cold brew' });
    await page.waitForURL((url) => url.searchParams.has('q'));
    await settled(page);
    expect(await page.getByLabel('Show').inputValue()).toMatch(/^q:/);
    await checkBothWidths(page, 'listening-dashboard-query', violations);

    // Alert settings: a webhook URL gets its signing secret, shown once.
    await page.locator('summary', { hasText: 'Alert settings' }).click();
    await page.getByLabel('Minimum mentions in the hour').fill('12');
    await page.getByLabel(/^Webhook URL/).fill('https://hooks.example.com/groundwork');
    await page.getByRole('button', { name: 'Save alert settings' }).click();
    await page.getByText(/Webhook signing secret .*whsec_/).waitFor();
    await page.getByText('(now: hooks.example.com; a new URL replaces it)').waitFor();
    expect(await page.getByLabel('Minimum mentions in the hour').inputValue()).toBe('12');
    await checkBothWidths(page, 'listening-dashboard-settings', violations);
    expect(violations).toEqual([]);
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 120_000);

  it('says what to set up in a workspace without listening queries', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    expect(
      (
        await page.request.post('/api/v1/auth/signup', {
          data: { name: 'Lee Listener', email: 'lee@example.com', password: TEST_PASSWORD },
        })
      ).status(),
    ).toBe(201);
    const created = await page.request.post('/api/v1/workspaces', { data: { name: 'Quiet Bakery' } });
    const ws = ((await created.json()) as { workspace: { slug: string } }).workspace.slug;
    await page.goto(`/w/${ws}/listening/dashboard`);
    await page.getByRole('heading', { name: 'No listening queries yet' }).waitFor();
    await page.getByRole('link', { name: 'Set up listening' }).waitFor();
    await page.getByText(/No spikes yet/).waitFor();
    const violations: string[] = [];
    await checkBothWidths(page, 'listening-dashboard-empty', violations);
    expect(violations).toEqual([]);
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);
});
