import { CloseCode } from '@isms/shared';
import type { Connection } from './connection';
import { KEEPALIVE_FRAME } from './messages';

/**
 * Two timers over every connection, both disposed by `stop()`:
 * - heartbeat (`heartbeatMs`): a WebSocket ping; a socket that did not answer the previous
 *   ping is dead TCP and is terminated. Also closes sockets whose token expired (4002).
 * - keepalive (`keepaliveMs`): an empty awareness frame to sockets we have not written to for
 *   that long, because y-websocket's client drops a socket after 30 s with no message.
 */
export class Heartbeat {
  private readonly timers: NodeJS.Timeout[];

  constructor(connections: () => Iterable<Connection>, heartbeatMs: number, keepaliveMs: number) {
    this.timers = [
      setInterval(() => {
        const nowSeconds = Date.now() / 1000;
        for (const connection of connections()) {
          if (connection.closed) continue;
          if (connection.claims.exp <= nowSeconds) {
            connection.close(CloseCode.tokenExpired, 'token-expired');
            continue;
          }
          if (!connection.alive) {
            connection.socket.terminate();
            continue;
          }
          connection.alive = false;
          connection.socket.ping();
        }
      }, heartbeatMs),
      setInterval(
        () => {
          const idleSince = Date.now() - keepaliveMs;
          for (const connection of connections()) {
            if (!connection.closed && connection.lastSentAt <= idleSince)
              connection.send(KEEPALIVE_FRAME);
          }
        },
        Math.max(1, Math.floor(keepaliveMs / 2)),
      ),
    ];
    for (const timer of this.timers) timer.unref();
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
  }
}
