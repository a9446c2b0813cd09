/**
 * Issue 11's acceptance journey, in Chromium against the real server and the demo workspace with its
 * year of generated history (it ends on 2027-11-15 in the browser tests, e2e/harness.ts): the demo
 * strategy's dashboard, a range change, the PDF report of that range (it opens and carries the
 * strategy's name), a review run on the history, one suggestion accepted, and the new version with its
 * diff. No console errors on the way; every screen at 1280 and 390 px, axe clean of serious violations.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfInfoString } from '../test/export-files.ts';
import { checkBothWidths, expectTitle, openPage, unexpectedProblems, useE2eApp, signInAsDemo } from './harness.ts';

const e2e = useE2eApp();
const NAME = 'Northwind social media strategy 2027';

describe('measure and repeat', () => {
  it('dashboard → range → PDF report → review → accepted suggestion → new version and its diff', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const violations: string[] = [];
    await signInAsDemo(page, e2e.server);

    // The dashboard, from the strategy's page.
    await page.goto('/w/demo/strategies/northwind-2027');
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await expectTitle(page, `Dashboard · ${NAME}`);
    await page.getByTestId('kpi-total-followers').waitFor();

    // The range: the strategy's months so far, as a custom range kept in the URL.
    const range = page.getByRole('region', { name: 'Date range' });
    await range.getByRole('button', { name: 'Custom' }).click();
    await range.getByLabel('From').fill('2027-01-01');
    await range.getByLabel('To').fill('2027-11-15');
    await range.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === '2027-01-01' && url.searchParams.get('to') === '2027-11-15');
    await page.getByTestId('range-shown').filter({ hasText: '2027' }).waitFor();
    // A year of history: the totals of the range are not empty.
    await page.locator('[aria-busy="false"]').first().waitFor();
    await checkBothWidths(page, 'measure-journey-dashboard', violations);

    // The PDF report of that range: it opens as a PDF and carries the strategy's name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Export PDF of ${NAME} for this range` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('northwind-2027-report-2027-01-01-to-2027-11-15.pdf');
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdf.includes(pdfInfoString(NAME))).toBe(true);

    // A review of the history: run twice (a KPI behind in two reviews running is one of the rules).
    await page.goto('/w/demo/strategies/northwind-2027');
    await page.getByRole('link', { name: 'Reviews', exact: true }).click();
    await expectTitle(page, `Reviews of ${NAME}`);
    for (const asOf of ['2027-08-15', '2027-11-15']) {
      await page.getByLabel('As of').fill(asOf);
      await page.getByRole('button', { name: 'Run review now' }).click();
      await page.getByRole('heading', { name: /^Review as of / }).waitFor();
      if (asOf !== '2027-11-15') await page.getByRole('link', { name: 'Reviews', exact: true }).click();
    }
    const suggestion = page.getByTestId('suggestion').first();
    await suggestion.waitFor();
    await checkBothWidths(page, 'measure-journey-review', violations);

    await suggestion.getByRole('button', { name: 'Accept' }).click();
    await suggestion.getByText(/^Accepted by /).waitFor();

    // The new version and its diff.
    await suggestion.getByTestId('version-diff-link').click();
    await expectTitle(page, `Versions of ${NAME}`);
    expect(new URL(page.url()).searchParams.get('to')).toBe(String(Number(new URL(page.url()).searchParams.get('from')) + 1));
    const diff = page.getByTestId('diff');
    await diff.locator('.diff-changed, .diff-added, .diff-removed').first().waitFor();
    await checkBothWidths(page, 'measure-journey-versions', violations);

    expect(violations).toEqual([]);
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 240_000);
});
