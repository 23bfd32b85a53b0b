import type Database from 'better-sqlite3';
import { HISTORY_REASONS, type HistoryReason, type HistoryVersionInfo } from '@isms/shared';
import type { SqliteSynchronous } from '../config';
import { openSqlite } from '../sqlite/open';
import type { HistoryStore, NewVersion, StoredVersion } from './types';

/**
 * Board timelines in DATA_DIR/board.sqlite, beside the documents (same file: one backup, one
 * place to delete). Versions are written seldom (minutes apart), each in its own transaction.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS board_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc TEXT NOT NULL,
    at INTEGER NOT NULL,
    reason TEXT NOT NULL,
    editors TEXT NOT NULL,
    body BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS board_history_doc ON board_history (doc, at);
`;

interface Row {
  id: number;
  at: number;
  reason: string;
  editors: string;
  bytes: number;
}

export function toVersionInfo(row: Row): HistoryVersionInfo {
  const reason = HISTORY_REASONS.includes(row.reason as HistoryReason)
    ? (row.reason as HistoryReason)
    : 'periodic';
  const editors: unknown = JSON.parse(row.editors);
  return {
    id: Number(row.id),
    at: Number(row.at),
    reason,
    editors: Array.isArray(editors) ? editors.filter((name) => typeof name === 'string') : [],
    bytes: Number(row.bytes),
  };
}

const META = 'id, at, reason, editors, LENGTH(body) AS bytes';

export class SqliteHistoryStore implements HistoryStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(dataDir: string, synchronous: SqliteSynchronous = 'NORMAL') {
    this.db = openSqlite(dataDir, synchronous);
    this.db.exec(SCHEMA);
    this.statements = {
      insert: this.db.prepare(
        'INSERT INTO board_history (doc, at, reason, editors, body) VALUES (?, ?, ?, ?, ?)',
      ),
      list: this.db.prepare(`SELECT ${META} FROM board_history WHERE doc = ? ORDER BY at, id`),
      get: this.db.prepare(`SELECT ${META}, body FROM board_history WHERE doc = ? AND id = ?`),
      remove: this.db.prepare('DELETE FROM board_history WHERE doc = ? AND id = ?'),
      deletePrefix: this.db.prepare('DELETE FROM board_history WHERE substr(doc, 1, ?) = ?'),
      bytes: this.db.prepare(
        'SELECT COALESCE(SUM(LENGTH(body)), 0) AS bytes FROM board_history WHERE substr(doc, 1, ?) = ?',
      ),
    };
  }

  async add(docName: string, version: NewVersion): Promise<number> {
    const result = this.statements.insert.run(
      docName,
      version.at,
      version.reason,
      JSON.stringify(version.editors),
      version.state,
    );
    return Number(result.lastInsertRowid);
  }

  async list(docName: string): Promise<HistoryVersionInfo[]> {
    return (this.statements.list.all(docName) as Row[]).map(toVersionInfo);
  }

  async get(docName: string, id: number): Promise<StoredVersion | null> {
    const row = this.statements.get.get(docName, id) as (Row & { body: Buffer }) | undefined;
    return row ? { info: toVersionInfo(row), state: new Uint8Array(row.body) } : null;
  }

  async remove(docName: string, ids: number[]): Promise<void> {
    this.db.transaction(() => {
      for (const id of ids) this.statements.remove.run(docName, id);
    })();
  }

  async deletePrefix(prefix: string): Promise<void> {
    this.statements.deletePrefix.run(prefix.length, prefix);
  }

  async bytes(prefix: string): Promise<number> {
    const row = this.statements.bytes.get(prefix.length, prefix) as { bytes: number };
    return Number(row.bytes);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
