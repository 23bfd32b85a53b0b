import type pg from 'pg';
import {
  openPostgres,
  openProbePool,
  postgresReachable,
  type PostgresOptions,
} from './postgresPool';
import type { DocStore, LogStats, StoredDoc } from './types';

/**
 * First key of the two-key advisory locks compaction takes ("cmpc" in ASCII); the second key
 * is hashtext(docName). Two documents whose names hash alike merely share a lock: one of them
 * skips a compaction round, which is harmless.
 */
const COMPACTION_LOCK_SPACE = 0x636d7063;

/**
 * The scale-out DocStore: every instance appends to the same PostgreSQL tables.
 *
 * - seq allocation: an append is ONE statement that bumps docs.last_seq and inserts the log
 *   row(s) (appends of one document queued meanwhile go in the same statement: group commit).
 *   The row lock on docs(name) is held until commit, so per document the seq order is the
 *   commit order across all instances: once seq N is visible, every seq < N is too, which is
 *   what lets a relay receiver treat a jump in seq as a gap and close it with readSince.
 * - durability: the statement commits (synchronous_commit, WAL flush) before append resolves.
 * - compaction: one compactor per document at a time (pg_try_advisory_xact_lock); a compaction
 *   that covers no more than the stored snapshot is refused, so a slow instance can never
 *   replace a newer snapshot by an older one.
 */
interface QueuedAppend {
  update: Uint8Array;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Most updates one statement inserts. 256 keystroke-sized updates are a few KiB; the cap only
 * bounds a pathological burst (e.g. a reconnecting client flushing a long offline session).
 */
const MAX_BATCH = 256;

export class PostgresDocStore implements DocStore {
  private closed = false;
  private readonly queued = new Map<string, QueuedAppend[]>();
  private readonly flushing = new Set<string>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly probePool: pg.Pool,
  ) {}

  static async open(options: PostgresOptions): Promise<PostgresDocStore> {
    return new PostgresDocStore(await openPostgres(options), openProbePool(options));
  }

  async load(docName: string): Promise<StoredDoc> {
    return this.readSince(docName, 0);
  }

  append(docName: string, update: Uint8Array): Promise<number> {
    if (this.closed) return Promise.reject(new Error('store closed'));
    return new Promise((resolve, reject) => {
      const queue = this.queued.get(docName) ?? [];
      queue.push({ update, resolve, reject });
      this.queued.set(docName, queue);
      if (!this.flushing.has(docName)) void this.flush(docName);
    });
  }

