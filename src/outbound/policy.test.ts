/** The address policy as a table: every forbidden range by a member at its edge, and public addresses that must pass. */
import { describe, expect, it } from 'vitest';
import { isForbiddenAddress } from './policy.ts';

describe('isForbiddenAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback, end of the range'],
    ['0.0.0.0', 'unspecified (reaches this machine on Linux)'],
    ['10.1.2.3', 'private 10/8'],
    ['172.16.0.1', 'private 172.16/12, start'],
    ['172.31.255.255', 'private 172.16/12, end'],
    ['192.168.1.1', 'private 192.168/16'],
    ['169.254.169.254', 'link-local: cloud metadata'],
    ['100.64.0.1', 'CGNAT 100.64/10'],
    ['100.127.255.255', 'CGNAT, end'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'IPv6 loopback'],
    ['[::1]', 'IPv6 loopback as in a URL'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd12:3456::1', 'unique-local fc00::/7'],
    ['fc00::1', 'unique-local, start'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, as the URL parser writes it'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['64:ff9b::7f00:1', 'NAT64 of 127.0.0.1'],
    ['localhost', 'not an address at all'],
    ['', 'empty'],
  ])('refuses %s (%s)', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each([
    ['1.1.1.1'],
    ['8.8.8.8'],
    ['172.15.255.255'], // just below 172.16/12
    ['172.32.0.0'], // just above
    ['100.63.255.255'], // just below CGNAT
    ['100.128.0.0'], // just above
    ['11.0.0.1'],
    ['2606:4700:4700::1111'],
    ['2001:db8::1'],
    ['::ffff:8.8.8.8'],
  ])('allows the public address %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
  });
});
