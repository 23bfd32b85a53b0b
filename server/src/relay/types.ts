/**
 * Cross-instance relay seam. The default is a no-op (one process); the Redis relay fans out
 * updates, awareness and control events between instances. Delivery through the relay may be
 * at-most-once: receivers detect gaps by `seq` and catch up from the DocStore.
 */
export type RelayMessage =
  | { kind: 'update'; docName: string; seq: number; update: Uint8Array; origin: string }
  | { kind: 'awareness'; docName: string; payload: Uint8Array; origin: string };

/** Workshop-level events every instance must act on (shared state across instances). */
export type ControlEvent =
  | { kind: 'revoke-token'; workshopId: string; jti: string; exp: number }
  | { kind: 'revoke-group'; workshopId: string; groupId: string; generation: number }
  | { kind: 'lock'; workshopId: string; groupId: string | null; locked: boolean }
  | { kind: 'workshop-status'; workshopId: string; status: string }
  | { kind: 'phase'; workshopId: string; phaseIndex: number; readOnly: boolean }
  | { kind: 'workshop-deleted'; workshopId: string };

export interface Relay {
  /** Identifies this instance; messages it published come back with this origin and are ignored. */
  readonly instanceId: string;
  /** Starts receiving a document's messages (called when a room loads). */
  subscribe(docName: string, onMessage: (message: RelayMessage) => void): Promise<void>;
  unsubscribe(docName: string): Promise<void>;
  publish(message: RelayMessage): Promise<void>;
  publishControl(event: ControlEvent): Promise<void>;
  onControl(handler: (event: ControlEvent) => void): void;
  /** Called after the relay reconnects: rooms must catch up from the store (messages may be lost). */
  onResync(handler: () => void): void;
  close(): Promise<void>;
}

/** One fixed window of a counter: events counted so far and ms until the window ends. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

/**
 * Shared windowed counters (join failures, known-good addresses) — in-process by default, Redis
 * when scaled out so every instance sees the same counts. The policy (what is counted, what the
 * limits are) lives in api/joinGuard.ts; this seam only counts.
 */
export interface RateLimiter {
  /** The count of `key` in its current window, without counting (0 when there is none). */
  peek(key: string): Promise<WindowCount>;
  /** Counts one event for `key`; the first event opens a window `windowMs` long. */
  hit(key: string, windowMs: number): Promise<WindowCount>;
}
