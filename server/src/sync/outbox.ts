import * as Y from 'yjs';
import { awarenessFrame, updateFrame } from './messages';

/**
 * Per-room broadcast batching. Updates that became durable in the same group commit (and
 * awareness changes of the same turn) leave as ONE frame, encoded once and written to every
 * socket: at 150 clients that is one encode per turn instead of 150 per update.
 *
 * Big rooms are also throttled, leading edge: a flush goes out at once if the room's previous
 * one left at least `minIntervalMs()` ago, otherwise when that interval is up, carrying
 * everything that arrived meanwhile. A quiet room (or a workshop group of five, whose interval
 * is about a millisecond) therefore sees no added latency, while a 150-client room sends at
 * most ~30 frames/s per socket instead of one per update — each frame is a syscall here and a
 * decode on every client (phones), which is what saturated the big room. Hocuspocus batches
 * outgoing updates for the same reason.
 *
 * An update goes to every socket except the one that sent it; when a batch mixes senders the
 * merged frame goes to everybody (a sender receiving its own update back is a no-op in Yjs).
 */
/** What the outbox needs of a socket (a `Connection`): `write` is false if nothing was sent. */
export interface Recipient {
  readonly id: string;
  write(frame: Uint8Array): boolean;
}

/** Counts a broadcast once: `frames` sockets were each written `bytes`. */
export type OnBroadcast = (frames: number, bytes: number) => void;

interface Outgoing {
  update: Uint8Array;
  /** Connection that sent it; null for server/relay updates. */
  originId: string | null;
}

export class Outbox {
  private updates: Outgoing[] = [];
  private awarenessChanged = new Set<number>();
  private awarenessOrigins = new Set<string | null>();
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly recipients: () => Iterable<Recipient>,
    private readonly encodeAwareness: (clientIds: number[]) => Uint8Array,
    /** Least time between two flushes of this room, ms (0: flush every turn). */
    private readonly minIntervalMs: () => number = () => 0,
    private readonly onBroadcast: OnBroadcast = () => undefined,
  ) {}

  pushUpdate(update: Uint8Array, originId: string | null): void {
    this.updates.push({ update, originId });
    this.schedule();
  }

  pushAwareness(clientIds: number[], originId: string | null): void {
    for (const id of clientIds) this.awarenessChanged.add(id);
    this.awarenessOrigins.add(originId);
    this.schedule();
  }

  /** Due now: a microtask, not setImmediate — the appends of one group commit resolve in one
   *  microtask run, so this batches them without adding a turn of latency. Throttled: a timer. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastFlushAt + this.minIntervalMs() - performance.now();
    if (wait < 1) {
      queueMicrotask(() => this.flush());
    } else {
      this.timer = setTimeout(() => this.flush(), wait);
    }
  }

  /** Drops whatever is queued (the room is gone) and cancels a pending flush. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.updates = [];
    this.awarenessChanged.clear();
  }

  flush(): void {
    this.scheduled = false;
    this.timer = null;
    this.lastFlushAt = performance.now();
    if (this.updates.length > 0) {
      const batch = this.updates;
      this.updates = [];
      const origins = new Set(batch.map((entry) => entry.originId));
      const merged =
        batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((entry) => entry.update));
      this.send(updateFrame(merged), origins.size === 1 ? batch[0]!.originId : null);
    }
    if (this.awarenessChanged.size > 0) {
      const ids = [...this.awarenessChanged];
      const origins = this.awarenessOrigins;
      this.awarenessChanged = new Set();
      this.awarenessOrigins = new Set();
      const only = origins.size === 1 ? [...origins][0]! : null;
      this.send(awarenessFrame(this.encodeAwareness(ids)), only);
    }
  }

  private send(encoded: Uint8Array, skipId: string | null): void {
    // One Buffer for all sockets (ws would otherwise wrap the Uint8Array once per socket).
    const frame = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
    let written = 0;
    for (const connection of this.recipients()) {
      if (connection.id !== skipId && connection.write(frame)) written += 1;
    }
    if (written > 0) this.onBroadcast(written, frame.byteLength);
  }
}
