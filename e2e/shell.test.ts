import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectTitle, hasHorizontalScroll, launchBrowser, openPage, screenshot, startServer, unexpectedProblems, type E2eServer } from './harness.ts';

let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('app shell', () => {
  it('signs a new user up, creates a workspace, and invites nobody yet', async () => {
    const { page, problems, context } = await openPage(browser, server.baseUrl);
    await page.goto('/');
    await page.waitForURL('**/signin');
    await expectTitle(page, 'Sign in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill('Ada Strategist');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Workspaces' }).waitFor();
    await page.getByLabel('Workspace name').fill('Ada & Co');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL('**/w/ada-co');
    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('cell', { name: 'ada@example.com' }).waitFor();
    await screenshot(page, 'members');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await context.close();
    expect(unexpectedProblems(problems, [401])).toEqual([]);
  });
});
