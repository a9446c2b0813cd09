/**
 * First start on an empty database: a demo user, a "demo" workspace and the example plans in it, so
 * `npm start` shows a real strategy with its campaigns (and one flawed campaign with its findings) —
 * and the whole publishing flow without any network account:
 * - the workspace plans in Europe/Berlin;
 * - every channel of the Northwind strategy is connected to the built-in sandbox network (~50 ms
 *   simulated latency; SANDBOX_LATENCY_MS sets what the worker uses);
 * - a handful of posts in the states of the workflow — an idea, a draft, one in review, one approved
 *   with a planned time, and one scheduled a few minutes after start, which the worker publishes on
 *   the sandbox while you look (its job is found by the worker's sweep of due posts, so seeding needs
 *   no queue);
 * - a handful of messages in the inbox (some overdue, one answered) and two saved replies (./seed-inbox.ts);
 * - a year of history ending now, or at DEMO_HISTORY_END (./generate-history.ts): posts published on
 *   the sandbox, follower readings, post metrics, link clicks, conversions, campaign costs and entered
 *   KPI values, so the dashboards have something to show; and a year of listening
 *   (./generate-listening.ts): queries for the brand, two competitors and a topic, their mentions and
 *   spike alerts. For that year to lie inside the strategy,
 *   the example plans are moved in time by whole months until its last day falls in the strategy's
 *   11th month (./shift-plan.ts).
 * Everything but the history goes through the services the API uses (validation, audit log); the
 * history, thousands of rows, is written in bulk (./seed-history.ts) with one audit entry.
 */
import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Actor } from '../auth/actor.ts';
import { signUp } from '../auth/sign-up.ts';
import { loadPlanFiles } from '../plan-store/plan-files.ts';
import { createConnection } from '../connections/create-connection.ts';
import { postgresSandboxReceiptStore } from '../connections/sandbox-receipt-store.ts';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { SandboxConnector } from '../connectors/sandbox/sandbox.ts';
import { seedInbox } from './seed-inbox.ts';
import type { Pool } from '../db/pool.ts';
import { addMonths } from '../plan/dates.ts';
import type { PlanDocument, Strategy } from '../plan/schema.ts';
import { importPlan } from '../plan-store/import-plan.ts';
import { findStrategy } from '../plan-store/store.ts';
import { createPost } from '../publishing/create-post.ts';
import { noopQueue } from '../publishing/enqueue-jobs.ts';
import type { PostContext } from '../publishing/post-store.ts';
import type { PublishQueue } from '../scheduler/queue.ts';
import { schedulePost } from '../publishing/schedule-post.ts';
import { createPostBody, type VariantContentInput } from '../publishing/schema.ts';
import { transitionPost } from '../publishing/transition-post.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { updateWorkspace } from '../workspace/update-workspace.ts';
import { seedHistory } from './seed-history.ts';
import { demoMonthShift, shiftPlanDates } from './shift-plan.ts';
import { ROOT } from '../root.ts';

export const DEMO_EMAIL = 'demo@groundwork.local';
export const DEMO_TIMEZONE = 'Europe/Berlin';
export const DEMO_STRATEGY = 'northwind-2027';
export const DEMO_SANDBOX_LATENCY_MS = 50;
/** The scheduled demo post goes out this many minutes after start (rounded up to a whole minute). */
export const DEMO_PUBLISH_AFTER_MINUTES = 3;
/** The demo organisation's website: where its posts' links lead. */
const DEMO_SITE = 'https://northwind.coffee';
const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** The example plans, moved by whole months so that `today` falls in the demo strategy's 11th month. */
async function exampleDocuments(today: string): Promise<{ documents: PlanDocument[]; period: Strategy['period'] }> {
  // Named explicitly: examples/.groundworkignore keeps the flawed plan out of a plain directory walk.
  const { documents, findings } = await loadPlanFiles([EXAMPLES_DIR, path.join(EXAMPLES_DIR, 'flawed')]);
  const error = findings.find((f) => f.severity === 'error');
  if (error) throw new Error(`Example ${error.file} is not a valid plan: ${error.message}`);
  const demo = documents.find((d) => d.doc.kind === 'strategy' && d.doc.id === DEMO_STRATEGY)?.doc;
  if (demo?.kind !== 'strategy') throw new Error(`The demo needs the example strategy ${DEMO_STRATEGY}`);
  const months = demoMonthShift(demo.period.start, today);
  const shifted = documents.map((d) => shiftPlanDates(d.doc, months));
  return { documents: shifted, period: { start: addMonths(demo.period.start, months), end: addMonths(demo.period.end, months) } };
}

