import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createAddressResolver, limitKey, parseTrustProxy } from './clientAddress';

function request(peer: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as unknown as IncomingMessage;
}

describe('client address', () => {
  it('is the TCP peer without TRUST_PROXY, whatever X-Forwarded-For says', () => {
    const resolve = createAddressResolver([]);
    expect(resolve(request('192.0.2.1', '198.51.100.7'))).toBe('192.0.2.1');
  });

  it('walks X-Forwarded-For right to left, skipping only trusted hops', () => {
    const resolve = createAddressResolver(parseTrustProxy('127.0.0.1, 10.0.0.0/8'));
    // forged, real client, inner proxy — the peer is the outer proxy.
    const chain = '203.0.113.9, 198.51.100.7, 10.1.2.3';
    expect(resolve(request('127.0.0.1', chain))).toBe('198.51.100.7');
    // An untrusted peer's header is not read at all.
    expect(resolve(request('192.0.2.1', chain))).toBe('192.0.2.1');
  });

  it('keys IPv6 clients by /64 and IPv4-mapped addresses as IPv4', () => {
    expect(limitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limitKey('2001:db8:1:2:bbbb::9')).toBe(limitKey('2001:db8:1:2:aaaa::1'));
    expect(limitKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  it('refuses an invalid TRUST_PROXY entry instead of trusting nothing silently', () => {
    expect(() => createAddressResolver(['not-an-address'])).toThrow();
  });
});
