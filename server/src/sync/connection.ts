import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { CloseCode, type DocName, type TokenClaims } from '@isms/shared';
import type { ServerMetrics } from '../metrics';

/**
 * One authorised socket: who it is (claims), what it may do (`access`), the awareness client
 * ids it owns, its frame budget and its send path with backpressure. Closing is idempotent.
 */
export type Access = 'read' | 'write';

/** ws send options, one object for every frame. */
const BINARY = { binary: true } as const;

/** After a backpressure close the stalled peer is cut off after this long, ms (it cannot
 *  read the close frame anyway; 1 s lets a merely slow one see the code). */
const TERMINATE_AFTER_CLOSE_MS = 1_000;

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  /** `ratePerSecond` refill, burst = 2 × rate (a reconnect sends a handful of frames at once). */
  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = ratePerSecond * 2;
    this.updatedAt = now();
  }

  take(): boolean {
    const now = this.now();
    const refill = ((now - this.updatedAt) / 1000) * this.ratePerSecond;
    this.tokens = Math.min(this.ratePerSecond * 2, this.tokens + refill);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface ConnectionOptions {
  maxBufferedBytes: number;
  maxFramesPerSecond: number;
  metrics: ServerMetrics;
}

export class Connection {
  readonly id = randomUUID();
  /** Awareness client ids this socket announced first (only it may update them). */
  readonly awarenessIds = new Set<number>();
  readonly frames: TokenBucket;
  deniedWrites = 0;
  /** Updates refused in a row for missing dependencies (reset by an accepted one). */
  missingInARow = 0;
  /** Set by ping, cleared by pong: a socket that missed a whole round is dead. */
  alive = true;
  lastSentAt = Date.now();
  closed = false;
  private terminateTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly socket: WebSocket,
    readonly claims: TokenClaims,
    readonly doc: DocName,
    readonly access: Access,
    private readonly options: ConnectionOptions,
  ) {
    this.frames = new TokenBucket(options.maxFramesPerSecond);
    socket.on('pong', () => {
      this.alive = true;
    });
  }

  /** Sends one encoded frame, counted in the metrics; closes with 1013 once the peer stops
   *  reading. */
  send(frame: Uint8Array): void {
    if (!this.write(frame)) return;
    this.options.metrics.framesOut.inc();
    this.options.metrics.bytesOut.inc(frame.byteLength);
  }

  /**
   * Writes a frame without counting it (a broadcast counts once for all its sockets): false if
   * it was not written (closed, or closed now for backpressure). A Buffer is passed to ws as is;
   * a plain Uint8Array would get a Buffer view allocated per socket.
   */
  write(frame: Uint8Array): boolean {
    if (this.closed) return false;
    if (this.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.close(CloseCode.tryAgainLater, 'backpressure');
      this.terminateTimer = setTimeout(() => this.socket.terminate(), TERMINATE_AFTER_CLOSE_MS);
      return false;
    }
    this.lastSentAt = Date.now();
    this.socket.send(frame, BINARY);
    return true;
  }

  close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.options.metrics.closes.inc({ code: String(code) });
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }

  /** Called when the socket is gone: disposes the timer this connection owns. */
  dispose(): void {
    this.closed = true;
    if (this.terminateTimer) clearTimeout(this.terminateTimer);
    this.terminateTimer = null;
  }
}
