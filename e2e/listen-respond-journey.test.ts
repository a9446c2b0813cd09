/**
 * The acceptance journey, end to end with nothing mocked: a REAL local Bluesky PDS
 * (@atproto/dev-env) with the brand's account and a fan's, the real server (its worker keeps the
 * Bluesky streams open), Chromium. As the demo owner: connect the Northwind Bluesky channel to the
 * brand's account (Connections), add the PDS as a listening source (Listening → Sources), write a
 * query with a syntax error shown live, fix it, see the preview, mark its hits as needing a response,
 * save it. The fan posts a matching mention on the PDS: it shows in Listening → Mentions and as an
 * inbox item, which is assigned, answered with a saved reply written in the UI, sent on Bluesky and
 * closed. The reply is read back from the PDS: in the brand's repo, threaded under the fan's post.
 */
import { AtpAgent, type AppBskyFeedPost } from '@atproto/api';
import type { TestNetworkNoAppView } from '@atproto/dev-env';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byteRange, createPdsAccount, POST_COLLECTION, startTestPds, type PdsAccount } from '../test/pds.ts';
import { checkBothWidths, expectTitle, openPage, unexpectedProblems, useE2eApp, signInAsDemo } from './harness.ts';

let network: TestNetworkNoAppView;
let brand: PdsAccount;
let fan: PdsAccount;

// Before the server starts (useE2eApp reads its settings after this file's earlier hooks): the PDS's host is allowed out.
beforeAll(async () => {
  network = await startTestPds();
  [brand, fan] = await Promise.all([createPdsAccount(network, 'northwind'), createPdsAccount(network, 'mira')]);
}, 60_000);
afterAll(async () => {
  await network?.close();
});

const e2e = useE2eApp(() => ({ OUTBOUND_ALLOW: new URL(network.pds.url).hostname, BLUESKY_PLC_URL: network.plc.url }));

const REPLY = 'Yes, the Northwind cold brew is back in litre bottles. Enjoy!';

/** Whether `target` shows within a few seconds. */
const showsSoon = (target: Locator): Promise<boolean> =>
  target
    .first()
    .waitFor({ timeout: 3_000 })
    .then(() => true)
    .catch(() => false);