export interface SeedDemoOptions {
  /** Where the scheduled demo post's job goes; default none (the worker's sweep finds it). */
  queue?: PublishQueue;
  /** "Now" for the demo posts' times (tests). */
  now?: Date;
  /** When the year of history ends and so where the plans are placed (default `now`; DEMO_HISTORY_END). */
  historyEnd?: Date;
}

/** Returns true when it created the demo; does nothing when any workspace exists. */
export async function seedDemo(pool: Pool, log: (line: string) => void, options: SeedDemoOptions = {}): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM workspaces LIMIT 1');
  if (rowCount) return false;
  const password = randomBytes(12).toString('base64url');
  const { user } = await signUp(pool, { email: DEMO_EMAIL, password, name: 'Demo Strategist' }, 1);
  const actor: Actor = { userId: user.id, email: user.email, name: user.name, via: 'session' };
  const workspace = await createWorkspace(pool, actor, { name: 'Demo', slug: 'demo' });
  const now = options.now ?? new Date();
  const historyEnd = options.historyEnd ?? now;
  const { documents, period } = await exampleDocuments(historyEnd.toISOString().slice(0, 10));
  const result = await importPlan(pool, { workspaceId: workspace.id, actor }, documents);
  const publishing = await seedPublishing(pool, actor, workspace, { ...options, now });
  const inbox = await seedInbox(
    pool,
    actor,
    workspace.id,
    new ConnectorRegistry([new SandboxConnector(postgresSandboxReceiptStore(pool))]),
    now,
  );
  const started = performance.now();
  const history = await seedHistory(pool, {
    workspaceId: workspace.id,
    actor,
    strategyId: DEMO_STRATEGY,
    site: DEMO_SITE,
    now: historyEnd,
  });
  // Loaded only when the demo is made: its mentions are analysed by the language detector (~0.5 s to load).
  const { seedListening } = await import('./seed-listening.ts');
  const listening = await seedListening(pool, { workspaceId: workspace.id, actor, strategyId: DEMO_STRATEGY, now: historyEnd });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(
    [
      '',
      '  Demo workspace created with the example plans:',
      `    ${result.documents.map((d) => `${d.kind} ${d.id}`).join('\n    ')}`,
      `  placed in time so that ${historyEnd.toISOString().slice(0, 10)} falls in the strategy's 11th month (${period.start} – ${period.end}),`,
      `  with the year of history up to then: ${history.posts} posts, ${history.conversions} conversions, ${history.events} events,`,
      `  ${listening.mentions} mentions of ${listening.queries} listening queries and ${listening.alerts} spike alerts (${seconds} s).`,
      `  Sandbox network connected to ${publishing.channels.join(', ')}; ${inbox.items} messages in the inbox;`,
      `  a demo post publishes there at ${publishing.publishAt.replace('T', ' ')}${publishing.publishAt.endsWith('UTC') ? '' : ` (${DEMO_TIMEZONE})`}.`,
      `  Sign in as  ${DEMO_EMAIL}`,
      `  password    ${password}`,
      '  (shown once; reset it with `npx groundwork user password demo@groundwork.local`)',
      '',
    ].join('\n'),
  );
  return true;
}

const LOCAL = "yyyy-MM-dd'T'HH:mm";

