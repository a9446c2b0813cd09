/**
 * Working as a team, in the browser: four-eyes approval with review notifications on the bell, the
 * workspace settings screen, and inviting a member who has no account yet.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cleanStrategy, CLEAN_STRATEGY_ID } from '../test/plan-fixtures.ts';
import {
  expectTitle,
  hasHorizontalScroll,
  joinByInvitation,
  openPage,
  screenshot,
  signUpWithWorkspace,
  TEST_PASSWORD,
  unexpectedProblems,
  useE2eApp,
} from './harness.ts';

const e2e = useE2eApp();

/** The bell's accessible name, once it says `unread`. */
async function bellSays(page: Page, unread: number): Promise<void> {
  await page.getByRole('link', { name: unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`, exact: true }).waitFor();
}

/** The same screen at 390 px: no sideways scrolling, and a screenshot of each width. */
async function bothWidths(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await hasHorizontalScroll(page), `${name} at 390 px`).toBe(false);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('working as a team', () => {
  it('four eyes: the author cannot approve their post, the approver is notified on the bell, follows the link and approves', async () => {
    const owner = await openPage(e2e.browser, e2e.server.baseUrl);
    const ws = await signUpWithWorkspace(owner.page, { name: 'Oona Owner', email: 'oona@example.com' }, 'Four Eyes Bakery');
    expect((await owner.page.request.post(`/api/v1/workspaces/${ws}/strategies`, { data: cleanStrategy() })).status()).toBe(201);
    const approver = await openPage(e2e.browser, e2e.server.baseUrl);
    const approverUser = { name: 'Avi Approver', email: 'avi@example.com', password: TEST_PASSWORD };
    expect((await approver.page.request.post('/api/v1/auth/signup', { data: approverUser })).status()).toBe(201);
    await joinByInvitation(owner.page.request, approver.page.request, ws, approverUser.email, 'approver');

    const created = await owner.page.request.post(`/api/v1/workspaces/${ws}/posts`, {
      data: { strategy: CLEAN_STRATEGY_ID, variants: { linkedin: { text: 'Rye week: three loaves, one starter.' } } },
    });
    expect(created.status()).toBe(201);
    const postId = ((await created.json()) as { post: { id: string } }).post.id;

    // The owner submits their own post: there is no Approve button for them, and the card says why.
    await owner.page.goto(`/w/${ws}/posts/${postId}`);
    await owner.page.getByRole('button', { name: 'Submit for review' }).click();
    await owner.page.getByText('Submitted for review.').waitFor();
    await owner.page
      .getByRole('note')
      .getByText('You wrote or last edited this post, so another member with approval rights must approve it.')
      .waitFor();
    expect(await owner.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await bothWidths(owner.page, 'post-four-eyes');
    // The server refuses it too.
    const self = await owner.page.request.post(`/api/v1/workspaces/${ws}/posts/${postId}/approve`, { data: {} });
    expect([self.status(), ((await self.json()) as { error: { code: string } }).error.code]).toEqual([403, 'post.self_approval']);

    // The approver sees one unread notification on the bell, naming the strategy and channel, and follows it.
    await approver.page.goto(`/w/${ws}`);
    await bellSays(approver.page, 1);
    await approver.page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await expectTitle(approver.page, 'Notifications (1)');
    const item = approver.page.getByTestId('notification').first();
    await item
      .getByText(
        `Oona Owner asks you to review “Rye week: three loaves, one starter.” (strategy “${cleanStrategy().name}”, channel linkedin)`,
      )
      .waitFor();
    await bothWidths(approver.page, 'notifications');
    await item.getByRole('link', { name: 'Review the post' }).click();
    await approver.page.waitForURL(`**/w/${ws}/posts/${postId}`);
    await bellSays(approver.page, 0);
    await approver.page.getByRole('button', { name: 'Approve' }).click();
    await approver.page.getByText('Approved: it can be scheduled now.').waitFor();

    // The author hears of it.
    await owner.page.reload();
    await bellSays(owner.page, 1);
    await owner.page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await owner.page
      .getByTestId('notification')
      .first()
      .getByText(/^Avi Approver approved “Rye week/)
      .waitFor();

    await approver.context.close();
    await owner.context.close();
    expect(unexpectedProblems(owner.problems, [403])).toEqual([]);
    expect(unexpectedProblems(approver.problems)).toEqual([]);
  }, 120_000);
});

describe('workspace settings', () => {
  it('a new workspace takes the browser’s time zone; the owner changes name, zone, approval rule, self-approval and posting times', async () => {
    const owner = await openPage(e2e.browser, e2e.server.baseUrl, undefined, { timezoneId: 'America/Chicago' });
    const { page } = owner;
    const ws = await signUpWithWorkspace(page, { name: 'Sam Settings', email: 'sam@example.com' }, 'Chicago Crumbs');
    const read = async () =>
      ((await (await page.request.get(`/api/v1/workspaces/${ws}`)).json()) as { workspace: Record<string, unknown> }).workspace;
    expect(await read()).toMatchObject({ timezone: 'America/Chicago', requireApproval: true, allowSelfApproval: false });

    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Settings' }).click();
    await expectTitle(page, 'Workspace settings');
    const form = page.getByRole('form', { name: 'Workspace settings' });
    expect(await form.getByLabel('Time zone').inputValue()).toBe('America/Chicago');
    await form.getByLabel('Workspace name').fill('Chicago Crumbs & Co');
    await form.getByLabel('Time zone').selectOption('Europe/Berlin');
    await form.getByLabel('Authors may approve their own posts').check();
    await form.getByLabel('Posting time 1', { exact: true }).fill('08:30');
    await form.getByRole('button', { name: 'Remove posting time 3' }).click();
    await form.getByText('Unsaved changes.').waitFor();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('Settings saved.').waitFor();
    expect(await read()).toMatchObject({
      name: 'Chicago Crumbs & Co',
      slug: ws,
      timezone: 'Europe/Berlin',
      requireApproval: true,
      allowSelfApproval: true,
      postingTimes: ['08:30', '13:00'],
    });
    // The top bar follows the new name; the saved settings come back on reload.
    await page.getByRole('link', { name: /^Chicago Crumbs & Co/ }).waitFor();
    await page.reload();
    expect(await form.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    expect(await form.getByLabel('Authors may approve their own posts').isChecked()).toBe(true);
    await form.getByLabel('Posts need approval before they are scheduled').uncheck();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('Settings saved.').waitFor();
    expect((await read()).requireApproval).toBe(false);
    await bothWidths(page, 'workspace-settings');

    const audit = (await (await page.request.get(`/api/v1/workspaces/${ws}/audit?limit=50`)).json()) as { entries: { action: string }[] };
    expect(audit.entries.map((e) => e.action).filter((a) => a.startsWith('workspace.'))).toEqual([
      'workspace.settings_change',
      'workspace.settings_change',
      'workspace.rename',
      'workspace.create',
    ]);
    await owner.context.close();
    expect(unexpectedProblems(owner.problems)).toEqual([]);
  }, 60_000);
});

describe('invitations', () => {
  it('the owner invites by email, copies the link; a newcomer signs up through it and lands in the workspace with the role', async () => {
    const owner = await openPage(e2e.browser, e2e.server.baseUrl);
    await owner.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page } = owner;
    const ws = await signUpWithWorkspace(page, { name: 'Ines Inviter', email: 'ines@example.com' }, 'Invite Bakery');
    await page.getByRole('link', { name: 'Members' }).click();
    await expectTitle(page, 'Members');
    const inviteForm = page.getByRole('form', { name: 'Invite a member' });

    // One invitation that is withdrawn again, one that is used.
    await inviteForm.getByLabel('Email').fill('zed@example.com');
    await inviteForm.getByLabel('Role', { exact: true }).selectOption('viewer');
    await inviteForm.getByRole('button', { name: 'Create invitation link' }).click();
    const revokedLink = await page.getByLabel('Invitation link').inputValue();
    await inviteForm.getByLabel('Email').fill('nia@example.com');
    await inviteForm.getByLabel('Role', { exact: true }).selectOption('editor');
    await inviteForm.getByRole('button', { name: 'Create invitation link' }).click();
    await page.getByText('Invitation for nia@example.com as editor').waitFor();
    const link = await page.getByLabel('Invitation link').inputValue();
    expect(link).toMatch(new RegExp(`^${e2e.server.baseUrl}/invite/[A-Za-z0-9_-]{43}$`));
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    const pendingList = page.getByRole('table', { name: 'Pending invitations' });
    await pendingList.getByRole('cell', { name: 'nia@example.com', exact: true }).waitFor();
    await bothWidths(page, 'members-invitations');
    await page.getByRole('button', { name: 'Revoke the invitation of zed@example.com' }).click();
    await pendingList.getByRole('cell', { name: 'zed@example.com', exact: true }).waitFor({ state: 'detached' });

    // The newcomer has no account: the link offers sign-up with the invited address.
    const newcomer = await openPage(e2e.browser, e2e.server.baseUrl);
    await newcomer.page.goto(link);
    await expectTitle(newcomer.page, 'Invitation');
    await newcomer.page.getByRole('heading', { name: 'Join Invite Bakery' }).waitFor();
    await newcomer.page.getByText('Ines Inviter invites nia@example.com to join as editor.').waitFor();
    expect(await newcomer.page.getByLabel('Email').inputValue()).toBe('nia@example.com');
    await bothWidths(newcomer.page, 'invitation');
    await newcomer.page.getByLabel('Your name').fill('Nia Newcomer');
    await newcomer.page.getByLabel('Password').fill(TEST_PASSWORD);
    await newcomer.page.getByRole('button', { name: 'Create account and join' }).click();
    await newcomer.page.waitForURL(`**/w/${ws}`);
    await newcomer.page.getByRole('link', { name: 'Invite Bakery (editor)' }).waitFor();
    // An editor does not manage the workspace: no settings in the navigation.
    expect(await newcomer.page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Settings' }).count()).toBe(0);

    // Used and revoked links say so.
    await newcomer.page.goto(link);
    await newcomer.page.getByRole('heading', { name: 'This invitation cannot be used' }).waitFor();
    await newcomer.page
      .getByRole('alert')
      .getByText(/already been used/)
      .waitFor();
    await newcomer.page.goto(revokedLink);
    await newcomer.page
      .getByRole('alert')
      .getByText(/withdrawn/)
      .waitFor();

    // Back with the owner: Nia is a member; removing her asks first, and Cancel keeps her.
    await page.reload();
    const role = page.getByLabel('Role of Nia Newcomer');
    expect(await role.inputValue()).toBe('editor');
    expect(await page.getByRole('heading', { name: 'Pending invitations' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Remove Nia Newcomer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Nia Newcomer?' });
    await dialog.getByText('loses access to this workspace at once').waitFor();
    await screenshot(page, 'members-remove-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await role.waitFor();
    await page.getByRole('button', { name: 'Remove Nia Newcomer' }).click();
    await dialog.getByRole('button', { name: 'Remove member' }).click();
    await role.waitFor({ state: 'detached' });

    await newcomer.context.close();
    await owner.context.close();
    expect(unexpectedProblems(owner.problems)).toEqual([]);
    expect(unexpectedProblems(newcomer.problems, [410])).toEqual([]);
  }, 90_000);
});
