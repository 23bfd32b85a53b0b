import path from 'node:path';
import type Database from 'better-sqlite3';
import type { SqliteSynchronous } from '../config';
import { WalCheckpointer } from '../sqlite/checkpointer';
import { SQLITE_FILE_NAME, openSqlite } from '../sqlite/open';
import type { DocStore, LogStats, StoredDoc, StoredUpdate } from './types';

/**
 * The embedded DocStore: a snapshot row and an append-only log per document in
 * DATA_DIR/board.sqlite.
 *
 * Group commit: appends arriving in the same event-loop turn are written in ONE transaction at
 * the next `setImmediate`, so 40 clients typing cost one WAL commit (one fsync) per turn instead
 * of one each. Commits are also at least MIN_COMMIT_INTERVAL_MS apart (leading edge: a commit
 * after a quiet spell goes at once), so under load each one carries several updates — a commit
 * costs about as much as the inserts of ten small updates. `append` resolves only after that commit returned, i.e. once the update is in
 * the WAL file: it survives a process crash (and, with synchronous=FULL, a power loss).
 */
interface PendingAppend {
  docName: string;
  update: Uint8Array;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS doc_log (
    doc TEXT NOT NULL,
    seq INTEGER NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (doc, seq)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS doc_snapshot (
    doc TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    body BLOB NOT NULL
  ) WITHOUT ROWID;
`;

/** Least time between two group commits, ms: adds at most this to an append under load. */
const MIN_COMMIT_INTERVAL_MS = 2;

/** SQLite's default automatic checkpoint size, pages; used again if the worker fails. */
const INLINE_CHECKPOINT_PAGES = 1000;

export class SqliteDocStore implements DocStore {
  private readonly db: Database.Database;
  private readonly lastSeqCache = new Map<string, number>();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  private readonly statements;
  /** One transaction function for every group commit (better-sqlite3 builds it per call to
   *  `db.transaction`, which showed up in profiles at ~2 µs per flush). */
  private readonly insertBatch: (batch: PendingAppend[]) => number[];
  private readonly checkpointer: WalCheckpointer | null;

  constructor(dataDir: string, synchronous: SqliteSynchronous = 'NORMAL') {
    this.db = openSqlite(dataDir, synchronous);
    this.db.exec(SCHEMA);
    this.checkpointer = this.startCheckpointer(path.join(dataDir, SQLITE_FILE_NAME));
    this.statements = {
      insert: this.db.prepare('INSERT INTO doc_log (doc, seq, body) VALUES (?, ?, ?)'),
      maxLogSeq: this.db.prepare('SELECT MAX(seq) AS seq FROM doc_log WHERE doc = ?'),
      snapshot: this.db.prepare('SELECT seq, body FROM doc_snapshot WHERE doc = ?'),
      logSince: this.db.prepare(
        'SELECT seq, body FROM doc_log WHERE doc = ? AND seq > ? ORDER BY seq',
      ),
      stats: this.db.prepare(
        'SELECT COUNT(*) AS count, COALESCE(SUM(LENGTH(body)), 0) AS bytes FROM doc_log WHERE doc = ?',
      ),
      upsertSnapshot: this.db.prepare(
        `INSERT INTO doc_snapshot (doc, seq, body) VALUES (?, ?, ?)
         ON CONFLICT (doc) DO UPDATE SET seq = excluded.seq, body = excluded.body`,
      ),
      trimLog: this.db.prepare('DELETE FROM doc_log WHERE doc = ? AND seq <= ?'),
    };
    this.insertBatch = this.db.transaction((batch: PendingAppend[]) =>
      batch.map((entry) => {
        const seq = this.lastSeq(entry.docName) + 1;
        this.statements.insert.run(entry.docName, seq, entry.update);
        this.lastSeqCache.set(entry.docName, seq);
        return seq;
      }),
    );
  }

  private lastSeq(docName: string): number {
    const cached = this.lastSeqCache.get(docName);
    if (cached !== undefined) return cached;
    const log = this.statements.maxLogSeq.get(docName) as { seq: number | null };
    const snapshot = this.statements.snapshot.get(docName) as { seq: number } | undefined;
    const seq = Math.max(log.seq ?? 0, snapshot?.seq ?? 0);
    this.lastSeqCache.set(docName, seq);
    return seq;
  }

  async load(docName: string): Promise<StoredDoc> {
    return this.readSince(docName, 0);
  }

  append(docName: string, update: Uint8Array): Promise<number> {
    if (this.closed) return Promise.reject(new Error('store closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ docName, update, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        const wait = this.lastFlushAt + MIN_COMMIT_INTERVAL_MS - performance.now();
        if (wait <= 0) setImmediate(() => this.flush());
        else setTimeout(() => this.flush(), wait);
      }
    });
  }

  /** Writes every queued append in one transaction; all succeed or all fail. */
  private flush(): void {
    this.flushScheduled = false;
    this.lastFlushAt = performance.now();
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let seqs: number[];
    try {
      seqs = this.insertBatch(batch);
    } catch (error) {
      // The cache may hold seqs of the rolled-back rows: forget it, re-read on next use.
      this.lastSeqCache.clear();
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, index) => entry.resolve(seqs[index]!));
  }

  async readSince(docName: string, afterSeq: number): Promise<StoredDoc> {
    const snapshotRow = this.statements.snapshot.get(docName) as
      { seq: number; body: Buffer } | undefined;
    const useSnapshot = snapshotRow !== undefined && afterSeq < snapshotRow.seq;
    const from = useSnapshot ? snapshotRow.seq : afterSeq;
    const rows = this.statements.logSince.all(docName, from) as { seq: number; body: Buffer }[];
    const updates: StoredUpdate[] = rows.map((row) => ({
      seq: row.seq,
      update: new Uint8Array(row.body),
    }));
    return {
      snapshot: useSnapshot ? new Uint8Array(snapshotRow.body) : null,
      snapshotSeq: from,
      updates,
    };
  }

  async compact(docName: string, snapshot: Uint8Array, upToSeq: number): Promise<boolean> {
    this.db.transaction(() => {
      const current = this.statements.snapshot.get(docName) as { seq: number } | undefined;
      if (current && current.seq >= upToSeq) return;
      this.statements.upsertSnapshot.run(docName, upToSeq, snapshot);
      this.statements.trimLog.run(docName, upToSeq);
    })();
    return true;
  }

  async stats(docName: string): Promise<LogStats> {
    const row = this.statements.stats.get(docName) as { count: number; bytes: number };
    return { count: row.count, bytes: row.bytes, lastSeq: this.lastSeq(docName) };
  }

  async list(prefix: string): Promise<string[]> {
    const rows = this.db
      .prepare(
        `SELECT doc FROM doc_log WHERE substr(doc, 1, ?) = ?
         UNION SELECT doc FROM doc_snapshot WHERE substr(doc, 1, ?) = ? ORDER BY doc`,
      )
      .all(prefix.length, prefix, prefix.length, prefix) as { doc: string }[];
    return rows.map((row) => row.doc);
  }

  async deletePrefix(prefix: string): Promise<void> {
    this.db.transaction(() => {
      for (const table of ['doc_log', 'doc_snapshot']) {
        this.db
          .prepare(`DELETE FROM ${table} WHERE substr(doc, 1, ?) = ?`)
          .run(prefix.length, prefix);
      }
    })();
    for (const name of [...this.lastSeqCache.keys()]) {
      if (name.startsWith(prefix)) this.lastSeqCache.delete(name);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async healthy(): Promise<boolean> {
    try {
      this.db.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  /** Background checkpoints; if the worker cannot run, SQLite checkpoints inline as before. */
  private startCheckpointer(file: string): WalCheckpointer | null {
    const inline = () => {
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
    };
    try {
      this.db.pragma('wal_autocheckpoint = 0');
      return new WalCheckpointer(file, inline);
    } catch {
      inline();
      return null;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await this.checkpointer?.stop();
    this.db.close();
  }
}
