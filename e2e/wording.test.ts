/**
 * Everyday wording (issue 8): the rules' findings in plain language with a link to the field, ratios
 * as percentages, dates in the browser's locale (calendar included), connections named by strategy.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cleanStrategy } from '../test/plan-fixtures.ts';
import {
  accessibilityViolations,
  hasHorizontalScroll,
  openPage,
  screenshot,
  unexpectedProblems,
  useE2eApp,
  type WatchedPage,
  signInAsDemo,
} from './harness.ts';

const e2e = useE2eApp();

async function demoPage(options: Parameters<typeof openPage>[3] = {}, viewport?: { width: number; height: number }): Promise<WatchedPage> {
  const watched = await openPage(e2e.browser, e2e.server.baseUrl, viewport, options);
  const { page } = watched;
  await signInAsDemo(page, e2e.server);
  return watched;
}

/** Both widths of a screen, for looking at; the new wording must not cost accessibility at either. */
async function screenshots(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1280`);
  expect(await accessibilityViolations(page), `${name} at 1280 px`).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  expect(await accessibilityViolations(page), `${name} at 390 px`).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('findings in plain language', () => {
  it('says what to do and where, links to the field, and keeps the YAML wording out of the plan check', async () => {
    const { page, problems, context } = await demoPage();
    // A channel run by someone who is not on the team (possible through the API or an import).
    const strategy = cleanStrategy();
    strategy.channels[1]!.owner = 'carla';
    expect((await page.request.post('/api/v1/workspaces/demo/strategies', { data: strategy })).status()).toBe(201);

    await page.goto(`/w/demo/strategies/${strategy.id}`);
    const check = page.getByRole('complementary', { name: 'Plan check' });
    const finding = check.locator('[data-rule="unknown-reference"]');
    await finding
      .getByText(
        'LinkedIn acme-bakery is run by “carla”, who is not on the team: add the person to the team on the Resources step, or choose another owner on the Channels step.',
      )
      .waitFor();
    expect(await check.innerText()).not.toContain('resources.people');
    await screenshots(page, 'wording-overview-findings');

    await finding.getByRole('button').click();
    await page.waitForURL((url) => url.pathname.endsWith('/edit/channels'));
    await page.waitForFunction(() => document.activeElement?.id === 'field-channels-1-owner');
    const builderCheck = page.getByRole('complementary', { name: 'Plan check' });
    await builderCheck
      .locator('[data-rule="unknown-reference"]')
      .getByText(/add the person to the team on the Resources step/)
      .waitFor();
    await screenshots(page, 'wording-builder-findings');

    // The campaign planner: its live check and the readiness checklist speak the same plain words.
    await page.goto('/w/demo/strategies/northwind-2027/campaigns/roastery-open-day');
    await page.getByRole('group', { name: 'Phase 2' }).getByLabel('Start').fill('2027-08-13');
    const gap = '4 days of the campaign lie in no phase (9 Aug 2027 – 12 Aug 2027): extend a phase or add one under Phases and tasks.';
    await page.getByRole('complementary', { name: 'Campaign check' }).getByText(gap).waitFor();
    await screenshots(page, 'wording-campaign-planner');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);

  it('words the import preview for people, with the YAML wording as small print', async () => {
    const { page, problems, context } = await demoPage();
    await page.goto('/w/demo/import');
    await page
      .getByLabel('Or paste YAML')
      .fill(
        [
          'kind: campaign',
          'id: winter-push',
          'strategy: northwind-2027',
          'name: Winter push',
          'type: other',
          'start: 2027-11-02',
          'end: 2027-11-30',
          'audience: [home-brewer]',
          'channels: [instagram]',
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Check plan' }).click();
    const findings = page.getByRole('list', { name: 'Findings' });
    const owner = findings.locator('[data-rule="campaign-no-owner"]');
    await owner.getByText('Choose who oversees the campaign from beginning to end: pick its owner under Basics.').waitFor();
    await owner.getByText(/^In the YAML: .*set owner to the id/).waitFor();
    await screenshots(page, 'wording-import-preview');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);
});

describe('a German browser', () => {
  it('shows dates the German way in the calendar’s week and list views and on the strategy overview, and ratios as German percentages', async () => {
    const { page, problems, context } = await demoPage({ locale: 'de-DE' });
    await page.goto('/w/demo/calendar?view=timeGridWeek');
    // FullCalendar's week columns: "Mo. 30.11." in German, "Mon 11/30" in the US.
    const weekHeads = page.locator('.fc-col-header-cell-cushion');
    await weekHeads.first().waitFor();
    const heads = await weekHeads.allInnerTexts();
    expect(heads).toHaveLength(7);
    for (const head of heads) expect(head).toMatch(/^(Mo|Di|Mi|Do|Fr|Sa|So)\. \d{1,2}\.\d{1,2}\.$/);
    await screenshots(page, 'wording-calendar-week-de');

    await page.getByRole('button', { name: 'List' }).click();
    // A day's heading: "1. Dezember 2026" and "Dienstag" in German, "December 1, 2026" and "Tuesday" in the US.
    const day = page.locator('.fc-list-day-cushion').first();
    await day.waitFor();
    expect(await day.innerText()).toMatch(
      /(^|\s)\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}(\s|$)/,
    );
    expect(await day.innerText()).toMatch(/Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag/);
    await screenshots(page, 'wording-calendar-list-de');
    // German day names are long: the list still fits a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page), 'calendar list at 390 px').toBe(false);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto('/w/demo/strategies/northwind-2027');
    await page.locator('.hero-meta').getByText('01.01.2027 – 31.12.2027').waitFor();
    // The Instagram baseline's engagement rate, 0.035, and the KPI measured as a rate.
    await page.locator('.channels-table').getByText('3,5 %').waitFor();
    await page
      .locator('.objective-tree')
      .getByText(/3,5\s% → 5\s% by 31\.12\.2027/)
      .waitFor();
    await screenshots(page, 'wording-overview-de');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 90_000);
});

describe('the connections screen', () => {
  it('names strategies by their name, not their id', async () => {
    const { page, problems, context } = await demoPage();
    await page.goto('/w/demo/connections');
    const row = page.getByTestId('channel-northwind-2027-instagram');
    await row.getByRole('cell', { name: 'Northwind social media strategy 2027', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Instagram', exact: true }).waitFor();
    expect(await page.locator('.connections-table tbody').innerText()).not.toContain('northwind-2027');
    await screenshots(page, 'wording-connections');
    await context.close();
    expect(unexpectedProblems(problems)).toEqual([]);
  }, 60_000);
});
