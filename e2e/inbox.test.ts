/**
 * The inbox through the UI, on the demo workspace (its sandbox accounts received a handful of
 * messages, two of them overdue): see an overdue item, open it, assign it, reply with a saved reply
 * (sent on the sandbox network), close it; the response figures above the list; then, with more
 * items than a page holds, "Load more" and a bulk change across the pages read. Each screen at 1280
 * and 390 px, axe clean.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { recordInboxItems } from '../src/inbox/record-items.ts';
import { checkBothWidths, expectTitle, openPage, unexpectedProblems, useE2eApp, signInAsDemo } from './harness.ts';

const e2e = useE2eApp();

describe('inbox screen', () => {
  it('shows an overdue item, assigns it, replies with a saved reply and closes it', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const violations: string[] = [];
    await signInAsDemo(page, e2e.server);

    // The nav shows how many items are open.
    const nav = page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /^Inbox\W+\d+ open$/ });
    await nav.click();
    await expectTitle(page, 'Inbox (4)');
    const rows = page.getByTestId('inbox-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(4);
    await page.getByTestId('inbox-shown').getByText('4 of 4 shown').waitFor();
    await expect(page.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);

    // The response figures: the median beside the SLA target, the rate, what is open and overdue; the period switches.
    const stats = page.getByRole('region', { name: 'Response' });
    await stats
      .getByTestId('stat-median')
      .getByText(/target 1 h/)
      .waitFor();
    await stats.getByTestId('stat-open').getByText('4', { exact: true }).waitFor();
    await stats.getByTestId('stat-overdue').getByText('2', { exact: true }).waitFor();
    await stats.getByText('All hours count (no business hours set).', { exact: false }).waitFor();
    await stats.getByRole('button', { name: 'Last 30 days' }).click();
    await stats.getByText('Of the items received in the last 30 days.', { exact: false }).waitFor();
    await stats
      .getByTestId('stat-rate')
      .getByText(/\d+ of \d+ answered/)
      .waitFor();
    await checkBothWidths(page, 'inbox-list', violations);

    // Jonas's question is overdue and unassigned.
    const jonas = page.locator('.inbox-row').filter({ hasText: 'Is the Guji also available as whole beans?' });
    await jonas.getByText('Overdue', { exact: true }).waitFor();
    await jonas.getByTestId('inbox-row').click();
    const detail = page.getByRole('article');
    await detail.getByRole('heading', { name: /Reply from Jonas/ }).waitFor();
    await detail.getByText('Overdue: no first response within the target.').waitFor();

    await detail.getByLabel('Assignee').selectOption({ label: 'Demo Strategist' });
    await jonas.getByText('Demo Strategist', { exact: false }).waitFor();

    await detail.getByLabel('Saved reply').selectOption({ label: 'Thanks' });
    await expect(detail.getByLabel('Your reply').inputValue()).resolves.toBe(
      'Thank you for the kind words — see you at the roastery soon!',
    );
    await detail.getByRole('button', { name: 'Send on Sandbox' }).click();
    await detail.getByRole('list', { name: 'Conversation' }).getByText('Demo Strategist replied', { exact: false }).waitFor();
    await detail.getByText(/answered /).waitFor();
    await checkBothWidths(page, 'inbox-item', violations);

    await detail.getByRole('button', { name: 'Close', exact: true }).click();
    // Closed: it leaves the open list.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="inbox-row"]').length === 3);
    await page.getByRole('button', { name: /^Closed/ }).click();
    await page.locator('.inbox-row').filter({ hasText: 'Is the Guji also available as whole beans?' }).waitFor();

    // On a phone the item replaces the list, with a way back.
    await page.setViewportSize({ width: 390, height: 900 });
    await page.getByRole('button', { name: '← Back to the list' }).click();
    await rows.first().waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });

    await context.close();
    expect(violations).toEqual([]);
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);

  it('reads more items page by page, and changes the status of all of them at once', async () => {
    // 60 more messages on the demo's Bluesky account (more than a page of 50), written as the poll writes them.
    const db = await openDatabase({ databaseUrl: undefined, pgDataDir: path.join(e2e.server.dataDir, 'pg') }, { migrate: false });
    try {
      const { rows } = await db.pool.query<{ workspace_id: string; id: string; channel_id: string }>(
        `SELECT c.workspace_id, c.id, c.channel_id FROM channel_connections c JOIN workspaces w ON w.id = c.workspace_id
          WHERE w.slug = 'demo' AND c.channel_id = 'bluesky'`,
      );
      const account = rows[0]!;
      const now = Date.now();
      const posts = Array.from({ length: 60 }, (_, i) => ({
        kind: 'mention' as const,
        externalId: `e2e-more-${i}`,
        url: null,
        author: `fan${i}.bsky.social`,
        authorName: `Fan ${i}`,
        text: `Message number ${i} about the beans`,
        postedAt: new Date(now - (60 - i) * 60_000),
      }));
      const target = { workspaceId: account.workspace_id, network: 'sandbox', connectionId: account.id, channelId: account.channel_id };
      expect(await recordInboxItems(db.pool, target, posts)).toBe(60);
    } finally {
      await db.close();
    }

    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const violations: string[] = [];
    await signInAsDemo(page, e2e.server);
    await page.goto('/w/demo/inbox');
    const shown = page.getByTestId('inbox-shown');
    // The first test closed one of the demo's 4 open items: 63 open now.
    await shown.getByText('50 of 63 shown').waitFor();
    expect(await page.getByTestId('inbox-row').count()).toBe(50);
    await checkBothWidths(page, 'inbox-more', violations);

    await page.getByRole('button', { name: 'Load more' }).click();
    await shown.getByText('63 of 63 shown').waitFor();
    expect(await page.getByTestId('inbox-row').count()).toBe(63);
    await expect(page.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);

    // All 63 (more than one bulk request of 100 would hold with a few more pages) move to pending at once.
    await page.getByLabel('Select all 63 shown').check();
    const bulk = page.getByRole('group', { name: 'Bulk actions' });
    await bulk.getByText('63 selected').waitFor();
    await bulk.getByLabel('Set the status of the selected items').selectOption('pending');
    await page.getByRole('heading', { name: 'Nothing to answer' }).waitFor();
    await page.getByRole('button', { name: /^Pending\W*64$/ }).waitFor();

    await context.close();
    expect(violations).toEqual([]);
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);
});
