import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeDocStoreContract } from './contract';
import { SqliteDocStore } from './sqlite';

// SQLite is a single-process backend: one store (one connection, one seq cache, one group
// commit queue) per process, as app.ts uses it. Every makeStore call of a test returns it;
// after the suite closes it, the next test opens the same file again.
const dataDir = mkdtempSync(path.join(tmpdir(), 'isms-sqlite-contract-'));
let current: SqliteDocStore | null = null;
describeDocStoreContract('sqlite', async () => {
  if (!current || current.isClosed) current = new SqliteDocStore(dataDir, 'NORMAL');
  return current;
});
