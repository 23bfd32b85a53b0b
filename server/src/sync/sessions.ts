import type { WebSocket } from 'ws';
import { CloseCode, DenyReason, type Limits } from '@isms/shared';
import type { Logger } from 'pino';
import type { ServerMetrics } from '../metrics';
import { StoreUnavailableError, type StoreHealth } from '../store/health';
import { Connection } from './connection';
import { storeStatusFrame } from './messages';
import { handleFrame, type PipelineDeps } from './pipeline';
import type { Room } from './room';
import type { RoomManager } from './rooms';
import type { Authorization } from './authorize';

/**
 * The life of an authorised socket: frames are queued while its room loads (so a client never
 * gets a sync answer from an empty doc), then flow through the pipeline; on close the socket
 * leaves its room and releases it. Tracks every live connection for control events,
 * heartbeats and shutdown.
 */
type Authorised = Extract<Authorization, { ok: true }>;

/** Frames a client may send before its room has loaded; y-websocket sends 2–3 on open. */
const MAX_QUEUED_FRAMES = 64;

export interface SessionDeps {
  rooms: RoomManager;
  limits: Limits;
  metrics: ServerMetrics;
  log: Logger;
  health: StoreHealth;
  pipeline: PipelineDeps;
}

export class Sessions {
  readonly connections = new Set<Connection>();

  constructor(private readonly deps: SessionDeps) {}

  open(socket: WebSocket, auth: Authorised): void {
    const { deps } = this;
    const connection = new Connection(socket, auth.claims, auth.doc, auth.access, {
      maxBufferedBytes: deps.limits.maxBufferedBytes,
      maxFramesPerSecond: deps.limits.maxFramesPerSecond,
      metrics: deps.metrics,
    });
    this.connections.add(connection);
    deps.metrics.connections.inc();
    if (!deps.health.available) connection.send(storeStatusFrame(false));
    let room: Room | null = null;
    const queue: Uint8Array[] = [];

    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const frame = isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      if (!frame) {
        deps.metrics.rejectedFrames.inc({ reason: 'text-frame' });
        return connection.close(CloseCode.unsupportedData, 'text-frame');
      }
      if (room) return this.safely(connection, room, frame);
      if (queue.length >= MAX_QUEUED_FRAMES) {
        return connection.close(CloseCode.tryAgainLater, 'too-many-frames-before-load');
      }
      queue.push(frame);
    });
    socket.on('error', (error) => {
      deps.log.debug({ err: error, connection: connection.id }, 'socket error');
    });
    socket.on('close', (code: number) => {
      if (!connection.closed) deps.metrics.closes.inc({ code: String(code) });
      connection.dispose();
      this.connections.delete(connection);
      deps.metrics.connections.dec();
      if (room) {
        room.leave(connection);
        deps.rooms.release(room);
      }
    });

    deps.rooms.acquire(auth.doc.name).then(
      (loaded) => {
        if (connection.closed) return deps.rooms.release(loaded);
        room = loaded;
        try {
          loaded.join(connection);
        } catch (error) {
          deps.log.error({ err: error, room: loaded.docName }, 'join failed');
          return connection.close(CloseCode.internalError, 'internal-error');
        }
        for (const frame of queue.splice(0)) this.safely(connection, loaded, frame);
      },
      (error: unknown) => {
        if (error instanceof StoreUnavailableError) {
          return connection.close(CloseCode.loadFailed, DenyReason.storeUnavailable);
        }
        deps.log.error({ err: error, room: auth.doc.name }, 'room load failed');
        connection.close(CloseCode.loadFailed, 'load-failed');
      },
    );
  }

  /** One socket's unexpected error closes that socket only. */
  private safely(connection: Connection, room: Room, frame: Uint8Array): void {
    try {
      handleFrame(this.deps.pipeline, connection, room, frame);
    } catch (error) {
      this.deps.log.error({ err: error, room: room.docName }, 'frame handler failed');
      connection.close(CloseCode.internalError, 'internal-error');
    }
  }

  /** Tells every socket whether saving is paused (the store's availability changed). */
  broadcastStoreStatus(available: boolean): void {
    const frame = storeStatusFrame(available);
    for (const connection of this.connections) {
      if (!connection.closed) connection.send(frame);
    }
  }

  /** Closes every connection matching `predicate` with `code`. Returns how many. */
  closeWhere(
    predicate: (connection: Connection) => boolean,
    code: CloseCode,
    reason: string,
  ): number {
    let closed = 0;
    for (const connection of this.connections) {
      if (!connection.closed && predicate(connection)) {
        connection.close(code, reason);
        closed += 1;
      }
    }
    return closed;
  }
}
