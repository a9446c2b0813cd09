/**
 * Reports through the UI: the demo owner opens the Northwind strategy, changes the report's period,
 * downloads the PDF (it opens and carries the strategy's name) and the CSV, schedules a monthly
 * report, and sees the campaign page's report controls — at 1280 and 390 px, axe clean.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfInfoString } from '../test/export-files.ts';
import {
  accessibilityViolations,
  expectTitle,
  hasHorizontalScroll,
  openPage,
  screenshot,
  unexpectedProblems,
  useE2eApp,
  signInAsDemo,
} from './harness.ts';

const e2e = useE2eApp();
const NAME = 'Northwind social media strategy 2027';

describe('reports', () => {
  it('exports the strategy’s PDF and CSV for a chosen period and schedules a monthly report', async () => {
    const { page, problems } = await openPage(e2e.browser, e2e.server.baseUrl);
    await signInAsDemo(page, e2e.server);

    await page.goto('/w/demo/strategies/northwind-2027');
    await expectTitle(page, NAME);
    const reports = page.getByRole('region', { name: 'Reports', exact: true });
    await reports.getByRole('heading', { name: 'Export report' }).waitFor();
    await reports.getByLabel('From').fill('2027-01-01');
    await reports.getByLabel('To').fill('2027-03-31');
    await page.waitForURL((url) => url.searchParams.get('from') === '2027-01-01' && url.searchParams.get('to') === '2027-03-31');

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe('northwind-2027-report-2027-01-01-to-2027-03-31.pdf');
    const bytes = readFileSync((await pdf.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.includes(pdfInfoString(NAME))).toBe(true);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
    expect(readFileSync((await csv.path())!, 'utf8')).toContain('record,id,name,from,to,date,value');

    // A reversed period offers no download.
    await reports.getByLabel('From').fill('2027-04-01');
    await reports.getByRole('alert').filter({ hasText: 'The period ends before it starts.' }).waitFor();
    expect(await page.getByTestId('report-pdf').count()).toBe(0);
    await reports.getByLabel('From').fill('2027-01-01');

    await reports.getByRole('heading', { name: 'No scheduled reports' }).waitFor();
    await reports.getByLabel('Every').selectOption('monthly');
    await reports.getByLabel('Format').selectOption('pdf');
    await reports.getByRole('button', { name: 'Schedule report' }).click();
    await reports.getByTestId('report-schedule').filter({ hasText: 'Monthly PDF report' }).waitFor();

    await reports.scrollIntoViewIfNeeded();
    await screenshot(page, 'strategy-reports');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await reports.scrollIntoViewIfNeeded();
    await screenshot(page, 'strategy-reports-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto('/w/demo/strategies/northwind-2027/campaigns/winter-blend-launch');
    const campaignReports = page.getByRole('region', { name: 'Reports', exact: true });
    await campaignReports.getByTestId('report-pdf').waitFor();
    const [campaignPdf] = await Promise.all([page.waitForEvent('download'), campaignReports.getByTestId('report-pdf').click()]);
    expect(campaignPdf.suggestedFilename()).toBe('winter-blend-launch-report-2027-10-01-to-2027-12-15.pdf');
    expect(readFileSync((await campaignPdf.path())!).includes(pdfInfoString('Winter Solstice blend launch'))).toBe(true);
    await campaignReports.scrollIntoViewIfNeeded();
    await screenshot(page, 'campaign-reports');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await campaignReports.scrollIntoViewIfNeeded();
    await screenshot(page, 'campaign-reports-phone');

    expect(unexpectedProblems(problems)).toEqual([]);
  }, 120_000);
});
