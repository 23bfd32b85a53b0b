import type { HistoryReason, HistoryVersionInfo } from '@isms/shared';

/**
 * Persistence seam of the board timeline (style principle 5): SQLite (embedded default),
 * PostgreSQL (scale-out) and an in-memory store implement it and pass history/contract.ts.
 * A version is a full encoded board state — the live document garbage-collects deleted
 * content, so a full state, not a Yjs snapshot over one history, is what can be rebuilt.
 */
export interface NewVersion {
  at: number;
  reason: HistoryReason;
  editors: string[];
  state: Uint8Array;
}

export interface StoredVersion {
  info: HistoryVersionInfo;
  state: Uint8Array;
}

export interface HistoryStore {
  /** Durably stores a version (committed before it resolves) and returns its id. */
  add(docName: string, version: NewVersion): Promise<number>;
  /** Every version of a document, oldest first (metadata only). */
  list(docName: string): Promise<HistoryVersionInfo[]>;
  get(docName: string, id: number): Promise<StoredVersion | null>;
  /** Drops versions (pruning keeps the timeline bounded). */
  remove(docName: string, ids: number[]): Promise<void>;
  /** Deletes the timelines of every document whose name starts with `prefix`. */
  deletePrefix(prefix: string): Promise<void>;
  /** Stored state bytes of every document starting with `prefix` (benchmarks, metrics). */
  bytes(prefix: string): Promise<number>;
  close(): Promise<void>;
}
