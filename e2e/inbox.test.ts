/**
 * The inbox through the UI, on the demo workspace (its sandbox accounts received a handful of
 * messages, two of them overdue): see an overdue item, open it, assign it, reply with a saved reply
 * (sent on the sandbox network), close it; the screen at 1280 and 390 px, axe clean.
 */
import { describe, expect, it } from 'vitest';
import { checkBothWidths, expectTitle, openPage, unexpectedProblems, useE2eApp } from './harness.ts';

const e2e = useE2eApp();

describe('inbox screen', () => {
  it('shows an overdue item, assigns it, replies with a saved reply and closes it', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const violations: string[] = [];
    await page.goto('/signin');
    await page.getByLabel('Email').fill('demo@groundwork.local');
    await page.getByLabel('Password').fill(e2e.server.demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/w/demo');

    // The nav shows how many items are open.
    const nav = page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /^Inbox\W+\d+ open$/ });
    await nav.click();
    await expectTitle(page, 'Inbox (4)');
    const rows = page.getByTestId('inbox-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(4);
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
    await detail.getByRole('button', { name: 'Send on sandbox' }).click();
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
});