/** Reloads until `check` passes: for what the worker does in the background (lists that do not poll). */
async function reloadUntil(page: Page, what: string, check: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the page says: ${await page.locator('main').innerText()}`);
    await page.reload();
  }
}

describe('listen and respond journey', () => {
  it('connects Bluesky, listens with a new query, and answers the hit from the inbox on the PDS', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const violations: string[] = [];
    await signInAsDemo(page, e2e.server);
    const nav = page.getByRole('navigation', { name: 'Workspace' });

    // Connections: the demo's Bluesky channel moves from the sandbox to the brand's real account.
    await nav.getByRole('link', { name: 'Connections' }).click();
    await expectTitle(page, 'Connections');
    const row = page.locator('tr[data-testid^="channel-northwind-2027"][data-testid$="-bluesky"]').first();
    await row.getByRole('button', { name: /^Disconnect / }).click();
    await page.getByRole('button', { name: 'Yes, disconnect' }).click();
    await row.getByText('Not connected', { exact: true }).waitFor();
    await row.getByRole('button', { name: /^Connect / }).click();
    await page.getByLabel('Connector').selectOption('bluesky');
    await page.getByLabel('Service URL').fill(network.pds.url);
    await page.getByLabel('Handle or identifier').fill(brand.handle);
    await page.getByLabel('App password').fill(brand.appPassword);
    await page.getByRole('button', { name: 'Connect account' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Connected .*bluesky: the account is verified/ })
      .waitFor({ timeout: 20_000 });
    await row.getByText('Connected', { exact: true }).waitFor();
    await checkBothWidths(page, 'journey-connections', violations);

    // Listening → Sources: the PDS's repo event stream.
    await nav.getByRole('link', { name: 'Listening' }).click();
    await expectTitle(page, 'Listening dashboard');
    const listeningNav = page.getByRole('navigation', { name: 'Listening' });
    await listeningNav.getByRole('link', { name: 'Sources' }).click();
    await expectTitle(page, 'Listening sources');
    await page.getByRole('button', { name: 'Add a source' }).first().click();
    await page.getByLabel('Kind').selectOption('bluesky');
    await page.getByLabel('Name').fill('Our PDS');
    await page.getByLabel('Relay or PDS').fill(network.pds.url.replace(/^http/, 'ws'));
    await page.getByRole('button', { name: 'Add source' }).click();
    const source = page.getByTestId('source').filter({ hasText: 'Our PDS' });
    await source.waitFor();
    // The worker opens the stream within its check interval (10 s); the list does not poll.
    await reloadUntil(page, 'the stream to open', () => showsSoon(source.getByText('Streaming', { exact: true })));
    await checkBothWidths(page, 'journey-sources', violations);

    // Listening → Queries: a syntax error live under the box, fixed, the preview, needs a response.
    await listeningNav.getByRole('link', { name: 'Queries' }).click();
    await expectTitle(page, 'Listening queries');
    await page.getByRole('button', { name: 'New query' }).first().click();
    await page.getByLabel('Name').fill('Cold brew questions');
    const box = page.getByRole('textbox', { name: 'Query' });
    await box.fill('northwind AND "cold brew');
    await page.getByText('unclosed quote at 14').waitFor();
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save query' }).isDisabled()).toBe(true);
    await checkBothWidths(page, 'journey-query-error', violations);
    await box.fill('northwind AND "cold brew"');
    const previewCount = page.getByTestId('preview-count').filter({ hasText: /^[\d,]+ of the [\d,]+ most recent mentions match\.$/ });
    await previewCount.waitFor();
    const previewed = page.getByRole('region', { name: 'Preview of matching mentions' }).getByTestId('mention');
    expect(await previewed.count()).toBeGreaterThan(0);
    await page.getByLabel('Hits need a response (they go to the inbox)').check();
    await checkBothWidths(page, 'journey-query-preview', violations);
    await page.getByRole('button', { name: 'Save query' }).click();
    await page.getByTestId('query').filter({ hasText: 'Cold brew questions' }).getByText('Needs response').waitFor();

    // The fan asks the brand, on the PDS.
    const fanAgent = new AtpAgent({ service: network.pds.url });
    await fanAgent.login({ identifier: fan.handle, password: fan.appPassword });
    const text = `Hey @${brand.handle}, is the Northwind cold brew back in litre bottles?`;
    const asked = await fanAgent.post({
      text,
      langs: ['en'],
      facets: [{ index: byteRange(text, `@${brand.handle}`), features: [{ $type: 'app.bsky.richtext.facet#mention', did: brand.did }] }],
    });

    // Listening → Mentions: it arrived through the stream.
    await listeningNav.getByRole('link', { name: 'Mentions' }).click();
    await expectTitle(page, 'Mentions');
    await page.getByLabel('Words').fill('litre bottles');
    const mention = page.getByTestId('mention').filter({ hasText: 'litre bottles' });
    await reloadUntil(page, 'the mention', async () => {
      if ((await page.getByLabel('Words').inputValue()) === '') await page.getByLabel('Words').fill('litre bottles');
      return showsSoon(mention);
    });
    // The stream carries only the author's DID: the handle was looked up in the (local) PLC directory.
    await mention.getByText(fan.handle, { exact: false }).waitFor();
    await checkBothWidths(page, 'journey-mentions', violations);

    // The inbox: first a saved reply, then the item.
    await nav.getByRole('link', { name: /^Inbox/ }).click();
    await page.locator('.inbox-row').filter({ hasText: 'litre bottles' }).waitFor({ timeout: 20_000 });
    const saved = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Saved replies' }) });
    await saved.getByLabel('Name').fill('Cold brew is back');
    await saved.getByLabel('Text').fill(REPLY);
    await saved.getByRole('button', { name: 'Save reply' }).click();
    await saved.getByText('Cold brew is back', { exact: true }).waitFor();

    const itemRow = page.locator('.inbox-row').filter({ hasText: 'litre bottles' });
    await itemRow.getByTestId('inbox-row').click();
    const detail = page.getByRole('article');
    await detail.getByRole('list', { name: 'Conversation' }).getByText(text).waitFor();
    await detail.getByLabel('Assignee').selectOption({ label: 'Demo Strategist' });
    await itemRow.getByText('Demo Strategist', { exact: false }).waitFor();
    await detail.getByLabel('Saved reply').selectOption({ label: 'Cold brew is back' });
    await expect(detail.getByLabel('Your reply').inputValue()).resolves.toBe(REPLY);
    await checkBothWidths(page, 'journey-inbox-item', violations);
    await detail.getByRole('button', { name: 'Send on Bluesky' }).click();
    await detail
      .getByRole('list', { name: 'Conversation' })
      .getByText('Demo Strategist replied', { exact: false })
      .waitFor({ timeout: 20_000 });
    await detail.getByText(/answered /).waitFor();
    await detail.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('button', { name: /^Closed/ }).click();
    await page.locator('.inbox-row').filter({ hasText: 'litre bottles' }).waitFor();
    await checkBothWidths(page, 'journey-inbox-closed', violations);

    // On the PDS: the brand's reply, threaded under the fan's post.
    const reader = new AtpAgent({ service: network.pds.url });
    const { data } = await reader.com.atproto.repo.listRecords({ repo: brand.did, collection: POST_COLLECTION });
    const replies = data.records.filter((r) => (r.value as AppBskyFeedPost.Record).text === REPLY);
    expect(replies).toHaveLength(1);
    expect((replies[0]!.value as AppBskyFeedPost.Record).reply).toEqual({
      root: { uri: asked.uri, cid: asked.cid },
      parent: { uri: asked.uri, cid: asked.cid },
    });
    // And the item is closed, as the API says.
    const closed = await page.request.get('/api/v1/workspaces/demo/inbox/items?status=closed');
    expect(closed.status()).toBe(200);
    const body = (await closed.json()) as { items: { text: string; status: string; assignee: { name: string } | null }[] };
    expect(body.items.filter((i) => i.text === text)).toMatchObject([{ status: 'closed', assignee: { name: 'Demo Strategist' } }]);

    await context.close();
    expect(violations).toEqual([]);
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 240_000);
});
