import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { ServerTimings } from '../config';
import type { ServerMetrics } from '../metrics';
import type { WorkshopRegistry } from '../registry/types';
import type { ReplicationHub } from '../relay/redisReplication';
import type { Relay } from '../relay/types';
import type { HistoryRecorder } from '../history/recorder';
import type { StoreHealth } from '../store/health';
import type { DocStore } from '../store/types';
import { loadRoom } from './loadRoom';
import type { Room, RoomDeps } from './room';

/**
 * Owns every loaded room. One load per document even with concurrent joins (they share the
 * load promise); rooms nobody holds are flushed, compacted and evicted after `roomIdleMs`; a
 * join during eviction waits for it and then loads the flushed state.
 */
type Entry =
  | { state: 'loading'; promise: Promise<Room> }
  | { state: 'ready'; room: Room; holds: number; idleTimer: NodeJS.Timeout | null }
  | { state: 'evicting'; room: Room; promise: Promise<void> };

export interface RoomManagerDeps {
  store: DocStore;
  registry: WorkshopRegistry;
  relay: Relay;
  /** Cross-instance catch-up for loaded rooms (relay/redisReplication.ts). */
  replication: ReplicationHub;
  metrics: ServerMetrics;
  log: Logger;
  timings: ServerTimings;
  health: StoreHealth;
  /** Limits.maxHeldBytes: edits a room holds while the store refuses writes. */
  maxHeldBytes: number;
  /** A room held more edits than it may: close its sockets. */
  onRoomFailed(room: Room): void;
  /** Board timelines: told of every durable change and of every unload. */
  history?: HistoryRecorder;
}

export class RoomManager {
  private readonly entries = new Map<string, Entry>();
  private readonly compacting = new Set<Room>();
  private readonly roomDeps: RoomDeps;

  constructor(private readonly deps: RoomManagerDeps) {
    this.roomDeps = {
      store: deps.store,
      health: deps.health,
      relay: deps.relay,
      metrics: deps.metrics,
      log: deps.log,
      maxHeldBytes: deps.maxHeldBytes,
      retryMs: deps.timings.storeRetryMs,
      onPersisted: (room) => {
        // Max seq, not this append's: a seq noted late only costs a catch-up read.
        deps.replication.noteAppended(room.docName, room.log.lastSeq);
        deps.history?.noteChange(room);
        this.maybeCompact(room);
      },
      onHoldOverflow: (room, heldBytes) => {
        deps.log.error(
          { room: room.docName, heldBytes },
          'store unavailable too long: room unloaded',
        );
        deps.onRoomFailed(room);
        void this.discard(room);
      },
    };
  }

  /** The room, loaded if needed; the caller holds it until `release`. */
  async acquire(docName: string): Promise<Room> {
    for (;;) {
      const entry = this.entries.get(docName);
      if (!entry) {
        const promise = loadRoom(docName, this.deps.registry, this.roomDeps, this.deps.replication);
        this.entries.set(docName, { state: 'loading', promise });
        try {
          const room = await promise;
          this.entries.set(docName, { state: 'ready', room, holds: 0, idleTimer: null });
          this.deps.metrics.rooms.inc();
        } catch (error) {
          this.entries.delete(docName);
          throw error;
        }
        continue;
      }
      if (entry.state === 'loading') {
        await entry.promise;
        continue;
      }
      if (entry.state === 'evicting') {
        await entry.promise;
        continue;
      }
      entry.holds += 1;
      if (entry.idleTimer) clearTimeout(entry.idleTimer);
      entry.idleTimer = null;
      return entry.room;
    }
  }

  release(room: Room): void {
    const entry = this.entries.get(room.docName);
    if (entry?.state !== 'ready' || entry.room !== room) return;
    entry.holds -= 1;
    if (entry.holds > 0) return;
    entry.idleTimer = setTimeout(() => void this.evict(room), this.deps.timings.roomIdleMs);
  }

  /** Runs `task` on the room (loading it if needed) and releases it afterwards. */
  async withRoom<T>(docName: string, task: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.acquire(docName);
    try {
      return await task(room);
    } finally {
      this.release(room);
    }
  }

