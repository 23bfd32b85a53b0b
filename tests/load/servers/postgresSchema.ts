import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Every scale-out run gets a PostgreSQL schema and a Redis prefix of its own (PG_SCHEMA and
 * REDIS_PREFIX, read by the server), so runs never see each other's rooms, and the schema is
 * dropped when the run's target closes.
 */
export function isolatedNamespace(): { PG_SCHEMA: string; REDIS_PREFIX: string } {
  const run = randomBytes(4).toString('hex');
  return { PG_SCHEMA: `bench_${run}`, REDIS_PREFIX: `bench-${run}:` };
}

export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '')}" CASCADE`);
  } finally {
    await client.end();
  }
}
