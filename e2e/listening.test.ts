/**
 * Listening through the UI, in a new workspace: mentions imported (the API's CSV import), then a query written in the
 * editor — its syntax error shown live under the box, fixed, and the preview listing the matching
 * mentions —, saved; the mentions feed with sentiment badges and a filter; a feed added as a source; a file
 * imported on the Sources tab (a bad CSV's rows by line, then a JSONL checked and imported).
 * Every screen at 1280 and 390 px, axe clean.
 */
import { describe, expect, it } from 'vitest';
import { checkBothWidths, expectTitle, openPage, signUpWithWorkspace, unexpectedProblems, useE2eApp } from './harness.ts';

const e2e = useE2eApp();

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const CSV = [
  'id,text,author,lang,posted_at',
  `e2e-1,"Best pumpernickel in town, I love it",ana.example,en,${hoursAgo(3)}`,
  `e2e-2,"The spelt loaf was stale and awful",ben.example,en,${hoursAgo(2)}`,
  `e2e-3,"Rainy day, nothing to report",cy.example,en,${hoursAgo(1)}`,
].join('\n');

describe('listening screens', () => {
  it('shows a query syntax error live, previews the matches once fixed, lists mentions and adds a source', async () => {
    const { page, problems, context } = await openPage(e2e.browser, e2e.server.baseUrl);
    const violations: string[] = [];
    const ws = await signUpWithWorkspace(page, { name: 'Lena Listener', email: `lena-${Date.now()}@example.com` }, 'Listening Bakery');

    const imported = await page.request.post(`/api/v1/workspaces/${ws}/listening/import`, {
      headers: { 'content-type': 'text/csv' },
      data: CSV,
    });
    expect(imported.status(), await imported.text()).toBe(200);

    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Listening' }).click();
    await expectTitle(page, 'Listening dashboard');
    await page.getByRole('navigation', { name: 'Listening' }).getByRole('link', { name: 'Queries' }).click();
    await page.getByText('No listening queries yet').waitFor();
    await checkBothWidths(page, 'listening-queries-empty', violations);
    await expectTitle(page, 'Listening queries');
    await page.getByRole('button', { name: 'New query' }).first().click();
    await page.getByLabel('Name').fill('Our bread');
    const box = page.getByRole('textbox', { name: 'Query' });
    await box.fill('pumpernickel OR "spelt loaf');
    // The error under the box, as the server's parser words it, with its position.
    await page.getByText('unclosed quote at 16').waitFor();
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save query' }).isDisabled()).toBe(true);
    await checkBothWidths(page, 'listening-query-error', violations);

    await box.fill('pumpernickel OR "spelt loaf"');
    await page
      .getByTestId('preview-count')
      .filter({ hasText: /^2 of the [\d,]+ most recent mentions match\.$/ })
      .waitFor();
    const preview = page.getByRole('region', { name: 'Preview of matching mentions' }).getByTestId('mention');
    expect(await preview.count()).toBe(2);
    await preview.filter({ hasText: 'spelt loaf was stale' }).getByText('Negative').waitFor();
    await checkBothWidths(page, 'listening-query-preview', violations);

    await page.getByRole('button', { name: 'Save query' }).click();
    const saved = page.getByTestId('query').filter({ hasText: 'Our bread' });
    await saved.waitFor();
    await checkBothWidths(page, 'listening-queries', violations);

    await page.getByRole('navigation', { name: 'Listening' }).getByRole('link', { name: 'Mentions' }).click();
    await expectTitle(page, 'Mentions');
    await page.getByLabel('Words').fill('pumpernickel');
    await page.getByTestId('mention').filter({ hasText: 'Best pumpernickel' }).getByText('Positive').waitFor();
    await expect.poll(() => page.getByTestId('mention').count()).toBe(1);
    await checkBothWidths(page, 'listening-mentions', violations);
    await page.getByLabel('Sentiment').selectOption('negative');
    await page.getByText('No mention matches these filters').waitFor();
    await page.getByLabel('Words').fill('spelt loaf');
    await page.getByTestId('mention').filter({ hasText: 'stale' }).getByText('Negative').waitFor();

    await page.getByRole('navigation', { name: 'Listening' }).getByRole('link', { name: 'Sources' }).click();
    await expectTitle(page, 'Listening sources');
    await page.getByText('No sources yet').waitFor();
    await checkBothWidths(page, 'listening-sources-empty', violations);
    await page.getByRole('button', { name: 'Add a source' }).first().click();
    await page.getByLabel('Name').fill('Bakery blog');
    await page.getByLabel('Feed URL').fill('https://bakery.example/feed.xml');
    await page.getByRole('button', { name: 'Add source' }).click();
    const source = page.getByTestId('source').filter({ hasText: 'Bakery blog' });
    await source.getByText('Not read yet').waitFor();
    await source.getByRole('button', { name: 'Disable' }).click();
    await source.getByText('Disabled').waitFor();
    await checkBothWidths(page, 'listening-sources', violations);

    // Import a file: a CSV with a bad row is refused with its line; a JSONL is checked, then imported.
    const fileInput = page.getByLabel('CSV or JSONL file');
    await fileInput.setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`id,text,posted_at\nf-1,Fresh pumpernickel again,${hoursAgo(1)}\nf-2,No date here,yesterday\n`),
    });
    const errors = page.getByRole('table', { name: 'Rows with errors' });
    await errors.getByRole('cell', { name: '3', exact: true }).waitFor();
    await checkBothWidths(page, 'listening-import-errors', violations);
    const jsonl = [
      { id: 'f-1', text: 'Fresh pumpernickel again', posted_at: hoursAgo(1) },
      { id: 'e2e-1', text: 'Best pumpernickel in town, I love it', posted_at: hoursAgo(3) },
      { id: 'f-3', text: 'Weather talk', posted_at: hoursAgo(1) },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    await fileInput.setInputFiles({ name: 'mentions.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl) });
    await page.getByTestId('import-summary').getByText('3 rows: 2 new mentions, 1 already stored, 1 matching a query.').waitFor();
    expect(await errors.count()).toBe(0);
    await checkBothWidths(page, 'listening-import-preview', violations);
    await page.getByRole('button', { name: 'Import 2 mentions' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported 2 mentions (1 matching a query, 1 already stored).' }).waitFor();
    await checkBothWidths(page, 'listening-import-done', violations);
    await page.getByRole('navigation', { name: 'Listening' }).getByRole('link', { name: 'Mentions' }).click();
    await page.getByTestId('mention').filter({ hasText: 'Fresh pumpernickel again' }).waitFor();

    await context.close();
    expect(violations).toEqual([]);
    // The refused file's 422 is the answer the screen shows, not a fault.
    expect(unexpectedProblems(problems, [422])).toEqual([]);
  }, 120_000);
});
