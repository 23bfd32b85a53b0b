import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresDocStore } from './postgres';
import { postgresTestTarget } from './postgresTestTarget';

const target = await postgresTestTarget('outage');

/**
 * PostgreSQL going away and coming back, on a database of its own: its connections are
 * terminated and new ones refused (ALLOW_CONNECTIONS false), then allowed again.
 */
describe.skipIf(!target.available)('PostgresDocStore when PostgreSQL is unavailable', () => {
  const database = `isms_store_outage_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client;
  afterAll(async () => {
    if (!admin) return;
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('rejects appends and reports unhealthy while down, and resumes without loss', async () => {
    if (!target.available) return;
    admin = new pg.Client({ connectionString: target.options.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(target.options.url);
    url.pathname = `/${database}`;
    const store = await PostgresDocStore.open({ url: url.toString(), maxConnections: 2 });
    try {
      expect(await store.append('w1/g1', new Uint8Array([1]))).toBe(1);
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
        [database],
      );
      await expect(store.append('w1/g1', new Uint8Array([2]))).rejects.toThrow();
      expect(await store.healthy()).toBe(false);

      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      expect(await store.healthy()).toBe(true);
      expect(await store.append('w1/g1', new Uint8Array([3]))).toBe(2);
      const stored = await store.load('w1/g1');
      expect(stored.updates.map((entry) => [...entry.update])).toEqual([[1], [3]]);
    } finally {
      await store.close();
    }
  });
});
