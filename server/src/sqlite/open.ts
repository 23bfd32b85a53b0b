import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
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

/** Owner-only modes for the data directory and the database files. */
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/** How long a connection waits for another's write lock, ms; commits take < 10 ms. */
const BUSY_TIMEOUT_MS = 5_000;

export function openSqlite(
  dataDir: string,
  synchronous: SqliteSynchronous,
  fileName = SQLITE_FILE_NAME,
): Database.Database {
  // The data holds join codes and every note: owner only (0700 dir, 0600 files), also when the
  // directory or file already existed with looser modes. SQLite creates -wal and -shm with the
  // database file's mode; existing ones are tightened below.
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dataDir, PRIVATE_DIR_MODE);
  const file = path.join(dataDir, fileName);
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) chmodSync(file + suffix, PRIVATE_FILE_MODE);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}