  loaded(): Room[] {
    const rooms: Room[] = [];
    for (const entry of this.entries.values()) if (entry.state === 'ready') rooms.push(entry.room);
    return rooms;
  }

  get(docName: string): Room | undefined {
    const entry = this.entries.get(docName);
    return entry?.state === 'ready' ? entry.room : undefined;
  }

  private maybeCompact(room: Room): void {
    const { compactAfterUpdates, compactAfterBytes } = this.deps.timings;
    if (this.compacting.has(room)) return;
    if (room.log.count < compactAfterUpdates && room.log.bytes < compactAfterBytes) return;
    this.compacting.add(room);
    // Off the hot path: after the current turn's frames and broadcasts.
    setImmediate(() => {
      this.compact(room)
        .catch((error: unknown) =>
          this.deps.log.warn({ err: error, room: room.docName }, 'compaction failed'),
        )
        .finally(() => this.compacting.delete(room));
    });
  }

  /** Replaces the room's log by one snapshot of its state (which contains every entry). */
  async compact(room: Room): Promise<void> {
    // A workshop deleted while this room was loading must not be written back.
    if (!(await this.deps.registry.get(room.name.workshopId))) return;
    await room.whenPersisted();
    if (room.failed || room.destroyed || room.log.count === 0) return;
    const snapshot = Y.encodeStateAsUpdate(room.doc);
    // Only seqs whose updates are all in room.doc (another instance's may still be missing).
    const upToSeq = this.deps.replication.contiguousSeq(room.docName) ?? room.log.lastSeq;
    const count = room.log.count;
    const bytes = room.log.bytes;
    await this.deps.store.compact(room.docName, snapshot, upToSeq);
    room.log.count -= count;
    room.log.bytes -= bytes;
    room.approxBytes = snapshot.byteLength;
  }

  private async evict(room: Room): Promise<void> {
    const entry = this.entries.get(room.docName);
    if (entry?.state !== 'ready' || entry.room !== room || entry.holds > 0) return;
    const promise = (async () => {
      try {
        await this.deps.history?.roomUnloading(room);
      } catch (error) {
        this.deps.log.warn({ err: error, room: room.docName }, 'history on unload failed');
      }
      try {
        await this.compact(room);
      } catch (error) {
        this.deps.log.warn({ err: error, room: room.docName }, 'compaction on unload failed');
      }
      await this.unload(room);
    })();
    this.entries.set(room.docName, { state: 'evicting', room, promise });
    await promise;
  }

  private async unload(room: Room): Promise<void> {
    await room.whenPersisted();
    await this.deps.replication.detach(room.docName).catch(() => undefined);
    room.destroy();
    this.entries.delete(room.docName);
    this.deps.metrics.rooms.dec();
  }

  /** Drops a room without compacting (failed store, deleted workshop). */
  async discard(room: Room): Promise<void> {
    const entry = this.entries.get(room.docName);
    if (entry?.state !== 'ready' || entry.room !== room) return;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    this.deps.history?.forget(room);
    const promise = this.unload(room);
    this.entries.set(room.docName, { state: 'evicting', room, promise });
    await promise;
  }

  /**
   * Flushes and unloads everything (graceful shutdown). Edits held for an unavailable store are
   * dropped, not waited for: their clients still have them and re-send them on reconnect.
   */
  async closeAll(): Promise<void> {
    const pending: Promise<unknown>[] = [];
    for (const entry of this.entries.values()) {
      if (entry.state === 'ready') {
        if (entry.room.holdingWrites) entry.room.dropHeldWrites();
        if (entry.idleTimer) clearTimeout(entry.idleTimer);
        entry.holds = 0;
        pending.push(this.evict(entry.room));
      } else {
        // An idle room evicting during an outage waits for its held edits: stop waiting.
        if (entry.state === 'evicting' && entry.room.holdingWrites) entry.room.dropHeldWrites();
        pending.push(entry.promise.catch(() => undefined));
      }
    }
    await Promise.allSettled(pending);
    for (const entry of [...this.entries.values()]) {
      if (entry.state === 'ready') await this.evict(entry.room).catch(() => undefined);
    }
  }
}
