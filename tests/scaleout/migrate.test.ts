import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SEMINAR4_SCENARIO } from '@isms/shared';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresWorkshopRegistry } from '../../server/src/registry/postgres';
import { SqliteWorkshopRegistry } from '../../server/src/registry/sqlite';
import { PostgresDocStore } from '../../server/src/store/postgres';
import { SqliteDocStore } from '../../server/src/store/sqlite';
import { postgres } from './services';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const command = path.join(root, 'server/src/migrate-sqlite-to-postgres.ts');

/** Fills a SQLite data directory the way a finished single-instance workshop leaves it. */
async function seedSqlite(dataDir: string): Promise<Y.Doc> {
  const registry = new SqliteWorkshopRegistry(dataDir);
  const store = new SqliteDocStore(dataDir);
  await registry.create({
    id: 'wmigrate',
    title: '移行テスト',
    date: '2026-11-26',
    scenario: SEMINAR4_SCENARIO,
    scenarioVersion: 1,
    phaseIndex: 0,
    takeHome: false,
    status: 'active',
    createdAt: 1_764_000_000_000,
    groups: [
      { id: 'g1', name: 'グループ1', code: 'MGRT2345', generation: 2, locked: true, done: false },
    ],
  });
  const studio = { ...SEMINAR4_SCENARIO, id: 'migrated-studio' };
  await registry.scenarios.save(studio, null);
  await registry.scenarios.save({ ...studio, title_ja: '第2版' }, 1);
  await registry.revokeToken('revoked-jti', Math.floor(Date.now() / 1000) + 3600);
  const board = new Y.Doc();
  const updates: Uint8Array[] = [];
  board.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < 30; i++) board.getText('note').insert(0, `対策${i} `);
  for (const update of updates.slice(0, 20)) await store.append('wmigrate/g1', update);
  await store.compact('wmigrate/g1', Y.encodeStateAsUpdate(board), 20);
  for (const update of updates.slice(20)) await store.append('wmigrate/g1', update);
  await store.append('wmigrate/_workshop', Y.encodeStateAsUpdate(new Y.Doc()));
  await Promise.all([store.close(), registry.close()]);
  return board;
}

describe.skipIf(!postgres.available)('migrate SQLite → PostgreSQL', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    if (postgres.available) await postgres.dropSchema();
  });

  it('copies registry, revocations and every document, and can be re-run', async () => {
    if (!postgres.available) return;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'isms-migrate-'));
    dirs.push(dataDir);
    const board = await seedSqlite(dataDir);
    const env = {
      ...process.env,
      DATABASE_URL: postgres.options.url,
      PG_SCHEMA: postgres.options.schema,
    };
    const first = await run('npx', ['tsx', command, dataDir], { cwd: root, env });
    expect(first.stdout).toContain('Migrated 1 workshops, 2 documents and 1 revoked tokens');

    const store = await PostgresDocStore.open(postgres.options);
    const registry = await PostgresWorkshopRegistry.open(postgres.options);
    try {
      const workshop = await registry.get('wmigrate');
      expect(workshop?.groups[0]).toEqual({
        id: 'g1',
        name: 'グループ1',
        code: 'MGRT2345',
        generation: 2,
        locked: true,
        done: false,
      });
      const scenario = await registry.scenarios.get('migrated-studio');
      expect(scenario).toMatchObject({ version: 2, scenario: { title_ja: '第2版' } });
      expect((await registry.scenarios.getVersion('migrated-studio', 1))?.scenario.title_ja).toBe(
        SEMINAR4_SCENARIO.title_ja,
      );
      expect(await registry.isRevoked('revoked-jti')).toBe(true);
      expect((await store.list('wmigrate/')).sort()).toEqual(['wmigrate/_workshop', 'wmigrate/g1']);
      const copied = new Y.Doc();
      const stored = await store.load('wmigrate/g1');
      if (stored.snapshot) Y.applyUpdate(copied, stored.snapshot);
      for (const { update } of stored.updates) Y.applyUpdate(copied, update);
      expect(copied.getText('note').toString()).toBe(board.getText('note').toString());
    } finally {
      await Promise.all([store.close(), registry.close()]);
    }

    const second = await run('npx', ['tsx', command, dataDir], { cwd: root, env });
    expect(second.stdout).toContain('Migrated 0 workshops, 0 documents');
    expect(second.stdout).toContain('skipped: wmigrate');
  });

  it('fails with a clear message when the data directory holds no database', async () => {
    if (!postgres.available) return;
    const empty = await mkdtemp(path.join(tmpdir(), 'isms-migrate-empty-'));
    dirs.push(empty);
    const env = { ...process.env, DATABASE_URL: postgres.options.url };
    await expect(run('npx', ['tsx', command, empty], { cwd: root, env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no board.sqlite'),
    });
  });
});
