import { RelayOrigin } from '@isms/shared';
import { applyAwarenessUpdate, encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore, StoredDoc } from '../store/types';
import { SeqTracker } from './redisSeqTracker';
import type { Relay, RelayMessage } from './types';

/**
 * Gap-free cross-instance delivery for loaded rooms, on top of an at-most-once relay.
 *
 * Each room's replica applies relayed updates at once (Yjs tolerates any order) and tracks
 * their seq. A missing seq is fetched from the store with readSince after a short grace (it is
 * often merely in flight from another publisher), after a relay reconnect (onResync), right
 * after attaching (covers the window between the room's load and its subscription), and
 * periodically (covers a lost LAST message, which no later seq would reveal). Updates fetched
 * from the store are applied with a RelayOrigin: the room broadcasts them to its sockets but
 * neither stores nor re-publishes them.
 */
export interface ReplicationOptions {
  relay: Relay;
  store: DocStore;
  /** How often every room re-reads the store, ms; null disables (single instance). */
  periodicCatchUpMs: number | null;
  onError?: (error: unknown, docName: string) => void;
}

export interface RoomReplicaTarget {
  docName: string;
  doc: Y.Doc;
  awareness: Awareness;
  /** Highest seq the room's load returned (see lastSeqOf). */
  loadedSeq: number;
}

/**
 * Default periodic catch-up when scaled out, ms. 10 s bounds how long a room can stay behind
 * if the relay lost a document's last update, at one indexed store query per loaded room per
 * period (1000 rooms → 100 queries/s per instance).
 */
export const DEFAULT_PERIODIC_CATCH_UP_MS = 10_000;

/**
 * Wait before a detected gap is read from the store, ms. 50 ms covers the usual cause (two
 * instances publishing seq N and N+1 at once, delivered out of order) without a query, and
 * is short next to the 100 ms interactive budget when a message really was lost.
 */
const GAP_GRACE_MS = 50;

/** The seq a room is at after loading `stored`. */
export function lastSeqOf(stored: StoredDoc): number {
  return stored.updates.at(-1)?.seq ?? stored.snapshotSeq;
}

export class ReplicationHub {
  private readonly replicas = new Map<string, RoomReplica>();
  private readonly timer: NodeJS.Timeout | null;

  constructor(private readonly options: ReplicationOptions) {
    options.relay.onResync(() => {
      for (const replica of this.replicas.values()) void replica.catchUp();
    });
    const period = options.periodicCatchUpMs;
    this.timer = period === null ? null : setInterval(() => this.catchUpIdle(period), period);
    this.timer?.unref();
  }

  /** Subscribes the room and closes the window since its load; detach() undoes it. */
  async attach(target: RoomReplicaTarget): Promise<RoomReplica> {
    await this.detach(target.docName);
    const replica = new RoomReplica(target, this.options);
    this.replicas.set(target.docName, replica);
    await this.options.relay.subscribe(target.docName, (message) => replica.receive(message));
    await replica.catchUp();
    return replica;
  }

  /** The room durably appended one of its own updates as `seq` (it publishes it itself). */
  noteAppended(docName: string, seq: number): void {
    this.replicas.get(docName)?.noteAppended(seq);
  }

  /**
   * Highest seq whose updates are ALL in the room's doc: the only safe `upToSeq` for a
   * compaction built from that doc (a higher one would drop a log entry the doc lacks).
   */
  contiguousSeq(docName: string): number | null {
    return this.replicas.get(docName)?.contiguousSeq ?? null;
  }

  async detach(docName: string): Promise<void> {
    const replica = this.replicas.get(docName);
    if (!replica) return;
    this.replicas.delete(docName);
    replica.stop();
    await this.options.relay.unsubscribe(docName);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    for (const replica of this.replicas.values()) replica.stop();
    this.replicas.clear();
  }

  private catchUpIdle(periodMs: number): void {
    const now = Date.now();
    for (const replica of this.replicas.values()) {
      if (now - replica.lastCatchUpAt >= periodMs) void replica.catchUp();
    }
  }
}

export class RoomReplica {
  lastCatchUpAt = 0;
  private readonly tracker: SeqTracker;
  private readonly origin: RelayOrigin;
  private running: Promise<void> | null = null;
  private rerun = false;
  private gapTimer: NodeJS.Timeout | null = null;
  private detached = false;

  constructor(
    private readonly target: RoomReplicaTarget,
    private readonly options: ReplicationOptions,
  ) {
    this.tracker = new SeqTracker(target.loadedSeq);
    // Updates read back from the store have no single publishing instance; they carry ours.
    this.origin = new RelayOrigin(options.relay.instanceId);
  }

  /** Highest seq up to which this room holds every update. */
  get contiguousSeq(): number {
    return this.tracker.contiguous;
  }

  /** The room durably appended one of its own updates as `seq` (it publishes it itself). */
  noteAppended(seq: number): void {
    this.tracker.observe(seq);
    this.scheduleGapCheck();
  }

  receive(message: RelayMessage): void {
    if (this.detached) return;
    if (message.kind === 'awareness') {
      this.receiveAwareness(message.payload);
      return;
    }
    Y.applyUpdate(this.target.doc, message.update, new RelayOrigin(message.origin));
    this.tracker.observe(message.seq);
    this.scheduleGapCheck();
  }

  /**
   * Awareness is only sent when it changes (and renewed every 15 s), so a member who just
   * joined on another instance would not see the members here for up to 15 s. When a relayed
   * update brings a client id this room has not seen, the room answers with every state it
   * holds; the others ignore what they already have (same clock), so this settles at once.
   */
  private receiveAwareness(payload: Uint8Array): void {
    const { awareness } = this.target;
    const known = new Set(awareness.getStates().keys());
    applyAwarenessUpdate(awareness, payload, this.origin);
    const states = [...awareness.getStates().keys()];
    if (states.every((clientId) => known.has(clientId))) return;
    const { relay } = this.options;
    void relay.publish({
      kind: 'awareness',
      docName: this.target.docName,
      payload: encodeAwarenessUpdate(awareness, states),
      origin: relay.instanceId,
    });
  }

  /** Reads and applies everything after the contiguous seq; concurrent calls coalesce. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.runCatchUp().finally(() => {
      this.running = null;
      if (this.rerun && !this.detached) {
        this.rerun = false;
        void this.catchUp();
      }
    });
    return this.running;
  }

  /** Stops applying anything (the hub unsubscribes); the room is being unloaded. */
  stop(): void {
    this.detached = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
  }

  private async runCatchUp(): Promise<void> {
    this.lastCatchUpAt = Date.now();
    try {
      const missing = await this.options.store.readSince(
        this.target.docName,
        this.tracker.contiguous,
      );
      if (this.detached) return;
      Y.transact(
        this.target.doc,
        () => {
          if (missing.snapshot) Y.applyUpdate(this.target.doc, missing.snapshot, this.origin);
          for (const { update } of missing.updates) {
            Y.applyUpdate(this.target.doc, update, this.origin);
          }
        },
        this.origin,
      );
      this.tracker.caughtUpTo(lastSeqOf(missing));
    } catch (error) {
      // Store unreachable: the next gap, resync or period retries.
      this.options.onError?.(error, this.target.docName);
    }
  }

  private scheduleGapCheck(): void {
    if (!this.tracker.hasGap || this.gapTimer || this.detached) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.tracker.hasGap) void this.catchUp();
    }, GAP_GRACE_MS);
  }
}