  /**
   * Group commit per document: while one insert is in flight, later appends to the same
   * document queue up and go in the next statement together. Appends of one document thus
   * commit (and resolve) in the order they were made, and a typing burst costs one round trip
   * per batch instead of one per keystroke.
   */
  private async flush(docName: string): Promise<void> {
    this.flushing.add(docName);
    try {
      for (;;) {
        const queue = this.queued.get(docName);
        if (!queue || queue.length === 0) break;
        const batch = queue.splice(0, MAX_BATCH);
        if (queue.length === 0) this.queued.delete(docName);
        try {
          const firstSeq = await this.insertBatch(
            docName,
            batch.map((entry) => entry.update),
          );
          batch.forEach((entry, index) => entry.resolve(firstSeq + index));
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.flushing.delete(docName);
    }
  }

  /** One statement: reserve `updates.length` seqs on docs(name) and insert the log rows. */
  private async insertBatch(docName: string, updates: Uint8Array[]): Promise<number> {
    const result = await this.pool.query<{ first: string }>(
      `WITH allocated AS (
         INSERT INTO docs (name, last_seq) VALUES ($1, $3)
         ON CONFLICT (name) DO UPDATE SET last_seq = docs.last_seq + $3
         RETURNING last_seq
       ), inserted AS (
         INSERT INTO doc_updates (name, seq, data)
         SELECT $1, allocated.last_seq - $3 + entry.ord, entry.data
           FROM allocated, unnest($2::bytea[]) WITH ORDINALITY AS entry (data, ord)
         RETURNING seq
       )
       SELECT min(seq) AS first FROM inserted`,
      [
        docName,
        updates.map((update) => Buffer.from(update.buffer, update.byteOffset, update.byteLength)),
        updates.length,
      ],
    );
    return Number(result.rows[0]!.first);
  }

  async readSince(docName: string, afterSeq: number): Promise<StoredDoc> {
    // One statement, one snapshot of the database: the snapshot and the log rows agree even
    // while another instance compacts.
    const result = await this.pool.query<{ kind: string; seq: string; data: Buffer | null }>(
      `SELECT 'snapshot' AS kind, snapshot_seq AS seq, snapshot AS data
         FROM docs WHERE name = $1 AND snapshot_seq > $2
       UNION ALL
       SELECT 'update', u.seq, u.data FROM doc_updates u
         WHERE u.name = $1
           AND u.seq > GREATEST($2, (SELECT snapshot_seq FROM docs WHERE name = $1))
       ORDER BY kind, seq`,
      [docName, afterSeq],
    );
    const snapshotRow = result.rows.find((row) => row.kind === 'snapshot');
    return {
      snapshot: snapshotRow?.data ? new Uint8Array(snapshotRow.data) : null,
      snapshotSeq: snapshotRow ? Number(snapshotRow.seq) : afterSeq,
      updates: result.rows
        .filter((row) => row.kind === 'update')
        .map((row) => ({ seq: Number(row.seq), update: new Uint8Array(row.data!) })),
    };
  }

  async compact(docName: string, snapshot: Uint8Array, upToSeq: number): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const lock = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked',
        [COMPACTION_LOCK_SPACE, docName],
      );
      if (!lock.rows[0]!.locked) {
        await client.query('ROLLBACK');
        return false;
      }
      // The WHERE is re-checked after any row lock wait, so even without the advisory lock a
      // stale snapshot could not overwrite a newer one.
      const updated = await client.query(
        `UPDATE docs SET snapshot = $2, snapshot_seq = $3
          WHERE name = $1 AND snapshot_seq < $3 AND last_seq >= $3`,
        [docName, Buffer.from(snapshot), upToSeq],
      );
      if (updated.rowCount === 1) {
        await client.query('DELETE FROM doc_updates WHERE name = $1 AND seq <= $2', [
          docName,
          upToSeq,
        ]);
      }
      await client.query('COMMIT');
      return updated.rowCount === 1;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async stats(docName: string): Promise<LogStats> {
    const result = await this.pool.query<{ count: string; bytes: string; last_seq: string }>(
      `SELECT (SELECT count(*) FROM doc_updates WHERE name = $1) AS count,
              (SELECT COALESCE(sum(octet_length(data)), 0) FROM doc_updates WHERE name = $1)
                + COALESCE((SELECT octet_length(snapshot) FROM docs WHERE name = $1), 0) AS bytes,
              COALESCE((SELECT last_seq FROM docs WHERE name = $1), 0) AS last_seq`,
      [docName],
    );
    const row = result.rows[0]!;
    return { count: Number(row.count), bytes: Number(row.bytes), lastSeq: Number(row.last_seq) };
  }

  async list(prefix: string): Promise<string[]> {
    const result = await this.pool.query<{ name: string }>(
      'SELECT name FROM docs WHERE starts_with(name, $1) ORDER BY name',
      [prefix],
    );
    return result.rows.map((row) => row.name);
  }

  async deletePrefix(prefix: string): Promise<void> {
    // doc_updates rows go with their docs row (ON DELETE CASCADE), in the same statement.
    await this.pool.query('DELETE FROM docs WHERE starts_with(name, $1)', [prefix]);
  }

  async healthy(): Promise<boolean> {
    return !this.closed && (await postgresReachable(this.probePool));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Queued appends still run: their callers were promised durability or an error.
    while (this.flushing.size > 0) await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([this.pool.end(), this.probePool.end()]);
  }
}
