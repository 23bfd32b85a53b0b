import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PostgresOptions } from './postgresPool';

/** Where tests find PostgreSQL when DATABASE_URL is not set: the local service (trust auth). */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export type PostgresTestTarget =
  | { available: true; options: PostgresOptions; dropSchema: () => Promise<void> }
  | { available: false; reason: string };

/**
 * A fresh schema per test run, so runs (and CI jobs on one database) never collide. When
 * PostgreSQL is genuinely absent the caller skips with `reason`; under CI=true absence is an
 * error, because a skipped scale-out suite in CI would hide a broken backend.
 */
export async function postgresTestTarget(label: string): Promise<PostgresTestTarget> {
  const url = process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const schema = `t_${label}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = `PostgreSQL not reachable at ${url} (${String(error)}); set DATABASE_URL`;
    if (process.env.CI === 'true') throw new Error(`CI=true requires PostgreSQL: ${reason}`);
    console.warn(`SKIPPED: ${reason}`);
    return { available: false, reason };
  } finally {
    await client.end().catch(() => undefined);
  }
  return {
    available: true,
    options: { url, schema, maxConnections: 4 },
    dropSchema: async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
