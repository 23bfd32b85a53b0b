import * as Y from 'yjs';
import type { StoreHealth } from '../store/health';
import type { DocStore } from '../store/types';

/**
 * The write path of one room: every update is appended to the store and handed to `onDurable`
 * (broadcast, relay) only once the append resolved — durable before visible.
 *
 * While the store cannot take writes (database unreachable or hung, disk full) updates are
 * **held** here instead of failing the room: its sockets stay open, clients are told saving is
 * paused (`storeStatus`), and nothing is broadcast. Held are: updates that arrive while the
 * health probe says the store is unreachable, and updates whose append failed. Once the store is
 * back (a probe answers, or the periodic retry after a refused write succeeds) and no append of
 * this room is still in flight, the held updates are merged and stored as ONE append of exactly
 * what the store lacks: the merge is diffed against the stored document's state vector, so an
 * append that failed on our side but committed on the database's (a reply lost in a cut) is
 * not stored twice. Yjs merging is order-independent, so the merged update is the same
 * whatever order the updates were held in. Then it is broadcast and published like any other.
 *
 * Bounded: beyond `maxHeldBytes` the room gives up (`onOverflow`: sockets closed with 4005,
 * room unloaded); clients still have every edit and re-send it when they reconnect.
 */
export interface Durable {
  /** What this room's sockets have not seen yet (the update, or every held update merged). */
  broadcast: Uint8Array;
  /** Connection that sent it, null if mixed or the server's. */
  originId: string | null;
  /** What was appended (the update, or the part of the merge the store lacked) and its seq. */
  stored: Uint8Array;
  seq: number;
  /** Append latency, ms; null for a flush of held updates. */
  latencyMs: number | null;
}

export interface RoomWriterDeps {
  /** The store (its `append` unguarded: a sent append's real outcome is always awaited). */
  store: DocStore;
  health: StoreHealth;
  maxHeldBytes: number;
  /** Retry period while writes are refused by a reachable store, ms (storeRetryMs). */
  retryMs: number;
  onDurable(durable: Durable): void;
  /** Held more than maxHeldBytes; the writer is disposed, the room must close and unload. */
  onOverflow(heldBytes: number): void;
}

interface Held {
  update: Uint8Array;
  originId: string | null;
  /** Settles this write for `whenSettled` (stored, or dropped with the room). */
  settle: () => void;
}

