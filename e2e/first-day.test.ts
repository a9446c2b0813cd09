/**
 * The rough edges a new user hit on day one (issue 8, "broken today"), each driven as a person would
 * in Chromium against the real server and the demo workspace.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectTitle, openPage, unexpectedProblems, useE2eApp } from './harness.ts';

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
});
