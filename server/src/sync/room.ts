import * as Y from 'yjs';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import {
  ConnectionOrigin,
  RelayOrigin,
  StoreOrigin,
  type DenyReason,
  type DocName,
  type Scenario,
} from '@isms/shared';
import type { Logger } from 'pino';
import type { ServerMetrics } from '../metrics';
import type { Relay, RelayMessage } from '../relay/types';
import type { StoreHealth } from '../store/health';
import type { DocStore } from '../store/types';
import type { Connection } from './connection';
import { awarenessFrame, syncStep1Frame, syncStep2Frame } from './messages';
import { Outbox } from './outbox';
import { Admission } from './admission';
import { RoomWriter, type Durable } from './roomWriter';
import type { WriteCheck } from './shadowDoc';
import { encodeAwarenessEntries, type AwarenessEntry, type DecodedUpdate } from './validate';

/**
 * One loaded document and its sockets. Every change to `doc` that did not come from the store
 * or the relay is appended to the store and broadcast only once the append resolved (durable
 * before visible; roomWriter.ts). While the store refuses writes they are held, not broadcast;
 * a room that held more than `maxHeldBytes` is poisoned: the manager closes its sockets with
 * `storeUnavailable` and drops the in-memory state, so nothing unpersisted is ever served.
 */
export interface RoomPolicy {
  /** Board locked by the instructor (participants read-only). */
  locked: boolean;
  /** Workshop archived (everyone read-only). */
  archived: boolean;
  /** The room's current agenda phase lets participants only read (e.g. presentations). */
  phaseReadOnly: boolean;
}

/**
 * Least time between two broadcasts of a room, ms: 0.2 ms per socket, at most 30 ms. A flush
 * costs a write per socket, so this bounds a room's writes to ~5,000/s whatever its edit rate —
 * a group of five is unaffected (1 ms), a 150-client room sends ≤ 33 frames/s per socket.
 */
const BROADCAST_MS_PER_SOCKET = 0.2;
const MAX_BROADCAST_INTERVAL_MS = 30;

export function broadcastIntervalMs(sockets: number): number {
  return Math.min(MAX_BROADCAST_INTERVAL_MS, sockets * BROADCAST_MS_PER_SOCKET);
}

export interface RoomDeps {
  store: DocStore;
  health: StoreHealth;
  relay: Relay;
  metrics: ServerMetrics;
  log: Logger;
  /** Most bytes of edits held while the store refuses writes (Limits.maxHeldBytes). */
  maxHeldBytes: number;
  /** Retry period for held edits while a reachable store refuses writes, ms. */
  retryMs: number;
  onPersisted(room: Room): void;
  /** Held more than maxHeldBytes: the room must close its sockets (4005) and unload. */
  onHoldOverflow(room: Room, heldBytes: number): void;
}

export interface LogState {
  lastSeq: number;
  /** Log entries / bytes since the last snapshot (drive compaction). */
  count: number;
  bytes: number;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  readonly connections = new Set<Connection>();
  /** Awareness client id → id of the connection that claimed it first. */
  private readonly awarenessOwners = new Map<number, string>();
  private readonly outbox: Outbox;
  /** Where a client's update is tried before `doc` sees it (admission.ts, shadowDoc.ts). */
  private readonly admission: Admission;
  private readonly writer: RoomWriter;
  /** Approximate encoded size, bytes (state at load + every update since): the size cap. */
  approxBytes = 0;
  failed = false;
  destroyed = false;

