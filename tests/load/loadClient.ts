import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type HistogramData, record } from './histogram';
import type { ClientPlan, LoadRates } from './messages';
import { encodeProbe, monotonicMs, parseProbes } from './probe';

/**
 * The shared text every client of a room appends its probes to. A root type of its own, so the
 * load is the same for our server and the reference (which has no board schema).
 */
export const PROBE_TEXT = 'loadProbe';

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
  private readonly text = this.doc.getText(PROBE_TEXT);
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
    const content = this.text.toString();
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

  private edit(): void {
    this.seq += 1;
    const probe = encodeProbe({
      sender: this.plan.id,
      instance: this.plan.instance,
      seq: this.seq,
      sentAtMs: monotonicMs(),
    });
    this.text.insert(this.text.length, probe);
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
