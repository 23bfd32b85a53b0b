import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';

/**
 * Serves the built client. Vite puts content-hashed files under /assets: those are immutable
 * for a year. index.html (and anything unhashed) is revalidated on every load (ETag → 304) so
 * a new deploy is picked up. Unknown paths fall back to index.html (client-side routes).
 *
 * The build writes `<file>.br` and `<file>.gz` beside each compressible file
 * (client/build/precompress.ts); the variant is chosen by Accept-Encoding (Negotiator, with
 * q-values) and sent with Content-Encoding and `Vary: Accept-Encoding`. Nothing is compressed
 * per request.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** One year, seconds: the longest max-age browsers honour; hashed names never change content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Precompressed variants in order of preference (brotli is ~15 % smaller than gzip here). */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** negotiator 1.x takes a server preference for ties; its @types still describe 0.6. */
type PreferringNegotiator = {
  encoding(available: string[], options: { preferred: string[] }): string | undefined;
};

interface Variant {
  file: string;
  size: number;
  mtimeMs: number;
  /** null = identity. */
  encoding: string | null;
  /** A compressed sibling exists: the answer depends on Accept-Encoding (Vary). */
  negotiated: boolean;
}

async function fileAt(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

/** The best variant of `file` the client accepts: a precompressed one if present, else itself. */
async function chooseVariant(req: IncomingMessage, file: string): Promise<Variant | null> {
  const plain = await fileAt(file);
  if (!plain) return null;
  const present: { name: string; file: string; info: { size: number; mtimeMs: number } }[] = [];
  for (const encoding of ENCODINGS) {
    const info = await fileAt(file + encoding.suffix);
    if (info) present.push({ name: encoding.name, file: file + encoding.suffix, info });
  }
  if (present.length > 0) {
    const names = [...present.map((p) => p.name), 'identity'];
    // Equal q-values (the usual "gzip, deflate, br"): our order decides, smallest first.
    const accepted = (new Negotiator(req) as PreferringNegotiator).encoding(names, {
      preferred: names,
    });
    const chosen = present.find((candidate) => candidate.name === accepted);
    if (chosen)
      return { file: chosen.file, ...chosen.info, encoding: chosen.name, negotiated: true };
  }
  return { file, ...plain, encoding: null, negotiated: present.length > 0 };
}

/** Differs per file version and per encoding (a strong ETag names one representation). */
function etagOf(variant: Variant): string {
  const version = `${variant.size.toString(36)}-${Math.floor(variant.mtimeMs).toString(36)}`;
  return `"${version}${variant.encoding ? `-${variant.encoding}` : ''}"`;
}

function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  original: string,
  variant: Variant,
  cache: string,
): void {
  const etag = etagOf(variant);
  const common: Record<string, string> = { 'cache-control': cache, etag };
  if (variant.negotiated) common.vary = 'Accept-Encoding';
  if (notModified(req, etag)) {
    res.writeHead(304, common).end();
    return;
  }
  res.writeHead(200, {
    ...common,
    'content-type': CONTENT_TYPES[path.extname(original)] ?? 'application/octet-stream',
    'content-length': variant.size,
    ...(variant.encoding ? { 'content-encoding': variant.encoding } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(variant.file).pipe(res);
}

async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  cache: string,
): Promise<boolean> {
  const variant = await chooseVariant(req, file);
  if (!variant) return false;
  send(req, res, file, variant, cache);
  return true;
}

export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/';
  }
  const candidate = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  const inside = candidate === root || candidate.startsWith(root + path.sep);
  if (inside && decoded !== '/') {
    const hashed = decoded.startsWith('/assets/');
    if (await serveFile(req, res, candidate, hashed ? IMMUTABLE : REVALIDATE)) return;
  }
  if (await serveFile(req, res, path.join(root, 'index.html'), REVALIDATE)) return;
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('The client is not built yet: run `npm run build`.\n');
}
