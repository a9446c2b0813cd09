/**
 * Every screen, on the demo workspace (the shipped examples), at 1280 px and at a 390 px phone width:
 * no horizontal scrolling, a page title of its own, a label for every form control, no serious or
 * critical axe-core violation, no console errors.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STEPS } from '../web/src/pages/strategy/steps.ts';
import { accessibilityViolations, hasHorizontalScroll, openPage, unexpectedProblems, useE2eApp, signInAsDemo } from './harness.ts';

const e2e = useE2eApp();

const strategy = '/w/demo/strategies/northwind-2027';
const SCREENS: Array<[name: string, path: string, ready: (page: Page) => Promise<unknown>]> = [
  ['workspaces', '/w', (p) => p.getByRole('heading', { name: 'Workspaces' }).waitFor()],
  [
    'strategy list',
    '/w/demo',
    (p) =>
      p
        .getByRole('link', { name: /Northwind/ })
        .first()
        .waitFor(),
  ],
  ['members', '/w/demo/members', (p) => p.getByRole('cell', { name: 'demo@groundwork.local' }).waitFor()],
  ['workspace settings', '/w/demo/settings', (p) => p.getByRole('form', { name: 'Workspace settings' }).waitFor()],
  ['import', '/w/demo/import', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['strategy overview', strategy, (p) => p.getByTestId('timeline').waitFor()],
  ['new strategy', '/w/demo/strategies/new', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ...STEPS.map(({ id, title }): [string, string, (p: Page) => Promise<unknown>] => [
    `builder: ${title}`,
    `${strategy}/edit/${id}`,
    (p) =>
      p
        .getByRole('heading', { name: new RegExp(title) })
        .first()
        .waitFor(),
  ]),
  ['strategy versions', `${strategy}/versions`, (p) => p.getByTestId('version-row').first().waitFor()],
  ['strategy reviews', `${strategy}/reviews`, (p) => p.getByRole('heading', { name: 'All reviews' }).waitFor()],
  ['campaign planner', `${strategy}/campaigns/roastery-open-day`, (p) => p.getByText('Readiness checklist').waitFor()],
  ['new campaign', `${strategy}/campaigns/new`, (p) => p.getByLabel('Campaign name').waitFor()],
  ['flawed campaign', '/w/demo/strategies/lakeside-2027/campaigns/big-summer-push', (p) => p.getByText('Readiness checklist').waitFor()],
  ['posts', '/w/demo/posts', (p) => p.locator('.posts-table, .publishing-page .empty-state').first().waitFor()],
  ['new post', '/w/demo/posts/new', (p) => p.getByRole('group', { name: 'Publish on' }).getByRole('checkbox').first().waitFor()],
  ['calendar', '/w/demo/calendar', (p) => p.locator('.calendar-frame .fc-view').waitFor()],
  ['calendar week', '/w/demo/calendar?view=timeGridWeek', (p) => p.locator('.calendar-frame .fc-timegrid').waitFor()],
  ['calendar list', '/w/demo/calendar?view=listMonth', (p) => p.locator('.calendar-frame .fc-list').waitFor()],
  ['queue', '/w/demo/queue', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['connections', '/w/demo/connections', (p) => p.locator('.connections-table, .connections-page .empty-state').first().waitFor()],
  ['inbox', '/w/demo/inbox', (p) => p.locator('.inbox-list, .inbox .empty-state').first().waitFor()],
  ['notifications', '/w/demo/notifications', (p) => p.locator('.notification-list, .notifications-page .empty-state').first().waitFor()],
  // The demo's first post, when the demo has posts (an empty list is a screen of its own above).
  [
    'post',
    '/w/demo/posts',
    async (p) => {
      await p.locator('.posts-table, .publishing-page .empty-state').first().waitFor();
      const first = p.locator('.posts-table tbody a').first();
      if ((await first.count()) === 0) return;
      await first.click();
      await p.getByRole('heading', { name: 'Review', exact: true, level: 2 }).waitFor();
    },
  ],
  ['not found', '/w/demo/nothing-here', (p) => p.getByRole('heading', { name: 'Nothing here' }).waitFor()],
];

/** Form controls without an accessible name (label, aria-label or aria-labelledby). */
const unlabelled = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')]
      .filter((el) => el.type !== 'hidden' && el.offsetParent !== null)
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map((el) => el.outerHTML.slice(0, 120)),
  );

