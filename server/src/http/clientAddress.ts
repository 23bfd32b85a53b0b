import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';

/**
 * The client address that limits are keyed on (join failures, sockets per address).
 *
 * Without TRUST_PROXY (the default) it is the TCP peer and X-Forwarded-For is ignored: anyone
 * can write that header. With TRUST_PROXY set to the reverse proxy's addresses (nginx of
 * docs/deployment.md), X-Forwarded-For is read right to left, skipping only trusted hops: the
 * first untrusted address is the client. A client that sends its own X-Forwarded-For gains
 * nothing — the proxy appends the real peer after it, and that is where the walk stops.
 * proxy-addr (Express's implementation) does the parsing; it also accepts CIDR ranges and the
 * names `loopback`, `linklocal`, `uniquelocal`.
 */
export type AddressResolver = (req: IncomingMessage) => string;

/**
 * IPv6 hosts get a whole /64 each (SLAAC, privacy addresses), so one attacker has 2^64
 * addresses: limits count the /64 prefix. IPv4-mapped IPv6 (`::ffff:a.b.c.d`, how a dual-stack
 * socket reports IPv4 peers) counts as the IPv4 address.
 */
const IPV6_LIMIT_PREFIX_HEXTETS = 4;

export function limitKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const hextets = (parsed as ipaddr.IPv6).parts.slice(0, IPV6_LIMIT_PREFIX_HEXTETS);
  return `${hextets.map((part) => part.toString(16)).join(':')}::/64`;
}

/** Throws on an invalid entry, so a typo in TRUST_PROXY stops the start instead of trusting nothing. */
export function createAddressResolver(trustProxy: readonly string[]): AddressResolver {
  if (trustProxy.length === 0) return (req) => limitKey(req.socket.remoteAddress ?? 'unknown');
  const trusted = proxyAddr.compile([...trustProxy]);
  return (req) => {
    if (!req.socket.remoteAddress) return 'unknown';
    return limitKey(proxyAddr(req, trusted));
  };
}

/** TRUST_PROXY: comma-separated addresses, CIDR ranges or proxy-addr names; empty = off. */
export function parseTrustProxy(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
