import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BoardRoot, SEMINAR4_SCENARIO, listPlacements, noteText, placeControl } from '@isms/shared';
import { type HistogramData, record } from './histogram';
import type { ClientPlan, LoadRates } from './messages';
import { encodeProbe, monotonicMs, parseProbes } from './probe';

/**
 * The shared text every client of a room appends its probes to. A root type of its own, so the
 * load is the same for our server and the reference (which has no board schema).
 */
export const PROBE_TEXT = 'loadProbe';

function findSlot(doc: Y.Doc, assetId: string, controlId: string): string | undefined {
  return listPlacements(doc).find((p) => p.assetId === assetId && p.controlId === controlId)?.id;
}

/** Every note, sorted by key: equal on every replica once converged. */
function notesContent(doc: Y.Doc): string {
  const notes = [...doc.getMap<Y.Text>(BoardRoot.notes).entries()];
  notes.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return notes.map(([key, text]) => `${key}:${text.toString()}`).join('\n');
}

/**
 * Upper bound of the client's reconnect backoff, ms. y-websocket's default (2,500) would make
 * the restart scenario measure the client's timer rather than the server; the app uses 1,000.
 */
const MAX_BACKOFF_MS = 1000;

/**
 * One simulated participant: its own Y.Doc and a real y-websocket `WebsocketProvider`. It
 * appends probes at its edit rate, moves its cursor at its awareness rate, and records the
 * latency of every probe it receives from a peer.
 */
export class LoadClient {
  readonly doc = new Y.Doc();
  /** The shared probe text, or (participant mode) this client's own note once it placed its card. */
  private text: Y.Text | null;
  private readonly provider: WebsocketProvider;
  private readonly timers: NodeJS.Timeout[] = [];
  private seq = 0;
  /** `seq` at the last reset: edits before it belong to the warm-up. */
  private sentBase = 0;
  /** sender id → probes received from it. */
  readonly receivedFrom = new Map<number, number>();
  syncedAtMs = Number.NaN;
  /** Times the socket opened after the first (the server closed it, or it dropped). */
  reconnects = 0;
  private opened = false;
  readonly createdAtMs = monotonicMs();

  constructor(
    readonly plan: ClientPlan,
    private readonly latency: HistogramData,
    private readonly crossLatency: HistogramData,
  ) {
    this.text = plan.card ? null : this.doc.getText(PROBE_TEXT);
    this.provider = new WebsocketProvider(plan.serverUrl, plan.roomName, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token: plan.token },
      // Peers in one worker process must talk through the server, never a BroadcastChannel.
      disableBc: true,
      maxBackoffTime: MAX_BACKOFF_MS,
    });
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      if (this.opened) this.reconnects += 1;
      this.opened = true;
    });
    this.provider.on('sync', (synced: boolean) => {
      this.syncedAtMs = synced ? monotonicMs() : Number.NaN;
    });
    // Probes are read from the update itself: observing the Y.Text would compute an event delta
    // by walking the whole text on every update — O(text) per delivery, which made the
    // generator, not the server, the bottleneck of the big room.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) this.onRemoteUpdate(update);
    });
  }

  get synced(): boolean {
    return !Number.isNaN(this.syncedAtMs);
  }

  /** Edits made since the last reset. */
  get sent(): number {
    return this.seq - this.sentBase;
  }

  /** Ends the warm-up: what was sent and received so far no longer counts. */
  resetCounts(): void {
    this.sentBase = this.seq;
    this.receivedFrom.clear();
  }

  start(rates: LoadRates): void {
    // A random phase spreads clients over the interval instead of editing in lockstep.
    if (rates.editIntervalMs > 0) this.every(rates.editIntervalMs, () => this.edit());
    if (rates.awarenessIntervalMs > 0) this.every(rates.awarenessIntervalMs, () => this.move());
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.length = 0;
  }

  /** Hash of the probe text: equal hashes within a room = converged. */
  finalState(): { hash: string; length: number } {
    const content = this.plan.card ? notesContent(this.doc) : (this.text?.toString() ?? '');
    return { hash: createHash('sha1').update(content).digest('hex'), length: content.length };
  }

  destroy(): void {
    this.stop();
    this.provider.destroy();
    this.doc.destroy();
  }

  private every(intervalMs: number, action: () => void): void {
    const first = setTimeout(() => {
      action();
      const timer = setInterval(action, intervalMs);
      this.timers.push(timer);
    }, Math.random() * intervalMs);
    this.timers.push(first);
  }

  /**
   * Participant mode: places this client's card once the board is synced, then types into its
   * note — a write the server's board schema accepts from a participant.
   */
  private probeText(): Y.Text | null {
    if (this.text || !this.plan.card || !this.synced) return this.text;
    const { assetId, controlId } = this.plan.card;
    const ctx = { scenario: SEMINAR4_SCENARIO };
    const placed = placeControl(this.doc, ctx, { assetId, controlId, placedBy: 'load' });
    const id = placed.ok ? placed.value.placementId : findSlot(this.doc, assetId, controlId);
    this.text = id ? (noteText(this.doc, id) ?? null) : null;
    return this.text;
  }

  private edit(): void {
    const text = this.probeText();
    if (!text) return;
    this.seq += 1;
    const probe = encodeProbe({
      sender: this.plan.id,
      instance: this.plan.instance,
      seq: this.seq,
      sentAtMs: monotonicMs(),
    });
    text.insert(text.length, probe);
  }

  private move(): void {
    this.provider.awareness.setLocalStateField('cursor', {
      index: Math.floor(Math.random() * 1000),
      at: Date.now(),
    });
  }

  private onRemoteUpdate(update: Uint8Array): void {
    const now = monotonicMs();
    for (const struct of Y.decodeUpdate(update).structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
      for (const probe of parseProbes(struct.content.str)) {
        this.receivedFrom.set(probe.sender, (this.receivedFrom.get(probe.sender) ?? 0) + 1);
        record(this.latency, now - probe.sentAtMs);
        if (probe.instance !== this.plan.instance) record(this.crossLatency, now - probe.sentAtMs);
      }
    }
  }
}