async function seedPublishing(
  pool: Pool,
  actor: Actor,
  workspace: { id: string; slug: string; name: string },
  options: SeedDemoOptions,
): Promise<{ channels: string[]; publishAt: string }> {
  const now = options.now ?? new Date();
  // One demo user: a one-person team, who approves their own posts.
  await updateWorkspace(pool, actor, { workspace, role: 'owner' }, { timezone: DEMO_TIMEZONE, allowSelfApproval: true });

  const strategy = await findStrategy(pool, workspace.id, DEMO_STRATEGY);
  if (!strategy) throw new Error(`The demo needs the example strategy ${DEMO_STRATEGY}`);
  // Verifying a sandbox account needs no network; the worker has its own registry.
  const registry = new ConnectorRegistry([new SandboxConnector(postgresSandboxReceiptStore(pool))]);
  const channels = strategy.doc.channels.map((c) => c.id);
  for (const channel of channels) {
    await createConnection(
      pool,
      { workspaceId: workspace.id, actor, registry },
      { strategy: DEMO_STRATEGY, channel, connector: 'sandbox', config: { latencyMs: DEMO_SANDBOX_LATENCY_MS }, credentials: {} },
    );
  }

  const ctx: PostContext = { workspaceId: workspace.id, actor, role: 'owner', now };
  const local = DateTime.fromJSDate(now, { zone: DEMO_TIMEZONE });
  const post = (
    pillar: string,
    variants: Record<string, VariantContentInput>,
    extra: { state?: 'idea' | 'draft'; localTime?: string } = {},
  ) => createPost(pool, ctx, createPostBody.parse({ strategy: DEMO_STRATEGY, pillar, variants, ...extra }));

  // An idea: a line to develop later.
  await post('community', { instagram: { text: 'Idea: a photo series of our regulars and their favourite cup.' } }, { state: 'idea' });

  // A draft with a planned time, still missing its photo for Instagram.
  await post(
    'brewing-guides',
    {
      bluesky: {
        text: 'Cold brew in 3 steps: coarse grind, 1:8 with cold water, 16 hours in the fridge. Filter, dilute, enjoy. #coldbrew',
      },
      instagram: { text: 'Cold brew, step by step (photos to come).' },
    },
    { localTime: local.plus({ days: 2 }).set({ hour: 9, minute: 0 }).toFormat(LOCAL) },
  );

  // In review: waiting for an approver.
  const review = await post('origin-stories', {
    mastodon: {
      text: 'Where your coffee comes from: this month we paid the Alto Palomar cooperative in Peru $4.10 per pound, 2.1× the fair-trade minimum. The full price list is on our site.',
    },
    bluesky: {
      text: 'We paid $4.10/lb for this month’s Peruvian beans — 2.1× the fair-trade minimum. The whole price list: northwind.coffee/prices',
    },
  });
  await transitionPost(pool, ctx, review.post.id, 'submit', { comment: 'Can someone check the numbers against the invoice?' });

  // Approved, planned for tomorrow morning, not scheduled yet.
  const approved = await post(
    'new-releases',
    { bluesky: { text: 'New in the roastery: Ethiopia Guji, washed. Notes of bergamot and apricot. Small batch, roasted on Mondays.' } },
    { localTime: local.plus({ days: 1 }).set({ hour: 10, minute: 0 }).toFormat(LOCAL) },
  );
  await transitionPost(pool, ctx, approved.post.id, 'submit');
  await transitionPost(pool, ctx, approved.post.id, 'approve', { comment: 'Looks good.' });

  // Scheduled a few minutes from now: watch it publish on the sandbox network.
  const soon = await post('brewing-guides', {
    bluesky: { text: 'Brewing tip of the day: rinse paper filters with hot water first. No papery taste, and a warm brewer. #pourover' },
    mastodon: {
      text: 'Brewing tip of the day: rinse paper filters with hot water before you brew. It removes the papery taste and pre-heats the brewer. #pourover #coffee',
    },
    linkedin: { text: 'Office coffee tip: rinse paper filters before brewing. Better coffee for the whole team, zero extra cost.' },
  });
  await transitionPost(pool, ctx, soon.post.id, 'submit');
  await transitionPost(pool, ctx, soon.post.id, 'approve', { comment: 'Approved for the demo.' });
  const at = local.plus({ minutes: DEMO_PUBLISH_AFTER_MINUTES }).startOf('minute').plus({ minutes: 1 });
  let publishAt = at.toFormat(LOCAL);
  // Started in the hour the clocks go back, that wall-clock time happens twice and would resolve to
  // the earlier (past) one: then schedule in UTC instead.
  const unambiguous = DateTime.fromFormat(publishAt, LOCAL, { zone: DEMO_TIMEZONE }).toMillis() === at.toMillis();
  if (!unambiguous) publishAt = at.toUTC().toFormat(LOCAL);
  await schedulePost(
    pool,
    ctx,
    options.queue ?? noopQueue,
    soon.post.id,
    'schedule',
    unambiguous ? { localTime: publishAt } : { localTime: publishAt, timezone: 'UTC' },
  );
  return { channels, publishAt: unambiguous ? publishAt : `${publishAt} UTC` };
}
