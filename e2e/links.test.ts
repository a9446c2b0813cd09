/**
 * Tracked links in the browser: a post with a link is published by the real worker to the sandbox
 * network, its short link is followed, and the post page shows the link with its click; the
 * composer's "Link tracking" section and the workspace's switch — at 1280 and 390 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cleanStrategy, CLEAN_STRATEGY_ID } from '../test/plan-fixtures.ts';
import {
  accessibilityViolations,
  hasHorizontalScroll,
  openPage,
  screenshot,
  signUpWithWorkspace,
  unexpectedProblems,
  useE2eApp,
} from './harness.ts';

const e2e = useE2eApp();

// Headless Chromium says "HeadlessChrome": a bot to the redirector, so the visit is made as a person's browser.
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

async function api<T>(page: Page, method: 'post' | 'patch' | 'get', url: string, data?: unknown, status = method === 'post' ? 201 : 200) {
  const res = await page.request[method](`/api/v1${url}`, data === undefined ? {} : { data });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

interface PostBody {
  post: { id: string; state: string; variants: { state: string }[] };
}

describe('tracked links', () => {
  it('publishes a post with its link wrapped, counts a click, and shows the link with its clicks on the post page', async () => {
    const owner = await openPage(e2e.browser, e2e.server.baseUrl);
    const { page } = owner;
    const ws = await signUpWithWorkspace(page, { name: 'Lina Links', email: 'lina.links@example.com' }, 'Rye links');
    await api(page, 'patch', `/workspaces/${ws}`, { requireApproval: false });
    await api(page, 'post', `/workspaces/${ws}/strategies`, cleanStrategy());
    await api(page, 'post', `/workspaces/${ws}/connections`, { strategy: CLEAN_STRATEGY_ID, channel: 'linkedin', connector: 'sandbox' });

    const created = await api<PostBody>(page, 'post', `/workspaces/${ws}/posts`, {
      strategy: CLEAN_STRATEGY_ID,
      tracking: { utmCampaign: 'rye-week' },
      variants: { linkedin: { text: 'Our rye is back this week: https://bakery.example/rye?size=large — come early.' } },
    });
    const id = created.post.id;
    const due = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000);
    await api(page, 'post', `/workspaces/${ws}/posts/${id}/schedule`, { localTime: due.toISOString().slice(0, 19), timezone: 'UTC' }, 200);
    // The real worker publishes it when due.
    await expect
      .poll(async () => (await api<PostBody>(page, 'get', `/workspaces/${ws}/posts/${id}`)).post.state, { timeout: 90_000, interval: 1000 })
      .toBe('published');

    const links = (
      await api<{ links: { code: string; shortUrl: string; targetUrl: string }[] }>(page, 'get', `/workspaces/${ws}/links?post=${id}`)
    ).links;
    expect(links).toHaveLength(1);
    expect(links[0]!.targetUrl).toMatch(
      /^https:\/\/bakery\.example\/rye\?size=large&utm_source=linkedin&utm_medium=social&utm_campaign=rye-week&utm_content=/,
    );
    const follow = await page.request.get(`/l/${links[0]!.code}`, { maxRedirects: 0, headers: { 'user-agent': BROWSER_UA } });
    expect(follow.status()).toBe(302);
    expect(follow.headers().location).toBe(links[0]!.targetUrl);

    await page.goto(`/w/${ws}/posts/${id}`);
    const card = page.locator('.tracked-links');
    await card.getByRole('heading', { name: 'Tracked links' }).waitFor();
    const row = card.getByRole('row').filter({ hasText: 'bakery.example/rye?size=large' });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([expect.stringContaining(`linkedin · /l/${links[0]!.code}`), '1', '1']);
    const tracking = page.locator('.link-tracking');
    expect(await tracking.getByLabel('Track the links in this post').isChecked()).toBe(true);
    expect(await tracking.getByLabel('Campaign tag (utm_campaign)').inputValue()).toBe('rye-week');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'links-post-page');

    const phone = await openPage(e2e.browser, e2e.server.baseUrl, { width: 390, height: 844 });
    await phone.context.addCookies(await owner.context.cookies());
    await phone.page.goto(`/w/${ws}/posts/${id}`);
    await phone.page.locator('.tracked-links').getByRole('row').filter({ hasText: 'bakery.example' }).waitFor();
    expect(await hasHorizontalScroll(phone.page), 'post page at 390 px').toBe(false);
    await screenshot(phone.page, 'links-post-page-phone');

    await phone.context.close();
    await owner.context.close();
    expect(unexpectedProblems(owner.problems)).toEqual([]);
    expect(unexpectedProblems(phone.problems)).toEqual([]);
  }, 180_000);

  it('switches link tracking off for the workspace, and the composer says so', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const { page, context, problems } = await openPage(e2e.browser, e2e.server.baseUrl, viewport);
      const n = viewport.width;
      const ws = await signUpWithWorkspace(page, { name: `Sam Settings ${n}`, email: `sam.settings.${n}@example.com` }, `Settings ${n}`);
      await api(page, 'post', `/workspaces/${ws}/strategies`, cleanStrategy());

      // A new post: tracking on by default, with the campaign tag's default shown.
      await page.goto(`/w/${ws}/posts/new`);
      const tracking = page.locator('.link-tracking');
      await tracking.getByLabel('Track the links in this post').waitFor();
      expect(await tracking.getByLabel('Campaign tag (utm_campaign)').getAttribute('placeholder')).toBe(CLEAN_STRATEGY_ID);
      await tracking.scrollIntoViewIfNeeded();
      await screenshot(page, `links-composer-${n}`);

      await page.goto(`/w/${ws}/settings`);
      const box = page.getByLabel('Track the links in posts');
      expect(await box.isChecked()).toBe(true);
      await box.uncheck();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      expect((await api<{ workspace: { trackLinks: boolean } }>(page, 'get', `/workspaces/${ws}`)).workspace.trackLinks).toBe(false);
      expect(await hasHorizontalScroll(page), `settings at ${n} px`).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, `links-settings-${n}`);

      await page.goto(`/w/${ws}/posts/new`);
      await page.locator('.link-tracking').getByText('Link tracking is off for this workspace').waitFor();
      await context.close();
      expect(unexpectedProblems(problems)).toEqual([]);
    }
  }, 120_000);
});
