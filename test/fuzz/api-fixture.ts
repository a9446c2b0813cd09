/**
 * The data the API fuzzing aims at: a workspace with a strategy whose channels are connected to the
 * sandbox network, a campaign, a draft and an approved post, an upload, an invitation, an API token and a calendar feed,
 * all made through the API as the workspace's owner. Its real ids go into generated paths and bodies.
 */
import type { LightMyRequestResponse } from 'fastify';
import { postingStrategy, type PostsTestApp } from '../posts-app.ts';
import { cleanCampaign } from '../plan-fixtures.ts';
import { multipartFile } from '../multipart.ts';
import { png } from '../png.ts';
import type { Known } from './openapi.ts';

export interface Users {
  owner: { headers: Record<string, string>; userId: string; email: string };
  stranger: { headers: Record<string, string>; userId: string; email: string; workspaceId: string };
}

let counter = 0;

function answered<T>(res: LightMyRequestResponse, status: number, what: string): T {
  if (res.statusCode !== status) throw new Error(`fixture: ${what} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
  return res.json() as T;
}

const created = <T>(res: LightMyRequestResponse, what: string): T => answered<T>(res, 201, `creating ${what}`);

export async function createUsers(t: PostsTestApp): Promise<Users> {
  const owner = await t.signUp();
  const stranger = await t.signUp();
  return { owner, stranger: { ...stranger, workspaceId: await t.createWorkspace(stranger.headers) } };
}

/** A new fixture workspace of the owner; what it holds, as the request generators use it. */
export async function createFixture(t: PostsTestApp, users: Users): Promise<Known> {
  const { app } = t;
  const owner = users.owner.headers;
  const post = async (url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: owner, payload: payload as object });
  const wsId = await t.createWorkspace(owner);
  const ws = `/api/v1/workspaces/${wsId}`;
  const { workspace } = (await app.inject({ method: 'GET', url: ws, headers: owner })).json() as { workspace: { slug: string } };

  const strategy = postingStrategy();
  await t.createStrategy(wsId, owner, strategy); // connects every channel to the sandbox
  const connections = (
    (await app.inject({ method: 'GET', url: `${ws}/connections`, headers: owner })).json() as { connections: { id: string }[] }
  ).connections;
  const campaign = created<{ campaign: { id: string } }>(
    await post(`${ws}/campaigns`, cleanCampaign({ strategy: strategy.id })),
    'a campaign',
  ).campaign;
  const channels = strategy.channels.map((c) => c.id);
  // The owner may approve their own posts: one post stays a draft, one is approved (it can be scheduled).
  answered(
    await app.inject({ method: 'PATCH', url: ws, headers: owner, payload: { allowSelfApproval: true } }),
    200,
    'allowing self-approval',
  );
  const newPost = async () =>
    created<{ post: { id: string } }>(
      await post(`${ws}/posts`, { strategy: strategy.id, campaign: campaign.id, variants: { bluesky: { text: 'Fuzz fixture' } } }),
      'a post',
    ).post.id;
  const draft = await newPost();
  const approved = await newPost();
  for (const action of ['submit', 'approve']) answered(await post(`${ws}/posts/${approved}/${action}`, {}), 200, action);
  const upload = multipartFile(png(4, 4), 'fixture.png', 'image/png');
  const media = created<{ media: { id: string } }>(
    await app.inject({ method: 'POST', url: `${ws}/media`, headers: { ...owner, ...upload.headers }, payload: upload.payload }),
    'an upload',
  ).media;
  const invitation = created<{ invitation: { id: string }; token: string }>(
    await post(`${ws}/invitations`, { email: `invitee${++counter}-${Date.now()}@example.com`, role: 'viewer' }),
    'an invitation',
  );
  const token = created<{ id: string }>(await post('/api/v1/tokens', { name: 'fuzz', workspace: wsId }), 'an API token');
  const feed = created<{ path: string }>(await post(`${ws}/calendar-feed`, {}), 'a calendar feed');

  return {
    owner,
    stranger: users.stranger.headers,
    params: {
      workspaceId: [wsId, workspace.slug],
      strategyId: [strategy.id],
      campaignId: [campaign.id],
      postId: [draft, approved],
      connectionId: connections.map((c) => c.id),
      mediaId: [media.id],
      invitationId: [invitation.invitation.id],
      token: [invitation.token],
      id: [token.id],
      userId: [users.owner.userId, users.stranger.userId],
      file: [feed.path.split('/').at(-1)!],
    },
    foreign: { workspaceId: [users.stranger.workspaceId] },
    body: {
      strategy: [strategy.id],
      campaign: [campaign.id],
      channel: channels,
      pillar: strategy.pillars.map((p) => p.id),
      mediaId: [media.id],
      workspace: [wsId, workspace.slug],
      email: [users.owner.email, users.stranger.email],
      // Zones with odd offsets and DST rules (and a misspelt one); local times in a DST gap, an overlap, the past, the last minute of 9999.
      timezone: ['Europe/Berlin', 'UTC', 'Pacific/Chatham', 'America/St_Johns', 'Etc/GMT+12', 'Europe/Berln'],
      localTime: ['2031-05-04T09:30', '2031-03-30T02:30', '2031-10-26T02:30', '2020-01-01T00:00', '9999-12-31T23:59'],
    },
    keys: { variants: channels },
  };
}

/**
 * Starts the plan parser's worker threads, which stop after 30 s idle. Starting one takes a second
 * or more on a busy machine: a one-off delay that the 2 s hang guard should not see as a hang.
 */
export async function warmUp(t: PostsTestApp): Promise<void> {
  await t.app.inject({ method: 'POST', url: '/api/v1/lint', payload: [] });
}
