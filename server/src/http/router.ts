import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { STORE_RETRY_AFTER_SECONDS, STORE_UNAVAILABLE_CODE } from '@isms/shared';
import type { ApiDeps, Route } from '../api/context';
import { safePath } from '../log';
import { StoreUnavailableError } from '../store/health';
import { HttpError, sendError, sendJson } from './respond';
import { applySecurityHeaders } from './securityHeaders';
import { serveStatic } from './static';

/**
 * Routes one HTTP request: health and metrics, the JSON API, else the built client.
 * Any error becomes the API's error shape; an unexpected one is logged (path only, never the
 * query string) and answered 500 without details. While the database is unreachable a route
 * that needs it answers 503 `store-unavailable` with Retry-After (store/guarded.ts).
 */
export interface HttpDeps {
  routes: Route[];
  api: ApiDeps;
  staticDir: string | null;
  log: Logger;
  ready: () => Promise<boolean>;
  metrics: () => Promise<{ contentType: string; body: string }>;
  publicUrl: string | null;
}

async function dispatch(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  switch (url.pathname) {
    case '/healthz':
      return sendJson(res, 200, { ok: true });
    case '/readyz': {
      const ready = await deps.ready();
      return sendJson(res, ready ? 200 : 503, { ready });
    }
    case '/metrics': {
      const { contentType, body } = await deps.metrics();
      res.writeHead(200, { 'content-type': contentType });
      res.end(body);
      return;
    }
  }
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    let methodMismatch = false;
    for (const candidate of deps.routes) {
      const match = candidate.pattern.exec(url.pathname);
      if (!match) continue;
      if (candidate.method !== method) {
        methodMismatch = true;
        continue;
      }
      const params = { ...match.groups } as Record<string, string>;
      return candidate.handler({ req, res, url, params, deps: deps.api });
    }
    if (methodMismatch)
      throw new HttpError(405, 'method-not-allowed', `${method} is not allowed here`);
    throw new HttpError(404, 'not-found', 'no such API route');
  }
  if (url.pathname === '/sync' || url.pathname.startsWith('/sync/')) {
    throw new HttpError(426, 'upgrade-required', 'this path speaks WebSocket');
  }
  if (!deps.staticDir || (method !== 'GET' && method !== 'HEAD')) {
    throw new HttpError(404, 'not-found', 'not found');
  }
  await serveStatic(deps.staticDir, req, res, url.pathname);
}

export function createRequestHandler(deps: HttpDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    applySecurityHeaders(req, res, { publicUrl: deps.publicUrl });
    dispatch(deps, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) return sendError(res, error);
      if (error instanceof StoreUnavailableError) {
        return sendError(
          res,
          new HttpError(503, STORE_UNAVAILABLE_CODE, 'the database is unavailable; try again', {
            'retry-after': String(STORE_RETRY_AFTER_SECONDS),
          }),
        );
      }
      deps.log.error({ err: error, method: req.method, path: safePath(req.url) }, 'request failed');
      sendError(res, new HttpError(500, 'internal-error', 'internal error'));
    });
  };
}