export class RoomWriter {
  private inFlight = 0;
  private unsettled = 0;
  private held: Held[] = [];
  private heldBytes = 0;
  /** Bytes of the held updates a flush is storing right now (still count against the cap). */
  private flushingBytes = 0;
  private flushing = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private lastWrite: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly docName: string,
    private readonly deps: RoomWriterDeps,
  ) {
    this.unsubscribe = deps.health.onChange(() => this.maybeFlush());
  }

  /** Writes not yet durable: in flight or held. */
  get pending(): number {
    return this.unsettled;
  }

  get holding(): boolean {
    return this.held.length > 0 || this.flushing;
  }

  /** Settles once every write made so far is durable (or dropped with the room). */
  get settled(): Promise<unknown> {
    return this.lastWrite;
  }

  write(update: Uint8Array, originId: string | null): void {
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    this.unsettled += 1;
    // Chain every write, not just the latest: appends may resolve out of order (PostgreSQL runs
    // them on several pooled connections), and awaiting only the latest would then spin
    // `whenSettled` on an already-resolved promise, starving the event loop.
    this.lastWrite = Promise.allSettled([this.lastWrite, settled]);
    const entry: Held = {
      update,
      originId,
      settle: () => {
        this.unsettled -= 1;
        settle();
      },
    };
    if (this.disposed) return entry.settle();
    if (this.holding || !this.deps.health.reachable) return this.hold(entry);
    this.append(entry);
  }

  /** Resolves once every write made so far and since is durable (or dropped). */
  async whenSettled(): Promise<void> {
    while (this.unsettled > 0 && !this.disposed) await this.lastWrite;
  }

  /** Drops what is held (the room is going away; its clients still have those edits). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const dropped = this.held;
    this.held = [];
    this.heldBytes = 0;
    for (const entry of dropped) entry.settle();
  }

  private append(entry: Held): void {
    this.inFlight += 1;
    const startedAt = performance.now();
    this.deps.store.append(this.docName, entry.update).then(
      (seq) => {
        this.inFlight -= 1;
        this.deps.health.reportWrite(true);
        if (!this.disposed) {
          this.deps.onDurable({
            broadcast: entry.update,
            originId: entry.originId,
            stored: entry.update,
            seq,
            latencyMs: performance.now() - startedAt,
          });
        }
        entry.settle();
        this.maybeFlush();
      },
      () => {
        this.inFlight -= 1;
        this.deps.health.reportWrite(false);
        this.hold(entry);
        this.maybeFlush();
      },
    );
  }

  private hold(entry: Held): void {
    if (this.disposed) return entry.settle();
    this.held.push(entry);
    this.heldBytes += entry.update.byteLength;
    if (this.heldBytes + this.flushingBytes > this.deps.maxHeldBytes) {
      const heldBytes = this.heldBytes + this.flushingBytes;
      this.dispose();
      this.deps.onOverflow(heldBytes);
      return;
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.disposed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.maybeFlush();
      if (this.held.length > 0) this.scheduleRetry();
    }, this.deps.retryMs);
  }

  /** Flushes when there is something held, nothing in flight and the store answers probes. */
  private maybeFlush(): void {
    if (this.disposed || this.flushing || this.held.length === 0) return;
    if (this.inFlight > 0 || !this.deps.health.reachable) return;
    void this.flush();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    const batch = this.held;
    const bytes = this.heldBytes;
    this.held = [];
    this.heldBytes = 0;
    this.flushingBytes = bytes;
    const merged = Y.mergeUpdates(batch.map((entry) => entry.update));
    let written = false;
    try {
      const stored = await this.missingFromStore(merged);
      const seq = await this.deps.store.append(this.docName, stored).then(
        (value) => value,
        (error: unknown) => {
          this.deps.health.reportWrite(false);
          throw error;
        },
      );
      written = true;
      this.deps.health.reportWrite(true);
      const origins = new Set(batch.map((entry) => entry.originId));
      if (!this.disposed) {
        this.deps.onDurable({
          broadcast: merged,
          originId: origins.size === 1 ? batch[0]!.originId : null,
          stored,
          seq,
          latencyMs: null,
        });
      }
    } catch {
      // Not stored (or unknown): hold it again, before what arrived meanwhile, and retry.
      if (!this.disposed) {
        this.held = batch.concat(this.held);
        this.heldBytes += bytes;
        this.scheduleRetry();
      }
    } finally {
      this.flushing = false;
      this.flushingBytes = 0;
      if (written || this.disposed) for (const entry of batch) entry.settle();
    }
    // What arrived during a successful flush goes now; after a failed one, only the retry timer
    // or the store coming back (health change) try again — never a tight loop.
    if (written) this.maybeFlush();
  }

  /**
   * The part of `merged` the stored document lacks. The stored state vector comes from a real
   * Y.Doc, which counts only integrated structs: a stored range with a hole below it is not
   * counted, so it is stored again rather than skipped (duplicates are harmless to Yjs; a
   * skipped range would be lost).
   */
  private async missingFromStore(merged: Uint8Array): Promise<Uint8Array> {
    const stored = await this.deps.store.load(this.docName);
    const doc = new Y.Doc();
    try {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const entry of stored.updates) Y.applyUpdate(doc, entry.update);
      return Y.diffUpdate(merged, Y.encodeStateVector(doc));
    } finally {
      doc.destroy();
    }
  }
}
