/**
 * Browser tests against the real app: the built web app served by the real server on an embedded
 * Postgres in a temporary data directory, driven by Playwright in Debian's Chromium. Any console
 * error or failed page request fails the test (`assertNoConsoleErrors`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import {
  chromium,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { CHROMIUM } from '../scripts/system-packages.ts';
import { spawnServer } from '../test/spawn-server.ts';

export const SCREENSHOTS = path.resolve('test-results/screenshots');

export interface E2eServer {
  baseUrl: string;
  /** The demo user's password printed at first start (the demo workspace holds the examples). */
  demoPassword: string;
  /** The server's DATA_DIR: a test can open the same database (openDatabase shares the running cluster) to seed what no API writes. */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Builds the web app and the server as `npm start` does (each skipped when newer than its sources);
 * the test global setup calls it once. Spawned servers run that build (test/spawn-server.ts).
 */
export function buildApp(): void {
  const run = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('build failed (node scripts/start.mjs --build-only)');
}

/** When the demo's history ends in the browser tests (DEMO_HISTORY_END): the examples stay in 2027. */
const E2E_DEMO_HISTORY_END = '2027-11-15';

/** `extraEnv`: settings of this server only (SMTP_URL for the sign-up by mail). */
export async function startServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<E2eServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-e2e-'));
  chmodSync(dataDir, 0o755);
  const { DATABASE_URL: _no, ...env } = process.env;
  // Every journey signs in from 127.0.0.1, often as the demo user: far more than the default
  // brute-force limits allow in 15 minutes (src/auth/rate-limit.db.test.ts tests those). The demo's
  // history ends in the 11th month of the example strategy, so its plans keep their own dates (2027),
  // which the journeys type and read, whatever day the tests run.
  const server = await spawnServer(
    { ...env, AUTH_RATE_MAX_PER_IP: '100000', AUTH_RATE_MAX_PER_ACCOUNT: '100000', DEMO_HISTORY_END: E2E_DEMO_HISTORY_END, ...extraEnv },
    dataDir,
  );
  return {
    baseUrl: `http://127.0.0.1:${server.port}`,
    demoPassword: /password\s+(\S+)/.exec(server.messages())?.[1] ?? '',
    dataDir,
    stop: async () => {
      server.child.kill('SIGTERM');
      await server.exited();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and failed requests seen so far. */
  problems: string[];
}

/**
 * A fresh browser context (own cookies) whose page records every console error and failed request;
 * `options` adds context settings (a `timezoneId`, a `locale`…). The locale is en-GB unless a test
 * says otherwise: dates on screen follow the browser's, so the machine's must not decide.
 */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1280, height: 900 },
  options: BrowserContextOptions = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, acceptDownloads: true, locale: 'en-GB', ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText ?? '';
    // A navigation cancels the requests still in flight on the page it leaves: not an app fault.
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.method()} ${r.url()} ${reason}`);
  });
  return { page, context, problems };
}

/**
 * Expected 4xx answers (a refused save, a wrong password) are shown in the UI, but Chromium also logs
 * them as "Failed to load resource"; tests pass the statuses they provoke on purpose.
 */
export function unexpectedProblems(problems: readonly string[], allowedStatuses: readonly number[] = []): string[] {
  return problems.filter((p) => !allowedStatuses.some((s) => p.includes(`status of ${s}`)));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** True when the page is wider than the viewport (the layout forces horizontal scrolling). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/**
 * Loads axe-core into the page as window.axe, through evaluate: the app's CSP (script-src 'self')
 * rightly blocks an inline <script> such as addScriptTag adds, and does not govern the test's own evaluation.
 */
export async function injectAxe(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
}

/**
 * axe-core's serious and critical violations on the page as it is now, one line each:
 * `rule-id (impact): selector, selector …`. Minor and moderate findings are advice, not failures.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  const violations = await page.evaluate(async () => {
    const { axe: run } = window as unknown as { axe: typeof axe };
    const result = await run.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/** Waits for the page title (set after render) and checks it. */
export async function expectTitle(page: Page, title: string): Promise<void> {
  const full = `${title} · Groundwork`;
  try {
    await page.waitForFunction((t) => document.title === t, full, { timeout: 5_000 });
  } catch {
    throw new Error(`page title should be "${full}", is "${await page.title()}"`);
  }
}

/**
 * Starts the app and a browser before the calling test file's tests and stops both after them.
 * `env`: extra settings, read when the server starts (after the file's earlier beforeAll hooks).
 */
export function useE2eApp(env?: () => NodeJS.ProcessEnv): { readonly server: E2eServer; readonly browser: Browser } {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(env?.()), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the e2e server is not started (use it inside a test)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched (use it inside a test)');
      return browser;
    },
  };
}

export const TEST_PASSWORD = 'a long enough password';

/** The owner invites `email` with `role`; the invitee, signed in as that address in its own browser, accepts. */
export async function joinByInvitation(
  owner: APIRequestContext,
  invitee: APIRequestContext,
  ws: string,
  email: string,
  role: string,
): Promise<void> {
  const invited = await owner.post(`/api/v1/workspaces/${ws}/invitations`, { data: { email, role } });
  if (invited.status() !== 201) throw new Error(`invitation: HTTP ${invited.status()} ${await invited.text()}`);
  const { token } = (await invited.json()) as { token: string };
  const accepted = await invitee.post(`/api/v1/invitations/${token}/accept`);
  if (accepted.status() !== 200) throw new Error(`accepting: HTTP ${accepted.status()} ${await accepted.text()}`);
}

/** A new user signs up through the UI and creates a workspace; returns the workspace's slug. */
export async function signUpWithWorkspace(page: Page, user: { name: string; email: string }, workspaceName: string): Promise<string> {
  await page.goto('/signup');
  await expectTitle(page, 'Create your account');
  await page.getByLabel('Your name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Workspaces' }).waitFor();
  await page.getByLabel('Workspace name').fill(workspaceName);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL((url) => /^\/w\/[^/]+$/.test(url.pathname));
  return new URL(page.url()).pathname.split('/')[2]!;
}

/**
 * A screen at 1280 and 390 px: no sideways scrolling (fails at once), serious axe violations added to
 * `violations` (the caller checks them all at the end), a screenshot `<name>-<width>` of each to look at.
 */
export async function checkBothWidths(page: Page, name: string, violations: string[]): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // Two frames: ResizeObservers (the charts redraw at the new width in theirs) run after the first
    // frame's animation callbacks, so after the second everything has answered the resize.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await hasHorizontalScroll(page), `${name} scrolls sideways at ${width} px`).toBe(false);
    for (const v of await accessibilityViolations(page)) violations.push(`${name} @${width}: ${v}`);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Signs in as the demo workspace's user (`npm start`'s seed) and waits for its home screen. */
export async function signInAsDemo(page: Page, server: Pick<E2eServer, 'demoPassword'>): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill('demo@groundwork.local');
  await page.getByLabel('Password').fill(server.demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/w/demo');
}
