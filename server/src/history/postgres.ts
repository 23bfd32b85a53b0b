import type pg from 'pg';
import type { HistoryVersionInfo } from '@isms/shared';
import { openPostgres, type PostgresOptions } from '../store/postgresPool';
import { toVersionInfo } from './sqlite';
import type { HistoryStore, NewVersion, StoredVersion } from './types';

/** Board timelines in PostgreSQL (table board_history, migration 2), shared by all instances. */
const META = 'id, at, reason, editors, octet_length(body) AS bytes';

export class PostgresHistoryStore implements HistoryStore {
  private closed = false;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(options: PostgresOptions): Promise<PostgresHistoryStore> {
    return new PostgresHistoryStore(await openPostgres({ ...options, maxConnections: 2 }));
  }

  async add(docName: string, version: NewVersion): Promise<number> {
    const result = await this.pool.query<{ id: string }>(
      `INSERT INTO board_history (doc, at, reason, editors, body)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        docName,
        version.at,
        version.reason,
        JSON.stringify(version.editors),
        Buffer.from(version.state),
      ],
    );
    return Number(result.rows[0]!.id);
  }

  async list(docName: string): Promise<HistoryVersionInfo[]> {
    const result = await this.pool.query(
      `SELECT ${META} FROM board_history WHERE doc = $1 ORDER BY at, id`,
      [docName],
    );
    return result.rows.map(toVersionInfo);
  }

  async get(docName: string, id: number): Promise<StoredVersion | null> {
    const result = await this.pool.query(
      `SELECT ${META}, body FROM board_history WHERE doc = $1 AND id = $2`,
      [docName, id],
    );
    const row = result.rows[0];
    return row ? { info: toVersionInfo(row), state: new Uint8Array(row.body as Buffer) } : null;
  }

  async remove(docName: string, ids: number[]): Promise<void> {
    await this.pool.query('DELETE FROM board_history WHERE doc = $1 AND id = ANY($2::bigint[])', [
      docName,
      ids,
    ]);
  }

  async deletePrefix(prefix: string): Promise<void> {
    await this.pool.query('DELETE FROM board_history WHERE starts_with(doc, $1)', [prefix]);
  }

  async bytes(prefix: string): Promise<number> {
    const result = await this.pool.query<{ bytes: string }>(
      `SELECT COALESCE(sum(octet_length(body)), 0) AS bytes
         FROM board_history WHERE starts_with(doc, $1)`,
      [prefix],
    );
    return Number(result.rows[0]!.bytes);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
