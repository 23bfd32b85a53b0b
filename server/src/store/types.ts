/**
 * Persistence seam (style principle 5): SQLite (embedded default), PostgreSQL (scale-out) and
 * an in-memory store implement this and pass the same contract suite (store/contract.ts).
 *
 * A document is a compacted snapshot plus an append-only log of updates with a per-document,
 * strictly increasing sequence number. The sequence number is what makes cross-instance
 * delivery gap-free: a subscriber that sees seq N+2 after N catches up with readSince(N).
 */
export interface StoredUpdate {
  seq: number;
  update: Uint8Array;
}

export interface StoredDoc {
  /** Merged state of every update with seq ≤ snapshotSeq, or null if never compacted. */
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  /** Updates after the snapshot, in seq order. */
  updates: StoredUpdate[];
}

export interface LogStats {
  count: number;
  bytes: number;
  lastSeq: number;
}

export interface DocStore {
  /** Everything needed to rebuild the document. An unknown document is empty, not an error. */
  load(docName: string): Promise<StoredDoc>;
  /**
   * Durably appends one update and returns its seq. Resolves only once the update would
   * survive a process crash (SQLite WAL commit / PostgreSQL commit). Rejects on a full disk
   * or a lost database: the caller must then not broadcast the update.
   */
  append(docName: string, update: Uint8Array): Promise<number>;
  /** What a replica that has seen everything up to `afterSeq` is missing. */
  readSince(docName: string, afterSeq: number): Promise<StoredDoc>;
  /**
   * Replaces the snapshot and every log entry with seq ≤ upToSeq by `snapshot` (which must
   * contain all of them). Returns false if another compactor holds the document (PostgreSQL
   * advisory lock); safe to call concurrently.
   */
  compact(docName: string, snapshot: Uint8Array, upToSeq: number): Promise<boolean>;
  stats(docName: string): Promise<LogStats>;
  /** Names of stored documents starting with `prefix` (e.g. "<workshopId>/"). */
  list(prefix: string): Promise<string[]>;
  /** Deletes every document whose name starts with `prefix`. */
  deletePrefix(prefix: string): Promise<void>;
  /** False while the backing service is unreachable (drives /readyz). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
