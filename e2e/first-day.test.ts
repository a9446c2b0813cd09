/**
 * The rough edges a new user hit on day one (issue 8, "broken today"), each driven as a person would
 * in Chromium against the real server and the demo workspace.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectTitle, hasHorizontalScroll, openPage, screenshot, unexpectedProblems, useE2eApp } from './harness.ts';

const e2e = useE2eApp();

async function signIn(page: Page, password: string): Promise<void> {
  await page.getByLabel('Email').fill('demo@groundwork.local');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('signing in', () => {
  it('from a deep link: signed in on the first click and taken to the page the link named', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await page.goto('/w/demo/calendar?view=list');
    await page.waitForURL((url) => url.pathname === '/signin');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/w/demo/calendar?view=list');
    await expectTitle(page, 'Sign in');
    await signIn(page, e2e.server.demoPassword);
    await page.waitForURL((url) => url.pathname === '/w/demo/calendar');
    expect(new URL(page.url()).search).toBe('?view=list');
    await expectTitle(page, 'Calendar');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);

  it('from the root: the first click signs in', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/signin');
    await signIn(page, e2e.server.demoPassword);
    await page.waitForURL((url) => url.pathname === '/w/demo');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);

  it('never follows a `next` to another origin', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      await page.goto(`/signin?next=${encodeURIComponent(next)}`);
      await signIn(page, e2e.server.demoPassword);
      await page.waitForURL((url) => url.pathname === '/w/demo');
      expect(new URL(page.url()).origin).toBe(e2e.server.baseUrl);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/signin');
    }
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);

  it('a wrong password says so and keeps the email', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await page.goto('/signin');
    await signIn(page, 'not the password');
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('demo@groundwork.local');
    await context.close();
    expect(unexpectedProblems(problems, [401])).toEqual([]);
  }, 60_000);

  it("signing up with an account's address and another password answers as sign-in does, with the way to sign in", async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await page.goto('/signup?next=%2Fw%2Fdemo%2Fcalendar');
    await page.getByLabel('Your name').fill('Someone');
    await page.getByLabel('Email').fill('demo@groundwork.local');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Create account' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('The email or password is not correct.').waitFor();
    expect(await alert.textContent()).not.toMatch(/already|taken|exist/i);
    await screenshot(page, 'signup-refused-1280');
    await alert.getByRole('link', { name: 'Sign in instead' }).click();
    await page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('next') === '/w/demo/calendar');
    await context.close();
    expect(unexpectedProblems(problems, [401])).toEqual([]);
  }, 60_000);
});

/** Ticks exactly `channels` in the composer (a new post starts with the strategy's first channel ticked). */
async function pickChannels(page: Page, channels: string[]): Promise<void> {
  const publishOn = page.getByRole('group', { name: 'Publish on' });
  await publishOn.getByRole('checkbox', { checked: true }).first().waitFor();
  for (const box of await publishOn.getByRole('checkbox', { checked: true }).all()) await box.uncheck();
  for (const c of channels) await publishOn.getByRole('checkbox', { name: new RegExp(`^${c}\\b`) }).check();
}

/** A signed-in demo page (the demo owner). */
async function demoPage() {
  const watched = await openPage(e2e.browser, e2e.server.baseUrl);
  await watched.page.goto('/signin');
  await signIn(watched.page, e2e.server.demoPassword);
  await watched.page.waitForURL((url) => url.pathname === '/w/demo');
  return watched;
}

