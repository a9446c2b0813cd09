/**
 * The review cycle in the browser: a strategy whose period is under way publishes a post on the
 * sandbox network (far below its planned cadence of two a week); a review run from the Reviews page suggests
 * lowering the cadence; accepting it saves version 2, whose diff the Versions page shows. Every
 * screen on the way at 1280 and 390 px, without horizontal scrolling, console errors or serious axe
 * violations.
 */
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cleanStrategy } from '../test/plan-fixtures.ts';
import { checkBothWidths, expectTitle, openPage, TEST_PASSWORD, unexpectedProblems, useE2eApp } from './harness.ts';

const e2e = useE2eApp();

const today = DateTime.utc();
const iso = (d: DateTime) => d.toISODate()!;

/** A one-person workspace with a strategy that started 70 days ago, one channel on the sandbox network. */
async function setUp(page: Page): Promise<{ ws: string; strategyId: string }> {
  const email = 'rhea.review@example.com';
  expect((await page.request.post('/api/v1/auth/signup', { data: { name: 'Rhea Review', email, password: TEST_PASSWORD } })).status()).toBe(
    201,
  );
  const created = await page.request.post('/api/v1/workspaces', { data: { name: 'Rhea’s roastery' } });
  const ws = ((await created.json()) as { workspace: { slug: string } }).workspace.slug;
  expect((await page.request.patch(`/api/v1/workspaces/${ws}`, { data: { allowSelfApproval: true } })).status()).toBe(200);
  const strategy = cleanStrategy({ period: { start: iso(today.minus({ days: 70 })), end: iso(today.plus({ days: 295 })) } });
  for (const o of strategy.objectives) for (const k of o.kpis) k.due = strategy.period.end;
  const saved = await page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: strategy });
  expect(saved.status(), await saved.text()).toBe(201);
  const connected = await page.request.post(`/api/v1/workspaces/${ws}/connections`, {
    data: { strategy: strategy.id, channel: 'linkedin', connector: 'sandbox' },
  });
  expect(connected.status(), await connected.text()).toBe(201);
  // One post, published on the sandbox within two minutes (the worker sends it); times are whole minutes.
  const at = DateTime.utc().plus({ minutes: 2 }).set({ second: 0, millisecond: 0 }).toFormat("yyyy-MM-dd'T'HH:mm");
  const post = await page.request.post(`/api/v1/workspaces/${ws}/posts`, {
    data: {
      strategy: strategy.id,
      pillar: 'how-to',
      variants: { linkedin: { text: 'Why your sourdough is flat' } },
      localTime: at,
      timezone: 'UTC',
    },
  });
  expect(post.status(), await post.text()).toBe(201);
  const id = ((await post.json()) as { post: { id: string } }).post.id;
  for (const action of ['submit', 'approve', 'schedule']) {
    const step = await page.request.post(`/api/v1/workspaces/${ws}/posts/${id}/${action}`, { data: {} });
    expect(step.status(), `${action}: ${await step.text()}`).toBe(200);
  }
  const deadline = Date.now() + 180_000;
  for (;;) {
    const state = ((await (await page.request.get(`/api/v1/workspaces/${ws}/posts/${id}`)).json()) as { post: { state: string } }).post
      .state;
    if (state === 'published') break;
    if (Date.now() > deadline) throw new Error(`the post was not published within three minutes (state ${state})`);
    await page.waitForTimeout(1000);
  }
  return { ws, strategyId: strategy.id };
}

describe('review cycle', () => {
  it('runs a review, accepts a suggestion and shows the new version and its diff', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const violations: string[] = [];
    const { ws, strategyId } = await setUp(page);

    await page.goto(`/w/${ws}/strategies/${strategyId}`);
    await page.getByRole('link', { name: 'Reviews', exact: true }).click();
    await expectTitle(page, 'Reviews of Acme Bakery social media strategy 2027');
    await page.getByRole('heading', { name: 'No reviews yet' }).waitFor();
    await checkBothWidths(page, 'review-reviews-empty', violations);

    await page.getByRole('button', { name: 'Run review now' }).click();
    await page.getByRole('heading', { name: /^Review as of / }).waitFor();
    const table = page.getByTestId('review-kpis');
    await table
      .getByRole('row', { name: /Instagram followers/ })
      .getByText('No data')
      .waitFor();
    await page.getByRole('region', { name: 'Pillar Baking how-tos' }).getByText('Why your sourdough is flat').waitFor();
    const suggestion = page.getByTestId('suggestion').filter({ hasText: 'Channel linkedin: 2 →' });
    await suggestion.waitFor();
    await checkBothWidths(page, 'review-review', violations);

    await suggestion.getByLabel('Note (optional)').fill('One post a fortnight is what we manage.');
    await suggestion.getByRole('button', { name: 'Accept' }).click();
    await suggestion.getByText('Accepted by Rhea Review').waitFor();
    expect(await suggestion.getByText('“One post a fortnight is what we manage.”').count()).toBe(1);
    await checkBothWidths(page, 'review-review-decided', violations);

    await suggestion.getByTestId('version-diff-link').click();
    await expectTitle(page, 'Versions of Acme Bakery social media strategy 2027');
    expect(new URL(page.url()).search).toBe('?from=1&to=2');
    const diff = page.getByTestId('diff');
    await diff.getByText('cadence.postsPerWeek').waitFor();
    const row = diff.locator('.diff-changed').filter({ hasText: 'linkedin' });
    expect(await row.locator('del').innerText()).toMatch(/2$/);
    expect(await row.locator('ins').innerText()).toMatch(/0\.\d+$/);
    const versions = page.getByTestId('version-row');
    expect(await versions.count()).toBe(2);
    await versions.first().getByRole('link', { name: 'Review decision' }).waitFor();
    await checkBothWidths(page, 'review-versions', violations);

    // The reviews list counts the decision.
    await page.goto(`/w/${ws}/strategies/${strategyId}/reviews`);
    await page
      .getByTestId('review-row')
      .getByText(/1 accepted/)
      .waitFor();
    await checkBothWidths(page, 'review-reviews', violations);

    expect(violations).toEqual([]);
    expect(unexpectedProblems(problems)).toEqual([]);
    await context.close();
  }, 300_000);
});
