import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { CloseCode, DenyReason, SYNC_PATH } from '@isms/shared';
import type { Logger } from 'pino';
import type { TokenService } from '../auth/tokens';
import type { ServerMetrics } from '../metrics';
import type { AddressResolver } from '../http/clientAddress';
import type { WorkshopRegistry } from '../registry/types';
import { StoreUnavailableError } from '../store/health';
import { authorize } from './authorize';
import type { Sessions } from './sessions';
import type { SocketQuota } from './socketQuota';

/**
 * The upgrade step: `/sync/<workshopId>/<docId>?token=…`. Refusals are plain HTTP responses
 * written on the raw socket (no WebSocket, no room, no store access).
 */
export interface UpgradeDeps {
  wss: WebSocketServer;
  tokens: TokenService;
  registry: WorkshopRegistry;
  sessions: Sessions;
  quota: SocketQuota;
  clientAddress: AddressResolver;
  metrics: ServerMetrics;
  log: Logger;
  accepting: () => boolean;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      'X-Content-Type-Options: nosniff\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function docNameFromPath(pathname: string): string | null {
  const prefix = `${SYNC_PATH}/`;
  if (!pathname.startsWith(prefix)) return null;
  try {
    return decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
}

export async function handleUpgrade(
  deps: UpgradeDeps,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  socket.on('error', () => socket.destroy());
  const reject = (status: number, reason: string) => {
    deps.metrics.upgradeRejections.inc({ status: String(status) });
    deps.log.info({ status, reason }, 'upgrade refused');
    refuse(socket, status, reason);
  };
  if (!deps.accepting()) return reject(503, 'shutting-down');
  const url = new URL(req.url ?? '/', 'http://localhost');
  const docName = docNameFromPath(url.pathname);
  if (docName === null) return reject(404, 'not-found');
  const auth = await authorize(
    deps.tokens,
    deps.registry,
    docName,
    url.searchParams.get('token'),
  ).catch((error: unknown) => {
    if (error instanceof StoreUnavailableError) return null;
    throw error;
  });
  if (auth === null) {
    // The token is genuine (verified before any registry read) but the database cannot say
    // more: finish the handshake and close with the documented retryable code, so the client
    // sees 4004 and retries with backoff instead of an opaque 1006.
    if (socket.destroyed) return;
    deps.metrics.upgradeRejections.inc({ status: String(CloseCode.loadFailed) });
    return deps.wss.handleUpgrade(req, socket, head, (ws) =>
      ws.close(CloseCode.loadFailed, DenyReason.storeUnavailable),
    );
  }
  if (!auth.ok) return reject(auth.status, auth.reason);
  if (socket.destroyed) return;
  const release = deps.quota.acquire(auth.claims.jti, deps.clientAddress(req));
  // The raw socket closes with the WebSocket, also when the handshake never completes.
  if (release) socket.once('close', release);
  deps.wss.handleUpgrade(req, socket, head, (ws) => {
    if (release) return deps.sessions.open(ws, auth);
    // Over a cap: a WebSocket close code the client understands (an HTTP refusal would reach
    // browser code only as an anonymous 1006), and it retries with backoff.
    deps.metrics.upgradeRejections.inc({ status: String(CloseCode.tooManyConnections) });
    deps.log.info({ reason: 'too-many-connections' }, 'socket refused');
    ws.close(CloseCode.tooManyConnections, 'too-many-connections');
  });
}
