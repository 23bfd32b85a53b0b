import type { HistogramData } from './histogram';

/** One simulated participant as the orchestrator assigns it to a worker process. */
export interface ClientPlan {
  /** Global client index; also the probe's sender id. */
  id: number;
  /** Room index 0…K-1 (for reports and the expected-deliveries ledger). */
  room: number;
  /** Base URL the provider appends the room name to, e.g. ws://127.0.0.1:8080/sync. */
  serverUrl: string;
  /** Index of that server instance among the target's instances. */
  instance: number;
  /** Room name, e.g. "<workshopId>/<groupId>". */
  roomName: string;
  /** Sync token for our server; the reference ignores it. */
  token: string;
  /**
   * Participant mode: the card this client places on the board and types its probes into
   * (its own note); without it, probes go to one shared text root.
   */
  card?: { assetId: string; controlId: string };
}

export interface LoadRates {
  /** Time between two edits of one client, ms (0 = the client never edits). */
  editIntervalMs: number;
  /** Time between two awareness (cursor) updates of one client, ms (0 = never). */
  awarenessIntervalMs: number;
}

/** "room:sender" → edits that sender made; receivers expect each of them once. */
export type SentLedger = Record<string, number>;

export type ToWorker =
  | { type: 'plan'; clients: ClientPlan[]; rates: LoadRates }
  | { type: 'start' }
  /** Forget the warm-up: zero the histograms and delivery counts, restart the sent counts. */
  | { type: 'reset' }
  | { type: 'stop' }
  | { type: 'drain'; expected: SentLedger; drainMs: number }
  | { type: 'await-disconnect'; timeoutMs: number }
  | { type: 'await-resync'; timeoutMs: number }
  | { type: 'close' };

export interface ConnectReport {
  type: 'connected';
  /** Provider creation → first 'sync' event, ms, per client that synced. */
  syncTimesMs: number[];
  failed: number;
}

export interface ResyncReport {
  type: 'resynced';
  /** Monotonic ms at which each client was synced again (NaN = never within the timeout). */
  resyncedAtMs: number[];
}

export interface StopReport {
  type: 'stopped';
  sent: SentLedger;
}

export interface DrainReport {
  type: 'drained';
  latency: HistogramData;
  /** The subset of `latency` whose sender sits on another server instance. */
  crossLatency: HistogramData;
  /** Deliveries that arrived while the load ran or during the drain. */
  received: number;
  /** Expected deliveries missing at the end of the drain. */
  undelivered: number;
  /** Per client: room and a hash of its final probe text (convergence check). */
  finalStates: Array<{ room: number; hash: string; length: number }>;
  /** Socket re-opens during the run (a healthy run has none). */
  reconnects: number;
  /** "Permission denied" answers the server sent (y-websocket prints one warning each). */
  permissionDenied: number;
  /** Event-loop delay p99 of this worker during the run, ms (generator saturation check). */
  eventLoopP99Ms: number;
}

export type FromWorker =
  | { type: 'ready' }
  | ConnectReport
  | ResyncReport
  | { type: 'disconnected'; stillSynced: number }
  | StopReport
  | DrainReport
  | { type: 'error'; message: string };
