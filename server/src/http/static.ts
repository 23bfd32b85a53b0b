import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Serves the built client. Vite puts content-hashed files under /assets: those are immutable
 * for a year. index.html (and anything unhashed) is revalidated on every load so a new deploy
 * is picked up. Unknown paths fall back to index.html (client-side routes).
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
};

/** One year, seconds: the longest max-age browsers honour; hashed names never change content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

async function fileAt(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  size: number,
  cache: string,
) {
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
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
  const size = inside && decoded !== '/' ? await fileAt(candidate) : null;
  if (size !== null) {
    const hashed = decoded.startsWith('/assets/');
    send(req, res, candidate, size, hashed ? IMMUTABLE : 'no-cache');
    return;
  }
  const index = path.join(root, 'index.html');
  const indexSize = await fileAt(index);
  if (indexSize === null) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The client is not built yet: run `npm run build`.\n');
    return;
  }
  send(req, res, index, indexSize, 'no-cache');
}
