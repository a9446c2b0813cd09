/**
 * Sign-up by mail (SMTP_URL set), in the browser against the real server and a real SMTP server:
 * "check your inbox" for every address, the mailed link signs in, used and mangled links say so, and
 * a sign-up from an invitation comes back to it through the link.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '../test/smtp.ts';
import {
  accessibilityViolations,
  expectTitle,
  hasHorizontalScroll,
  openPage,
  screenshot,
  TEST_PASSWORD,
  unexpectedProblems,
  useE2eApp,
} from './harness.ts';

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(() => smtp.close());
const e2e = useE2eApp(() => ({ SMTP_URL: smtp.url }));

/** Both widths, for looking at: no sideways scrolling, no serious accessibility violation. */
async function bothWidths(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1280`);
  expect(await accessibilityViolations(page), `${name} at 1280 px`).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await hasHorizontalScroll(page), `${name} at 390 px`).toBe(false);
  await screenshot(page, `${name}-390`);
  expect(await accessibilityViolations(page), `${name} at 390 px`).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function fillSignUp(page: Page, user: { name: string; email: string }): Promise<void> {
  await page.getByLabel('Your name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
}

function confirmLink(text: string): string {
  const link = new RegExp(`${e2e.server.baseUrl}/signup/confirm/[A-Za-z0-9_-]{43}`).exec(text)?.[0];
  if (!link) throw new Error(`no sign-up link in:\n${text}`);
  return link;
}

describe('sign-up by mail', () => {
  it('check your inbox, then the mailed link signs in; a second click says the link was used', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await page.goto('/signup');
    await expectTitle(page, 'Create your account');
    await fillSignUp(page, { name: 'Mila Mailed', email: 'mila@example.com' });

    const heading = page.getByRole('heading', { name: 'Check your inbox' });
    await heading.waitFor();
    await expectTitle(page, 'Check your inbox');
    await page.getByText('We sent a message to mila@example.com.').waitFor();
    await page.getByText('it works once, for 24 hours.', { exact: false }).waitFor();
    // The new state is announced: the focus is on its heading.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Check your inbox');
    await bothWidths(page, 'signup-check-inbox');

    const mail = await smtp.waitFor('mila@example.com');
    expect(mail.subject).toBe('Confirm your Groundwork account');
    const link = confirmLink(mail.text);
    await page.goto(link);
    // Signed in, on the home page: a new account has no workspace yet.
    await page.getByRole('heading', { name: 'Workspaces' }).waitFor();
    const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { user: { email: string; name: string } | null };
    expect(session.user).toMatchObject({ email: 'mila@example.com', name: 'Mila Mailed' });

    await page.goto(link);
    await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    await expectTitle(page, 'Sign-up link not valid');
    await page
      .getByRole('alert')
      .getByText(/works once/)
      .waitFor();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await bothWidths(page, 'signup-link-used');
    await context.close();
    expect(unexpectedProblems(problems, [410])).toEqual([]);
  }, 90_000);

  it('an address with an account sees the same page; its owner is told by mail that someone tried', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const since = smtp.messages.length;
    await page.goto('/signup');
    await fillSignUp(page, { name: 'Not The Owner', email: 'demo@groundwork.local' });
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await page.getByText('We sent a message to demo@groundwork.local.').waitFor();
    const mail = await smtp.waitFor('demo@groundwork.local', { since });
    expect(mail.subject).toBe('Someone tried to create a Groundwork account with your address');
    expect(mail.text).toContain(`${e2e.server.baseUrl}/signin`);
    // "Sign up again" goes back to the form to correct the address, the focus on it.
    await page.getByRole('button', { name: 'Sign up again' }).click();
    expect(await page.getByLabel('Email').inputValue()).toBe('demo@groundwork.local');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('email');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);

  it('a mangled link says so, with the way back to sign-up', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await page.goto('/signup/confirm/not-a-real-link');
    await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    await page
      .getByRole('alert')
      .getByText(/copied whole/)
      .waitFor();
    await page.getByRole('link', { name: 'Sign up again' }).click();
    await expectTitle(page, 'Create your account');
    await context.close();
    expect(unexpectedProblems(problems, [404])).toEqual([]);
  }, 60_000);

  it('a sign-up from an invitation comes back to it through the mailed link, and joins', async () => {
    const owner = await openPage(e2e.browser, e2e.server.baseUrl);
    expect(
      (
        await owner.page.request.post('/api/v1/auth/signin', {
          data: { email: 'demo@groundwork.local', password: e2e.server.demoPassword },
        })
      ).status(),
    ).toBe(200);
    const invited = await owner.page.request.post('/api/v1/workspaces/demo/invitations', {
      data: { email: 'ivo@example.com', role: 'viewer' },
    });
    expect(invited.status()).toBe(201);
    const { path } = (await invited.json()) as { path: string };

    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await page.goto(path);
    await page.getByRole('heading', { name: 'Join Demo' }).waitFor();
    await page.getByLabel('Your name').fill('Ivo Invited');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create account and join' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await page.getByText('brings you back to this invitation').waitFor();

    await page.goto(confirmLink((await smtp.waitFor('ivo@example.com')).text));
    await page.waitForURL((url) => url.pathname === path);
    await page.getByRole('button', { name: 'Join Demo' }).click();
    await page.waitForURL((url) => url.pathname === '/w/demo');
    await owner.context.close();
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);
});
