import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteSynchronous } from '../config';

/**
 * Opens the data file with the settings docs/server.md documents: WAL journal (readers never
 * block the writer), `synchronous` NORMAL by default (a commit is in the WAL before it returns:
 * it survives a process crash; FULL adds an fsync per commit for power loss) and a busy
 * timeout for the second connection of the process.
 */
export const SQLITE_FILE_NAME = 'board.sqlite';

/** How long a connection waits for another's write lock, ms; commits take < 10 ms. */
const BUSY_TIMEOUT_MS = 5_000;

export function openSqlite(
  dataDir: string,
  synchronous: SqliteSynchronous,
  fileName = SQLITE_FILE_NAME,
): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}
