import * as Y from 'yjs';
import { awarenessFrame, updateFrame } from './messages';
import type { Connection } from './connection';

/**
 * Per-room broadcast batching. Updates that became durable in the same group commit (and
 * awareness changes of the same turn) leave as ONE frame, encoded once and written to every
 * socket: at 150 clients that is one encode per turn instead of 150 per update.
 *
 * An update goes to every socket except the one that sent it; when a batch mixes senders the
 * merged frame goes to everybody (a sender receiving its own update back is a no-op in Yjs).
 */
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

  constructor(
    private readonly recipients: () => Iterable<Connection>,
    private readonly encodeAwareness: (clientIds: number[]) => Uint8Array,
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

  /** Microtask, not setImmediate: the appends of one group commit resolve in one microtask run,
   *  so this batches them without adding a turn of latency. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
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

  private send(frame: Uint8Array, skipId: string | null): void {
    for (const connection of this.recipients()) {
      if (connection.id !== skipId) connection.send(frame);
    }
  }
}
