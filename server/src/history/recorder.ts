import * as Y from 'yjs';
import { boardDocName, type HistoryReason } from '@isms/shared';
import type { Logger } from 'pino';
import type { Room } from '../sync/room';
import { versionsToPrune } from './prune';
import type { HistoryStore } from './types';

/**
 * Keeps each board's timeline: a version `intervalMs` after the first change since the last
 * version (so a quiet board costs nothing), one at each event (lock, phase, restore) and one
 * when the room unloads. A version identical to the previous one (same state vector) is not
 * stored again. Per update the only cost is `noteChange` (a Map lookup); the state is encoded
 * and written off the update path, once per interval.
 *
 * Who was editing: the names in the room's awareness, gathered while the board changes and
 * when a version is taken, so a version taken after everyone left still names them.
 */
export interface RecorderOptions {
  store: HistoryStore;
  intervalMs: number;
  maxVersions: number;
  /** Runs a task on a board's room, loading it if needed (RoomManager.withRoom). */
  withBoard: <T>(docName: string, task: (room: Room) => Promise<T>) => Promise<T>;
  log: Logger;
  now?: () => number;
}

/** How often a busy board's awareness is read for editor names, ms (not on every keystroke). */
const NAMES_REFRESH_MS = 5_000;

interface Tracked {
  timer: NodeJS.Timeout | null;
  editors: Set<string>;
  namesAt: number;
  /** The last stored state: an identical state is not stored twice. (Not the state vector:
   *  a deletion leaves it unchanged.) */
  lastState: Uint8Array | null;
  lastId: number | null;
  /** Captures of one room run one after the other. */
  chain: Promise<unknown>;
}

export class HistoryRecorder {
  private readonly rooms = new Map<Room, Tracked>();
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly options: RecorderOptions) {
    this.now = options.now ?? Date.now;
  }

  private track(room: Room): Tracked {
    let tracked = this.rooms.get(room);
    if (!tracked) {
      tracked = {
        timer: null,
        editors: new Set(),
        namesAt: Number.NEGATIVE_INFINITY,
        lastState: null,
        lastId: null,
        chain: Promise.resolve(),
      };
      this.rooms.set(room, tracked);
    }
    return tracked;
  }

  /** A document's update became durable. */
  noteChange(room: Room): void {
    if (this.closed) return;
    if (room.name.kind !== 'board') return;
    const tracked = this.track(room);
    if (this.now() - tracked.namesAt >= NAMES_REFRESH_MS) this.gatherNames(room, tracked);
    if (tracked.timer) return;
    tracked.timer = setTimeout(() => {
      tracked.timer = null;
      this.capture(room, 'periodic').catch((error: unknown) =>
        this.options.log.warn({ err: error, room: room.docName }, 'history capture failed'),
      );
    }, this.options.intervalMs);
    tracked.timer.unref();
  }

  private gatherNames(room: Room, tracked: Tracked): void {
    tracked.namesAt = this.now();
    room.awareness.getStates().forEach((state) => {
      const user = (state as { user?: { name?: unknown } }).user;
      if (typeof user?.name === 'string' && user.name.trim() !== '') {
        tracked.editors.add(user.name.trim().slice(0, 64));
      }
    });
  }

  /** A version of each of these boards now (phase change, lock, unlock). */
  async captureBoards(
    workshopId: string,
    groupIds: string[],
    reason: HistoryReason,
  ): Promise<void> {
    for (const groupId of groupIds) {
      await this.options.withBoard(boardDocName(workshopId, groupId), (room) =>
        this.capture(room, reason),
      );
    }
  }

  /**
   * Takes a version of the board now and returns its id (the previous one's when nothing
   * changed since). Resolves once the version is durable.
   */
  capture(room: Room, reason: HistoryReason): Promise<number | null> {
    if (room.name.kind !== 'board') return Promise.resolve(null);
    const tracked = this.track(room);
    if (tracked.timer && reason !== 'before-restore') {
      clearTimeout(tracked.timer);
      tracked.timer = null;
    }
    const run = tracked.chain.then(() => this.write(room, tracked, reason));
    tracked.chain = run.catch(() => undefined);
    return run;
  }

  private async write(room: Room, tracked: Tracked, reason: HistoryReason): Promise<number | null> {
    if (room.destroyed || room.failed) return tracked.lastId;
    // Only durable content goes into history: the store must hold every update of the version.
    await room.whenPersisted();
    if (room.destroyed || room.failed) return tracked.lastId;
    const state = Y.encodeStateAsUpdate(room.doc);
    if (tracked.lastId !== null && tracked.lastState && sameBytes(state, tracked.lastState)) {
      return tracked.lastId;
    }
    this.gatherNames(room, tracked);
    const editors = [...tracked.editors].sort();
    const { store } = this.options;
    const id = await store.add(room.docName, { at: this.now(), reason, editors, state });
    tracked.lastState = state;
    tracked.lastId = id;
    tracked.editors.clear();
    await this.prune(room.docName);
    return id;
  }

  private async prune(docName: string): Promise<void> {
    const versions = await this.options.store.list(docName);
    const drop = versionsToPrune(versions, this.options.maxVersions);
    if (drop.length > 0) await this.options.store.remove(docName, drop);
  }

  /** The room is about to unload: keep its last state if it changed since the last version. */
  async roomUnloading(room: Room): Promise<void> {
    const tracked = this.rooms.get(room);
    if (!tracked) return;
    const dirty = tracked.timer !== null;
    if (dirty) await this.capture(room, 'unload');
    await tracked.chain;
    this.forget(room);
  }

  /** Drops a room without a version (deleted workshop, failed store). */
  forget(room: Room): void {
    const tracked = this.rooms.get(room);
    if (tracked?.timer) clearTimeout(tracked.timer);
    this.rooms.delete(room);
  }

  close(): void {
    this.closed = true;
    for (const room of [...this.rooms.keys()]) this.forget(room);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a).equals(Buffer.from(b));
}
