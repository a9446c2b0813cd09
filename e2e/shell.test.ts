/** Signing up, workspaces, and inviting members with roles through the UI. */
import { describe, expect, it } from 'vitest';
import { expectTitle, openPage, screenshot, signUpWithWorkspace, TEST_PASSWORD, unexpectedProblems, useE2eApp } from './harness.ts';

const e2e = useE2eApp();

describe('app shell', () => {
  it('a new user signs up, creates a workspace, invites a colleague with a role, changes it, and signs out', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await page.goto('/');
    await page.waitForURL('**/signin');
    await expectTitle(page, 'Sign in');
    const ws = await signUpWithWorkspace(page, { name: 'Ada Strategist', email: 'ada@example.com' }, 'Ada & Co');
    expect(ws).toBe('ada-co');

    // The colleague has an account already; Ada invites them by email and they accept the link
    // outside this browser context, whose cookie must stay Ada's.
    const colleague = await fetch(`${e2e.server.baseUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bo Approver', email: 'bo@example.com', password: TEST_PASSWORD }),
    });
    expect(colleague.status).toBe(201);
    await page.getByRole('link', { name: 'Members' }).click();
    await expectTitle(page, 'Members');
    await page.getByLabel('Email').fill('bo@example.com');
    await page.getByLabel('Role', { exact: true }).selectOption('approver');
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await page.getByLabel('Invitation link').inputValue();
    const accepted = await fetch(`${e2e.server.baseUrl}/api/v1/invitations/${link.split('/invite/')[1]}/accept`, {
      method: 'POST',
      headers: { cookie: colleague.headers.get('set-cookie')!.split(';')[0]! },
    });
    expect(accepted.status).toBe(200);
    await page.reload();
    const role = page.getByLabel('Role of Bo Approver');
    await role.waitFor();
    expect(await role.inputValue()).toBe('approver');
    // A role change asks first.
    await role.selectOption('viewer');
    const dialog = page.getByRole('dialog', { name: 'Change Bo Approver’s role?' });
    await dialog.waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/members/') && r.request().method() === 'PATCH'),
      dialog.getByRole('button', { name: 'Change role' }).click(),
    ]);
    await screenshot(page, 'members');

    const members = await (await page.request.get(`/api/v1/workspaces/${ws}/members`)).json();
    expect(members.members.map((m: { email: string; role: string }) => `${m.email} ${m.role}`).sort()).toEqual([
      'ada@example.com owner',
      'bo@example.com viewer',
    ]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  });
});
