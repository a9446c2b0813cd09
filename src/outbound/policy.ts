/**
 * Which addresses Groundwork never calls on behalf of a user-given URL. PURE: no I/O.
 *
 * Everything that is not the public internet: the machine itself, private and carrier-grade NAT
 * networks, link-local (cloud metadata services live at 169.254.169.254), multicast, broadcast and
 * "this network" addresses, for IPv4 and IPv6. IPv4-mapped IPv6 (`::ffff:127.0.0.1`, `::ffff:7f00:1`)
 * is covered because `net.BlockList` checks an IPv6 mapped address against the IPv4 rules.
 */
import { BlockList, isIP } from 'node:net';

const forbidden = new BlockList();
const v4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local machine on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking networks, used inside data centres
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];
for (const [net, prefix] of v4) forbidden.addSubnet(net, prefix, 'ipv4');
const v6: Array<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64: the last 32 bits are an IPv4 address the gateway would reach
  ['2002::', 16], // 6to4: carries an IPv4 address too
];
for (const [net, prefix] of v6) forbidden.addSubnet(net, prefix, 'ipv6');

/** True for an address Groundwork refuses to connect to; also true for anything that is not an IP address. */
export function isForbiddenAddress(ip: string): boolean {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const family = isIP(bare);
  if (family === 0) return true;
  return forbidden.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}
