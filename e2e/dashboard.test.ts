/**
 * The dashboards in the browser: a strategy with a year of history (e2e/dashboard-seed.ts) opened
 * from its overview, the range changed (the URL follows, the numbers change), compare toggled, the
 * campaign's dashboard opened from the strategy's; each at 1280 and 390 px, screenshots taken, no
 * console error, no serious axe violation. And a strategy with nothing measured says what to connect.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { CAMPAIGN_ID, seedDashboard, STRATEGY_ID } from './dashboard-seed.ts';
import {
  accessibilityViolations,
  expectTitle,
  hasHorizontalScroll,
  openPage,
  screenshot,
  TEST_PASSWORD,
  unexpectedProblems,
  useE2eApp,
  signInAsDemo,
} from './harness.ts';

const e2e = useE2eApp();

async function signUp(page: Page, email: string): Promise<string> {
  expect(
    (await page.request.post('/api/v1/auth/signup', { data: { name: 'Dana Analyst', email, password: TEST_PASSWORD } })).status(),
  ).toBe(201);
  const created = await page.request.post('/api/v1/workspaces', { data: { name: `Bakery of ${email}` } });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { workspace: { slug: string } }).workspace.slug;
}

const total = (page: Page, metric: string) => page.getByTestId(`total-${metric}`).locator('.total-value').innerText();

/**
 * Waits until the dashboard shows what the URL asks for: first the control in its new state (the page
 * has rendered the new URL), then no request in flight (the previous range stays on screen while the
 * new one loads).
 */
async function settled(page: Page, shown?: Locator): Promise<void> {
  await shown?.waitFor();
  await page.locator('.dashboard[aria-busy="false"]').waitFor();
}

const preset = (page: Page, name: string) => page.getByRole('button', { name, pressed: true });

