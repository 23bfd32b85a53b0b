import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Headers on EVERY response (static client, API, health, errors):
 * - Content-Security-Policy: scripts and styles only from our origin (the build has no inline
 *   script; React sets `style` props through the CSSOM, which CSP does not block, so
 *   `style-src 'self'` holds); connections only to our origin and its WebSocket origin; no
 *   plugins; `frame-ancestors 'none'` so the instructor console (lock, archive, delete) cannot
 *   be framed for clickjacking. `data:` images: the favicon placeholder in index.html.
 * - X-Frame-Options: the same for browsers without CSP 3.
 * - Referrer-Policy: viewer and download links carry a token in the query string; it must not
 *   leak through a Referer header.
 * - X-Content-Type-Options: a JSON error must never be sniffed into HTML.
 */
export interface SecurityOptions {
  /** PUBLIC_URL, when set: the origin clients use (behind a proxy the Host may differ). */
  publicUrl: string | null;
}

/** Host header values we echo into the CSP: host names, IPv4/IPv6 literals and a port. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function webSocketSources(req: IncomingMessage, options: SecurityOptions): string {
  const host = options.publicUrl ? new URL(options.publicUrl).host : req.headers.host;
  // Without a usable host, 'self' alone (CSP 3 browsers match ws(s) of the same host with it).
  if (!host || !SAFE_HOST.test(host)) return '';
  return ` ws://${host} wss://${host}`;
}

export function contentSecurityPolicy(req: IncomingMessage, options: SecurityOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${webSocketSources(req, options)}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function applySecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  options: SecurityOptions,
): void {
  res.setHeader('content-security-policy', contentSecurityPolicy(req, options));
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-content-type-options', 'nosniff');
}
