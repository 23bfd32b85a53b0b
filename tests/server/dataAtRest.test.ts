import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, tempDataDir, type TestServer } from './harness';

/** Issue 11: the data directory is 0700, the database and its WAL/SHM 0600, also when loosened. */
let harness: TestServer | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const mode = (file: string) => statSync(file).mode & 0o777;

describe('data at rest', () => {
  it('keeps the data directory and database files owner-only', async () => {
    const dataDir = path.join(tempDataDir(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    harness = await startTestServer({}, {}, dataDir);
    const created = await harness.createWorkshop(1);
    await harness.join(created.workshop.groups[0]!.code);
    expect(mode(dataDir)).toBe(0o700);
    const db = path.join(dataDir, 'board.sqlite');
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      expect(existsSync(file), file).toBe(true);
      expect(mode(file), file).toBe(0o600);
    }
  });
});
