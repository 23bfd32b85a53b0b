import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDocStore } from '../store/sqlite';
import { SQLITE_FILE_NAME } from './open';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function until(condition: () => boolean, what: string, timeoutMs = 4_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('WAL checkpoints in a worker thread', () => {
  it('moves committed pages from the WAL into the database file without the writer checkpointing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'isms-checkpoint-'));
    dirs.push(dir);
    const store = new SqliteDocStore(dir);
    const file = path.join(dir, SQLITE_FILE_NAME);
    const before = statSync(file).size;
    // 2 MB of updates: with automatic checkpoints off on the writer, only the worker can
    // copy them into the main file.
    const update = new Uint8Array(8 * 1024).fill(7);
    for (let i = 0; i < 256; i++) await store.append(`w/g${i % 4}`, update);
    await until(
      () => statSync(file).size > before + 1024 * 1024,
      'the database file to receive the pages',
    );
    const loaded = await store.load('w/g0');
    expect(loaded.updates).toHaveLength(64);
    await store.close();
  });

  it('closes cleanly with its worker', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'isms-checkpoint-'));
    dirs.push(dir);
    const store = new SqliteDocStore(dir);
    await store.append('w/g1', new Uint8Array([1, 2, 3]));
    await store.close();
    const reopened = new SqliteDocStore(dir);
    expect((await reopened.load('w/g1')).updates).toHaveLength(1);
    await reopened.close();
  });
});
