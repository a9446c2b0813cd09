/**
 * Connected accounts through the UI: the demo owner disconnects a sandbox channel of the Northwind
 * strategy (the demo connects them all) and connects it to the sandbox again.
 */
import { describe, expect, it } from 'vitest';
import { expectTitle, openPage, unexpectedProblems, useE2eApp, signInAsDemo } from './harness.ts';

const e2e = useE2eApp();

describe('connections screen', () => {
  it('disconnects a sandbox channel and connects it again', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    await signInAsDemo(page, e2e.server);

    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Connections' }).click();
    await expectTitle(page, 'Connections');
    const connected = page
      .locator('tr[data-testid^="channel-northwind-2027-"]')
      .filter({ has: page.getByRole('button', { name: /^Disconnect / }) });
    await connected.first().waitFor();
    const testId = (await connected.first().getAttribute('data-testid'))!;
    const row = page.getByTestId(testId);
    await expect(row.getByText('Connected', { exact: true }).count()).resolves.toBe(1);

    await row.getByRole('button', { name: /^Disconnect / }).click();
    await page.getByRole('button', { name: 'Yes, disconnect' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Disconnected Northwind social media strategy 2027/ })
      .waitFor();
    await row.getByText('Not connected', { exact: true }).waitFor();

    await row.getByRole('button', { name: /^Connect / }).click();
    await page.getByLabel('Connector').selectOption('sandbox');
    await page.getByLabel('Latency (ms)').fill('20');
    await page.getByRole('button', { name: 'Connect account' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Connected Northwind social media strategy 2027 \/ .*verified/ })
      .waitFor();
    await row.getByText('Connected', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: /^Disconnect / }).count()).toBe(1);

    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);
});