  constructor(
    readonly name: DocName,
    readonly policy: RoomPolicy,
    readonly log: LogState,
    private readonly deps: RoomDeps,
    /** The scenario a board's writes are checked against (null for the workshop doc). */
    readonly scenario: Scenario | null = null,
  ) {
    this.admission = new Admission(this.doc);
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.outbox = new Outbox(
      () => this.connections,
      (ids) => encodeAwarenessUpdate(this.awareness, ids),
      () => broadcastIntervalMs(this.connections.size),
      (frames, bytes) => {
        deps.metrics.framesOut.inc(frames);
        deps.metrics.bytesOut.inc(frames * bytes);
      },
    );
    this.writer = new RoomWriter(name.name, {
      store: deps.store,
      health: deps.health,
      maxHeldBytes: deps.maxHeldBytes,
      retryMs: deps.retryMs,
      onDurable: (durable) => this.onDurable(durable),
      onOverflow: (heldBytes) => {
        this.failed = true;
        deps.onHoldOverflow(this, heldBytes);
      },
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) =>
      this.onDocUpdate(update, origin),
    );
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  get docName(): string {
    return this.name.name;
  }

  get pendingAppends(): number {
    return this.writer.pending;
  }

  /** True while edits wait for the store to take writes again. */
  get holdingWrites(): boolean {
    return this.writer.holding;
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    this.approxBytes += update.byteLength;
    if (origin instanceof StoreOrigin) return;
    if (origin instanceof RelayOrigin) {
      this.outbox.pushUpdate(update, null);
      return;
    }
    const originId = origin instanceof ConnectionOrigin ? origin.connectionId : null;
    this.writer.write(update, originId);
  }

  private onDurable(durable: Durable): void {
    if (durable.latencyMs !== null) {
      this.deps.metrics.persistLatency.observe(durable.latencyMs / 1000);
    }
    this.log.lastSeq = Math.max(this.log.lastSeq, durable.seq);
    this.log.count += 1;
    this.log.bytes += durable.stored.byteLength;
    if (this.failed || this.destroyed) return;
    this.outbox.pushUpdate(durable.broadcast, durable.originId);
    this.deps.onPersisted(this);
    const message: RelayMessage = {
      kind: 'update',
      docName: this.docName,
      seq: durable.seq,
      update: durable.stored,
      origin: this.deps.relay.instanceId,
    };
    this.deps.relay.publish(message).catch((error: unknown) => {
      this.deps.log.warn({ err: error, room: this.docName }, 'relay publish failed');
    });
  }

  /** Resolves once every update applied so far has been stored (or dropped with the room). */
  async whenPersisted(): Promise<void> {
    await this.writer.whenSettled();
  }

  /** Drops held edits (shutdown): the clients still have them and re-send on reconnect. */
  dropHeldWrites(): void {
    this.writer.dispose();
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const ids = [...change.added, ...change.updated, ...change.removed];
    if (ids.length === 0) return;
    const originId = typeof origin === 'string' ? origin : null;
    this.outbox.pushAwareness(ids, originId);
  };

  join(connection: Connection): void {
    this.connections.add(connection);
    connection.send(syncStep1Frame(Y.encodeStateVector(this.doc)));
    if (this.awareness.getStates().size > 0) {
      const ids = [...this.awareness.getStates().keys()];
      connection.send(awarenessFrame(encodeAwarenessUpdate(this.awareness, ids)));
    }
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    const owned = [...connection.awarenessIds].filter(
      (id) => this.awarenessOwners.get(id) === connection.id,
    );
    for (const id of owned) this.awarenessOwners.delete(id);
    if (owned.length > 0 && !this.destroyed) {
      removeAwarenessStates(this.awareness, owned, connection.id);
    }
  }

  /**
   * Sync step 2 for a client's state vector, sent once everything in it is durable. The answer
   * is encoded now and waits only for the appends already started (every applied update has
   * started its append synchronously in onDocUpdate) — not for the room to fall quiet, which
   * would starve a joiner while teammates keep typing. Later updates reach the joiner through
   * the normal broadcast, after their own append.
   */
  async answerSyncStep1(connection: Connection, stateVector: Uint8Array): Promise<void> {
    const answer = Y.encodeStateAsUpdate(this.doc, stateVector);
    await this.writer.settled;
    if (this.failed || this.destroyed) return;
    connection.send(syncStep2Frame(answer));
  }

  /**
   * Tries a client's update on the shadow document with `check` (the board schema for
   * participants, null for others): null = accepted, and then applied to `doc`; otherwise the
   * reason it was refused — nothing was applied, persisted or broadcast. An update that would
   * stay pending (it builds on or deletes items this room does not have) is always refused:
   * the room never holds a client's not-integrated state.
   */
  applyClientUpdate(
    connection: Connection,
    update: { bytes: Uint8Array; decoded: DecodedUpdate },
    check: WriteCheck | null,
  ): DenyReason | null {
    return this.admission.admit(update, check, (bytes) =>
      Y.applyUpdate(this.doc, bytes, new ConnectionOrigin(connection.id)),
    );
  }

  /** Asks a client for what this room lacks (its answer, sync step 2, carries it). */
  requestMissing(connection: Connection): void {
    connection.send(syncStep1Frame(Y.encodeStateVector(this.doc)));
  }

  /**
   * The entries this socket may set. y-websocket clients re-send every awareness change they
   * receive (their peers' states too), so entries of ids another socket owns are echoes and
   * are dropped silently. An unowned id is claimed by the first socket announcing a state for
   * it (first claim wins); a removal (null state) of an unowned id is dropped.
   */
  ownedByOther(connection: Connection, clientId: number): boolean {
    const owner = this.awarenessOwners.get(clientId);
    return owner !== undefined && owner !== connection.id;
  }

  ownAwareness(connection: Connection, entries: AwarenessEntry[]): AwarenessEntry[] {
    return entries.filter((entry) => {
      const owner = this.awarenessOwners.get(entry.clientId);
      return owner === connection.id || (owner === undefined && entry.state !== null);
    });
  }

  applyAwareness(connection: Connection, entries: AwarenessEntry[]): void {
    for (const entry of entries) {
      if (entry.state === null) continue;
      this.awarenessOwners.set(entry.clientId, connection.id);
      connection.awarenessIds.add(entry.clientId);
    }
    const update = encodeAwarenessEntries(entries);
    applyAwarenessUpdate(this.awareness, update, connection.id);
    this.deps.relay
      .publish({
        kind: 'awareness',
        docName: this.docName,
        payload: update,
        origin: this.deps.relay.instanceId,
      })
      .catch(() => undefined);
  }

  sendAwarenessTo(connection: Connection): void {
    const ids = [...this.awareness.getStates().keys()];
    connection.send(awarenessFrame(encodeAwarenessUpdate(this.awareness, ids)));
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.writer.dispose();
    this.outbox.dispose();
    this.admission.destroy();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