/** Checks the page at 390 px (no sideways scrolling, axe clean), screenshots it, and returns to 1280 px. */
async function checkPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  expect(await hasHorizontalScroll(page)).toBe(false);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('dashboards', () => {
  it('opens a strategy dashboard, changes the range, compares, and opens the campaign dashboard', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await signUp(page, 'dana@example.com');
    await seedDashboard(page.request, ws, e2e.server.dataDir);

    await page.goto(`/w/${ws}/strategies/${STRATEGY_ID}`);
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await expectTitle(page, 'Dashboard · Acme Bakery social media');
    await settled(page);
    expect(new URL(page.url()).pathname).toBe(`/w/${ws}/strategies/${STRATEGY_ID}/dashboard`);

    // Every KPI with its status in words; the measured ones with a value.
    for (const id of ['followers', 'ig-engagement', 'visits', 'orders', 'wholesale']) await page.getByTestId(`kpi-${id}`).waitFor();
    expect(await page.getByTestId('kpi-followers').locator('.kpi-current').innerText()).toMatch(/\d/);
    expect(await page.getByTestId('kpi-wholesale').locator('.badge').innerText()).toMatch(/Ahead|On track|At risk|Behind|Achieved/);
    expect(await page.getByRole('progressbar', { name: 'Progress of Followers on all channels' }).getAttribute('aria-valuetext')).toMatch(
      /of the way to the target, .* expected by now/,
    );
    await page.getByRole('img', { name: /^Followers per day of Instagram @acmebakery, Bluesky @acme\.bakery/ }).waitFor();
    await page.getByTestId('channel-instagram').getByText('Connected', { exact: true }).waitFor();
    await page.getByTestId('channel-linkedin').getByText('Not connected', { exact: true }).waitFor();
    await page
      .getByTestId('channel-instagram')
      .getByText(/per impression/)
      .waitFor();
    await page
      .getByTestId('channel-bluesky')
      .getByText(/per follower/)
      .waitFor();
    await page.getByText('Not connected, so not measured: linkedin.').waitFor();
    await page
      .getByTestId('promotional-share')
      .getByText(/Above the maximum|Within plan/)
      .waitFor();
    await page
      .getByTestId(`campaign-response-${CAMPAIGN_ID}`)
      .getByText(/of 200 loaves/)
      .waitFor();

    await preset(page, '90 days').waitFor();
    const clicks90 = await total(page, 'link_clicks');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-strategy-1280');

    await page.getByRole('button', { name: '30 days' }).click();
    await page.waitForURL((url) => url.searchParams.get('range') === '30d');
    await settled(page, preset(page, '30 days'));
    await page.waitForFunction(
      ([before]) => document.querySelector('[data-testid="total-link_clicks"] .total-value')?.textContent !== before,
      [clicks90],
    );
    const clicks30 = await total(page, 'link_clicks');
    expect(Number(clicks30.replace(/\D/g, ''))).toBeLessThan(Number(clicks90.replace(/\D/g, '')));

    // The URL holds the state: the box is ticked once the URL says so.
    const compare = page.getByRole('checkbox', { name: 'Compare with previous period' });
    await compare.click();
    await page.waitForURL((url) => url.searchParams.get('compare') === '1' && url.searchParams.get('range') === '30d');
    await settled(page, page.getByRole('checkbox', { name: 'Compare with previous period', checked: true }));
    await page
      .getByTestId('total-link_clicks')
      .getByText(/vs previous period/)
      .waitFor();
    await page.getByRole('img', { name: /Link clicks per day: .* with the previous period dashed/ }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-strategy-compare-1280');
    await checkPhone(page, 'dashboard-strategy-compare');

    // A custom range, kept in the URL.
    await page.getByRole('button', { name: 'Custom' }).click();
    await page.waitForURL((url) => url.searchParams.has('from') && url.searchParams.has('to'));
    const to = new URL(page.url()).searchParams.get('to')!;
    await page.getByLabel('From', { exact: true }).fill(`${Number(to.slice(0, 4)) - 1}${to.slice(4)}`);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`);
    await settled(page, page.getByTestId('range-shown').getByText(String(Number(to.slice(0, 4)) - 1)));
    expect(Number((await total(page, 'link_clicks')).replace(/\D/g, ''))).toBeGreaterThan(Number(clicks90.replace(/\D/g, '')));

    // The campaign's dashboard, from plan vs actual.
    await page.getByTestId(`campaign-response-${CAMPAIGN_ID}`).getByRole('link', { name: 'Summer rye launch' }).click();
    await expectTitle(page, 'Dashboard · Summer rye launch');
    await settled(page);
    await page.getByText(/of 200 loaves/).waitFor();
    expect(await page.getByTestId('spend-total').innerText()).toMatch(/1,380/);
    expect(await page.getByTestId('roi-projected').innerText()).toBe('+200%');
    expect(await page.getByTestId('roi-real').innerText()).toMatch(/^[+−]\d/);
    await page.getByRole('heading', { name: 'Top posts' }).waitFor();
    expect(await page.locator('.top-posts li').count()).toBe(5);
    await page.getByRole('img', { name: /^Conversions per day/ }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-campaign-1280');
    await checkPhone(page, 'dashboard-campaign');

    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 180_000);

  it("opens the demo strategy's dashboard from its overview and changes the range", async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await signInAsDemo(page, e2e.server);
    await page.goto('/w/demo/strategies/northwind-2027');
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await expectTitle(page, 'Dashboard · Northwind social media strategy 2027');
    await settled(page);
    for (const id of ['total-followers', 'subscription-signups', 'office-leads']) await page.getByTestId(`kpi-${id}`).waitFor();
    await page.getByRole('button', { name: '12 months' }).click();
    await page.waitForURL((url) => url.searchParams.get('range') === '12m');
    await settled(page, preset(page, '12 months'));
    expect(await page.getByTestId('range-shown').innerText()).toMatch(/\d{4} – /);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-demo-1280');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);

  it('says what to connect when a strategy has nothing measured yet', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl, { width: 390, height: 844 });
    const ws = await signUp(page, 'eli@example.com');
    const strategy = {
      id: 'fresh',
      name: 'Fresh strategy',
      organisation: 'Acme',
      period: { start: '2026-01-01', end: '2026-12-31' },
      channels: [{ id: 'mastodon', platform: 'mastodon' }],
      objectives: [
        {
          id: 'o',
          area: 'brand',
          statement: 'Be trusted',
          kpis: [
            {
              id: 'trust',
              metric: 'Trust survey score',
              source: { metric: 'manual' },
              baseline: 10,
              target: 30,
              due: '2026-12-31',
              kind: 'brand',
            },
          ],
        },
      ],
    };
    expect((await page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: strategy })).status()).toBe(201);
    await page.goto(`/w/${ws}/strategies/fresh/dashboard`);
    await page.getByRole('heading', { name: 'No numbers for this strategy yet' }).waitFor();
    await page.getByText(/Connect a channel on the Connections page to start collecting numbers \(not connected: mastodon\)/).waitFor();
    await page.getByText(/KPIs measured by people \(trust\)/).waitFor();
    expect(await page.getByTestId('kpi-trust').getByText('No data').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Import values' }).first().getAttribute('href')).toBe(`/w/${ws}/import-data`);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-empty-390');
    await page.getByRole('link', { name: 'Open Connections' }).click();
    await expectTitle(page, 'Connections');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);
});
