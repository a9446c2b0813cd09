/** A network's name as people write it, for the ids the API uses (bluesky → Bluesky). */
const NETWORK_LABELS: Readonly<Record<string, string>> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  sandbox: 'Sandbox',
  webhook: 'Webhook',
  rss: 'Feed',
  import: 'Imported',
};

export function networkLabel(network: string): string {
  return NETWORK_LABELS[network] ?? network;
}