describe('the campaign planner', () => {
  it('shows a gap between phases the same way in the live check and the readiness checklist, and stops offering activation once active', async () => {
    const { page, problems, context } = await demoPage();
    await page.goto('/w/demo/strategies/northwind-2027/campaigns/roastery-open-day');
    const phase2 = page.getByRole('group', { name: 'Phase 2' });
    await phase2.getByLabel('Start').fill('2027-08-13');
    const gap = '4 days of the campaign lie in no phase (9 Aug 2027 – 12 Aug 2027): extend a phase or add one under Phases and tasks.';
    const live = page.getByRole('complementary', { name: 'Campaign check' });
    await live.locator('[data-rule="campaign-phases-gap"]').getByText(gap).waitFor();
    await page.getByRole('button', { name: 'Save campaign' }).click();
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    const checklist = page.locator('.readiness');
    await checklist.locator('[data-item="phases-cover"]').getByText(gap).waitFor();

    await phase2.getByLabel('Start').fill('2027-08-09');
    await page.getByRole('button', { name: 'Save campaign' }).click();
    await live.locator('[data-rule="campaign-phases-gap"]').waitFor({ state: 'detached' });
    await checklist.getByText(/ready to activate/).waitFor();
    await page.getByRole('button', { name: 'Activate campaign' }).click();
    await checklist.getByText('The campaign is active. All 10 items met.').waitFor();
    expect(await checklist.getByText(/ready to activate/).count()).toBe(0);
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);
});

describe('a channel with no connected account', () => {
  it('is flagged in the composer, refused at scheduling with a way to connect or go ahead, and unmet in the campaign checklist', async () => {
    const { page, problems, context } = await demoPage();
    // Bluesky of the Northwind strategy loses its account; posts need no approval here, so scheduling is one click.
    const list = await (await page.request.get('/api/v1/workspaces/demo/connections')).json();
    const bluesky = list.connections.find(
      (c: { strategy: string; channel: string }) => c.strategy === 'northwind-2027' && c.channel === 'bluesky',
    );
    expect((await page.request.delete(`/api/v1/workspaces/demo/connections/${bluesky.id}`)).status()).toBe(200);
    expect((await page.request.patch('/api/v1/workspaces/demo', { data: { requireApproval: false } })).status()).toBe(200);

    await page.goto('/w/demo/posts/new');
    await page.getByLabel('Strategy').selectOption('northwind-2027');
    const channels = page.getByRole('group', { name: 'Publish on' });
    await channels.getByRole('link', { name: 'Connect an account to bluesky' }).waitFor();
    await pickChannels(page, ['bluesky']);
    const check = page.getByRole('complementary', { name: 'Review and delivery' });
    await check.getByText(/bluesky: no account is connected on this channel of “Northwind social media strategy 2027”/).waitFor();
    await page.getByLabel('Text for all channels').fill('Cold brew season starts today: our guide to a clean, sweet batch.');
    await page.getByLabel('Planned time').fill('2031-03-04T10:00');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL((url) => /\/w\/demo\/posts\/[0-9a-f-]{36}$/.test(url.pathname));

    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    const refusal = page
      .getByRole('alert')
      .filter({ hasText: 'No working account on "bluesky" of strategy "Northwind social media strategy 2027"' });
    await refusal.waitFor();
    expect(await refusal.getByRole('link', { name: 'Open Connections' }).getAttribute('href')).toBe('/w/demo/connections');
    await refusal.getByRole('button', { name: 'Schedule anyway' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Scheduled for/ })
      .waitFor();

    await page.goto('/w/demo/strategies/northwind-2027/campaigns/roastery-open-day');
    const item = page.locator('[data-item="channels-connected"]');
    await item.getByText('Every channel can publish').waitFor();
    await item.getByText(/bluesky \(no account connected\)/).waitFor();
    await item.getByRole('link', { name: 'Connect accounts' }).click();
    await expectTitle(page, 'Connections');
    await context.close();
    expect(unexpectedProblems(problems, [409])).toEqual([]);
  }, 90_000);
});

describe('the calendar feed', () => {
  it('shows an existing feed instead of silently replacing it, and resets its link only when confirmed', async () => {
    const { page, problems, context } = await demoPage();
    await page.goto('/w/demo/calendar');
    await page.getByRole('button', { name: 'Create calendar feed (ICS)' }).click();
    const first = await page.getByLabel(/Secret feed URL/).inputValue();
    expect((await page.request.get(first)).status()).toBe(200);

    // Back later: the feed is there, read by a calendar app; nothing changes by looking at it.
    await page.reload();
    const state = page.getByTestId('calendar-feed-state');
    await state.getByText(/Calendar feed active/).waitFor();
    await state.getByText(/last read by a calendar app/).waitFor();
    expect(await page.getByRole('button', { name: /Create calendar feed/ }).count()).toBe(0);
    expect((await page.request.get(first)).status()).toBe(200);

    await state.getByRole('button', { name: 'Reset link…' }).click();
    const confirm = page.getByRole('group', { name: 'Reset the calendar feed link' });
    await confirm.getByText('Reset link — existing subscriptions stop updating.').waitFor();
    await confirm.getByRole('button', { name: 'Keep the current link' }).click();
    expect((await page.request.get(first)).status()).toBe(200);

    await state.getByRole('button', { name: 'Reset link…' }).click();
    await confirm.getByRole('button', { name: 'Reset link', exact: true }).click();
    const second = await page.getByLabel(/Secret feed URL/).inputValue();
    expect(second).not.toBe(first);
    expect((await page.request.get(first)).status()).toBe(404);
    expect((await page.request.get(second)).status()).toBe(200);
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);
});

describe('unsaved changes', () => {
  it('are not lost by leaving the builder, the campaign planner or the composer: the app asks first, and so does the tab', async () => {
    const { page, problems, context } = await demoPage();
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });

    // The strategy builder: moving between its steps keeps the draft; leaving it asks.
    await page.goto('/w/demo/strategies/northwind-2027/edit/basics');
    const name = page.getByLabel('Strategy name');
    await name.fill('Northwind 2027, renamed');
    await nav.getByRole('link', { name: 'Calendar' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Stay on this page' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/w/demo/strategies/northwind-2027/edit/basics');
    expect(await name.inputValue()).toBe('Northwind 2027, renamed');
    // Closing or reloading the tab: the browser's own prompt.
    const beforeUnload = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
    // Dismissed, the reload never happens: its wait ends by timing out.
    const reload = page.reload({ timeout: 3_000 }).catch(() => null);
    expect(await beforeUnload).toBe('beforeunload');
    await reload;
    expect(await name.inputValue()).toBe('Northwind 2027, renamed');
    await nav.getByRole('link', { name: 'Calendar' }).click();
    await dialog.getByRole('button', { name: 'Leave without saving' }).click();
    await expectTitle(page, 'Calendar');

    // The campaign planner.
    await page.goto('/w/demo/strategies/northwind-2027/campaigns/roastery-open-day');
    await page.getByLabel('Campaign name').fill('Open day, renamed');
    await nav.getByRole('link', { name: 'Posts' }).click();
    await dialog.getByRole('button', { name: 'Stay on this page' }).click();
    expect(await page.getByLabel('Campaign name').inputValue()).toBe('Open day, renamed');
    // Saving clears it: the next move goes through without asking.
    await page.getByRole('button', { name: 'Save campaign' }).click();
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    await nav.getByRole('link', { name: 'Posts' }).click();
    await expectTitle(page, 'Posts');
    expect(await dialog.count()).toBe(0);

    // The composer: an untouched new post leaves freely; a written one asks.
    await page.goto('/w/demo/posts/new');
    await page.getByRole('group', { name: 'Publish on' }).getByRole('checkbox').first().waitFor();
    await nav.getByRole('link', { name: 'Calendar' }).click();
    await expectTitle(page, 'Calendar');
    await page.goto('/w/demo/posts/new');
    await page.getByLabel('Text for all channels').fill('A thought worth keeping');
    await nav.getByRole('link', { name: 'Calendar' }).click();
    await dialog.getByRole('button', { name: 'Stay on this page' }).click();
    expect(await page.getByLabel('Text for all channels').inputValue()).toBe('A thought worth keeping');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 120_000);
});

describe('the composer', () => {
  it('writes one text for all channels, with a counter per network, and lets a channel have its own', async () => {
    const { page, problems, context } = await demoPage();
    await page.goto('/w/demo/posts/new');
    await page.getByLabel('Strategy').selectOption('northwind-2027');
    const publishOn = page.getByRole('group', { name: 'Publish on' });
    await pickChannels(page, ['bluesky']);
    const text = 'Fresh crop from Huila has landed: bright, juicy, and in the shop from Friday.';
    await page.getByLabel('Text for all channels').fill(text);
    const counters = page.locator('.shared-counters');
    await counters.getByText(`bluesky: ${text.length} / 300 characters`).waitFor();

    // A channel ticked later starts from the shared text.
    await publishOn.getByRole('checkbox', { name: /^mastodon\b/ }).check();
    await counters.getByText(`mastodon: ${text.length} / 500 characters`).waitFor();
    const mastodon = page.getByRole('group', { name: 'Post on mastodon', exact: true });
    await mastodon.getByText(/Uses the text for all channels/).waitFor();

    // Mastodon gets its own text, starting from the shared one.
    await mastodon.getByRole('button', { name: 'Write a different text for mastodon' }).click();
    const own = mastodon.getByLabel('Text', { exact: true });
    expect(await own.inputValue()).toBe(text);
    await own.fill(`${text} #coffee`);
    await counters.getByText(/mastodon:/).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL((url) => /\/w\/demo\/posts\/[0-9a-f-]{36}$/.test(url.pathname));
    const id = new URL(page.url()).pathname.split('/').pop();
    const stored = await (await page.request.get(`/api/v1/workspaces/demo/posts/${id}`)).json();
    expect(
      Object.fromEntries(stored.post.variants.map((v: { channel: string; content: { text: string } }) => [v.channel, v.content.text])),
    ).toEqual({
      bluesky: text,
      mastodon: `${text} #coffee`,
    });

    // Reopened: the shared text is back, and so is Mastodon's own.
    await page.reload();
    expect(await page.getByLabel('Text for all channels').inputValue()).toBe(text);
    expect(await page.getByRole('group', { name: 'Post on mastodon', exact: true }).getByLabel('Text', { exact: true }).inputValue()).toBe(
      `${text} #coffee`,
    );
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);

  it('previews the post per network and warns about a time in the past or outside the campaign', async () => {
    const { page, problems, context } = await demoPage();
    await page.goto('/w/demo/posts/new');
    await page.getByLabel('Strategy').selectOption('northwind-2027');
    await pickChannels(page, ['instagram', 'bluesky']);
    const text = `${'Slow mornings deserve a slow pour. '.repeat(5)}Our V60 guide, step by step #pourover @northwind`;
    await page.getByLabel('Text for all channels').fill(text);
    await page
      .getByRole('group', { name: 'Post on bluesky', exact: true })
      .getByLabel('Link', { exact: true })
      .fill('https://northwind.example/guides/v60');
    await page.getByRole('group', { name: 'Post on bluesky', exact: true }).getByLabel('Link card title').fill('The V60 guide');

    // Instagram folds a long caption behind "… more"; Bluesky shows it whole, with the link card.
    const instagram = page.getByRole('region', { name: 'Preview on instagram' });
    await instagram.getByText('… more').waitFor();
    expect(await instagram.locator('.preview-text').innerText()).not.toContain('#pourover');
    const bluesky = page.getByRole('region', { name: 'Preview on bluesky' });
    await bluesky.locator('.preview-token', { hasText: '#pourover' }).waitFor();
    expect(await bluesky.getByText('… more').count()).toBe(0);
    await bluesky.locator('.preview-card').getByText('The V60 guide').waitFor();
    await bluesky.locator('.preview-card').getByText('northwind.example').waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'composer-preview');
    await page.setViewportSize({ width: 390, height: 900 });
    expect(await hasHorizontalScroll(page), 'composer with previews at 390 px').toBe(false);
    await screenshot(page, 'composer-preview-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    const check = page.getByRole('complementary', { name: 'Post check' });
    await page.getByLabel('Planned time').fill('2020-03-04T10:00');
    await check.locator('[data-rule="post.time_in_past"]').waitFor();
    await check.locator('[data-rule="post.outside_strategy_period"]').waitFor();
    await page.getByLabel('Campaign', { exact: true }).selectOption('roastery-open-day');
    await page.getByLabel('Planned time').fill('2027-10-01T10:00');
    await check
      .locator('[data-rule="post.outside_campaign_period"]')
      .getByText(/1 Oct 2027 is outside the campaign/)
      .waitFor();
    expect(await check.locator('[data-rule="post.time_in_past"]').count()).toBe(0);
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);
});