describe('every screen', () => {
  it('fits 1280 and 390 px, has a title, labelled controls and no serious accessibility faults, logs no errors', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    // Collected over all screens, so one run lists every fault to fix.
    const violations: string[] = [];
    const checkWidths = async (name: string) => {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await hasHorizontalScroll(page), `${name} at ${width} px`).toBe(false);
        for (const v of await accessibilityViolations(page)) violations.push(`${name} at ${width} px: ${v}`);
      }
    };
    // The invitation page as its newcomer first sees it: signed out (the owner invites through the API).
    const owner = await e2e.browser.newContext({ baseURL: e2e.server.baseUrl });
    await owner.request.post('/api/v1/auth/signin', { data: { email: 'demo@groundwork.local', password: e2e.server.demoPassword } });
    const invited = await owner.request.post('/api/v1/workspaces/demo/invitations', {
      data: { email: 'newcomer@example.com', role: 'editor' },
    });
    expect(invited.status()).toBe(201);
    const invitation: string = (await invited.json()).path;
    await owner.close();
    for (const [name, path, ready] of [
      ['sign in', '/signin', (p: Page) => p.getByRole('button', { name: 'Sign in' }).waitFor()],
      ['sign up', '/signup', (p: Page) => p.getByRole('button', { name: 'Create account' }).waitFor()],
      ['invitation', invitation, (p: Page) => p.getByRole('button', { name: /and join$/ }).waitFor()],
    ] as const) {
      await page.goto(path);
      await ready(page);
      await checkWidths(name);
    }
    await signInAsDemo(page, e2e.server);

    const titles = new Map<string, string>();
    for (const [name, path, ready] of SCREENS) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(path);
      await ready(page);
      await page.waitForFunction(() => document.title !== 'Groundwork' && document.title.endsWith('· Groundwork'));
      titles.set(name, await page.title());
      expect(await unlabelled(page), `unlabelled controls on ${name}`).toEqual([]);
      await checkWidths(name);
    }
    await context.close();
    expect(violations).toEqual([]);
    // Each screen says where you are (the not-found page may share nothing with the others).
    expect(new Set(titles.values()).size).toBeGreaterThanOrEqual(SCREENS.length - 3);
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 240_000);

  it('sends the sign-in page only its own code, compressed, hashed files cached for a year', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const files: Array<Promise<{ url: string; type: string; bytes: number; encoding?: string; cache?: string }>> = [];
    page.on('response', (r) => {
      const type = r.request().resourceType();
      if (type === 'document' || type === 'script' || type === 'stylesheet') {
        files.push(
          r.body().then((body) => ({
            url: r.url(),
            type,
            bytes: body.length,
            encoding: r.headers()['content-encoding'],
            cache: r.headers()['cache-control'],
          })),
        );
      }
    });
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    const loaded = await Promise.all(files);
    const scripts = loaded.filter((f) => f.type === 'script');
    // One bundle of every screen was 1.13 MB; the sign-in page needs React, the router, the query
    // cache and its form (~370 KB), not the calendar, the Gantt chart or the plan rules.
    const scriptBytes = scripts.reduce((sum, f) => sum + f.bytes, 0);
    expect(scriptBytes, scripts.map((f) => `${f.url} ${f.bytes}`).join('\n')).toBeLessThan(450_000);
    for (const f of loaded) {
      expect(f.encoding, f.url).toMatch(/^(br|gzip)$/);
      expect(f.cache, f.url).toBe(f.type === 'document' ? 'no-cache' : 'public, max-age=31536000, immutable');
    }
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  });

  it('loads the new build when a screen file of the build the tab started with is gone (a release in between)', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    let documents = 0;
    page.on('request', (r) => r.resourceType() === 'document' && documents++);
    await signInAsDemo(page, e2e.server);
    // Until the page is loaded again, the calendar's file is gone, as after a new build replaced it.
    let refused = 0;
    await page.route(/\/assets\/CalendarPage-[\w-]+\.js$/, (route) => {
      if (documents !== 1) return route.continue();
      refused++;
      return route.fulfill({ status: 404 });
    });
    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.locator('.calendar-frame .fc-view').waitFor({ timeout: 10_000 });
    expect(refused).toBeGreaterThan(0);
    expect(documents).toBe(2);
    expect(new URL(page.url()).pathname).toBe('/w/demo/calendar');

    // A file missing again right after is a fault: shown as an error, not reloaded in a loop.
    await page.route(/\/assets\/PostsList-[\w-]+\.js$/, (route) => route.fulfill({ status: 404 }));
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Posts' }).click();
    await page.getByText('Unexpected Application Error').waitFor({ timeout: 10_000 });
    expect(documents).toBe(2);
    await context.close();
    expect(unexpectedProblems(problems, [404]).filter((p) => !p.includes('PostsList'))).toEqual([]);
  });

  it('shows a viewer the plan without the controls the policy denies them', async () => {
    const api = (path: string, init: RequestInit & { cookie?: string } = {}) =>
      fetch(`${e2e.server.baseUrl}/api/v1${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', ...(init.cookie ? { cookie: init.cookie } : {}) },
      });
    const signin = await api('/auth/signin', {
      method: 'POST',
      body: JSON.stringify({ email: 'demo@groundwork.local', password: e2e.server.demoPassword }),
    });
    const ownerCookie = signin.headers.get('set-cookie')!.split(';')[0]!;
    const viewer = { email: 'vera.viewer@example.com', password: 'a long enough password', name: 'Vera Viewer' };
    const signedUp = await api('/auth/signup', { method: 'POST', body: JSON.stringify(viewer) });
    expect(signedUp.status).toBe(201);
    const viewerCookie = signedUp.headers.get('set-cookie')!.split(';')[0]!;
    const invited = await api('/workspaces/demo/invitations', {
      method: 'POST',
      cookie: ownerCookie,
      body: JSON.stringify({ email: viewer.email, role: 'viewer' }),
    });
    expect(invited.status).toBe(201);
    const { token } = (await invited.json()) as { token: string };
    expect((await api(`/invitations/${token}/accept`, { method: 'POST', cookie: viewerCookie, body: '{}' })).status).toBe(200);

    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await page.goto('/signin');
    await page.getByLabel('Email').fill(viewer.email);
    await page.getByLabel('Password').fill(viewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/w/demo');

    await page.goto(strategy);
    await page.getByTestId('timeline').waitFor();
    expect(await page.getByRole('link', { name: 'Edit strategy' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /New campaign/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Download/ }).count()).toBe(0); // viewers may not export

    await page.goto(`${strategy}/campaigns/roastery-open-day`);
    await page.getByText('Readiness checklist').waitFor();
    expect(await page.getByRole('button', { name: /Activate campaign|Save campaign/ }).count()).toBe(0);
    expect(await page.getByLabel('Campaign name').isDisabled()).toBe(true);

    await page.goto('/w/demo/members');
    await page.getByRole('cell', { name: viewer.email }).waitFor();
    expect(await page.getByRole('button', { name: 'Create invitation link' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);

  it("shows the API documentation under the app's Content-Security-Policy, with no blocked script or style", async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const violations: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
    await page.goto('/api/docs');
    // Rendered by the Swagger UI's scripts from the loaded OpenAPI document.
    await page.getByText('/api/v1/auth/signin').first().waitFor();
    await context.close();
    expect(violations).toEqual([]);
    expect(unexpectedProblems(problems)).toEqual([]);
  });
});
