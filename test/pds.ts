/**
 * A real Bluesky PDS on this machine for tests (@atproto/dev-env's TestNetworkNoAppView: offline,
 * SQLite in a temp dir), and accounts on it with an app password, as a user would connect one.
 */
import { AtpAgent } from '@atproto/api';
import type { TestNetworkNoAppView } from '@atproto/dev-env';

export interface PdsAccount {
  did: string;
  handle: string;
  appPassword: string;
}

export async function startTestPds(): Promise<TestNetworkNoAppView> {
  // Imported on demand: the module is heavy (~3.6 s), and only these tests need it.
  const { TestNetworkNoAppView } = await import('@atproto/dev-env');
  return TestNetworkNoAppView.create({});
}

/** An account `<name>.test`; with `appPassword: false` it gets none (someone only mentioned or read). */
export async function createPdsAccount(network: TestNetworkNoAppView, name: string, { appPassword = true } = {}): Promise<PdsAccount> {
  const agent = new AtpAgent({ service: network.pds.url });
  const handle = `${name}.test`;
  const { data } = await agent.createAccount({ handle, email: `${name}@example.test`, password: `${name}-main-pass` });
  if (!appPassword) return { did: data.did, handle, appPassword: '' };
  const { data: ap } = await agent.com.atproto.server.createAppPassword({ name: 'groundwork' });
  return { did: data.did, handle, appPassword: ap.password };
}
