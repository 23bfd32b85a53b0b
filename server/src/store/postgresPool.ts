import pg from 'pg';
import { quoteIdentifier, runMigrations } from './postgresMigrations';

export interface PostgresOptions {
  /** e.g. postgres://user@host:5432/db (DATABASE_URL). */
  url: string;
  /** Schema holding our tables (PG_SCHEMA, default "public"); tests use one per run. */
  schema?: string;
  /**
   * Connections per instance. 10 (pg's default): appends are single short statements, so a
   * handful of connections carries thousands of updates per second.
   */
  maxConnections?: number;
}

/**
 * How long to wait for a connection, ms. 3 s: a query waiting longer fails and frees its caller.
 * Outages are noticed by the health probe (below) in about a second, not by this.
 */
const CONNECT_TIMEOUT_MS = 3_000;
/**
 * Longest a single query may run, ms. 10 s is ~1000× a normal append; beyond it the query is
 * failed and its connection dropped. An append cut off by a hung network therefore settles
 * within 10 s at worst (its room holds its writes meanwhile: sync/roomWriter.ts).
 */
const QUERY_TIMEOUT_MS = 10_000;
/**
 * Connect and query timeout of the health probe's own connection, ms. 750 ms, the default
 * `storeProbeTimeoutMs` (server/src/config.ts): a `SELECT 1` normally takes ~1 ms, so a probe
 * this late means the database or the network to it has stalled. A probe that times out drops
 * its connection; the next one connects afresh and so also notices a dead or hung connect.
 */
export const PROBE_TIMEOUT_MS = 750;

/**
 * Opens the pool shared by the PostgreSQL DocStore and WorkshopRegistry of one instance and
 * applies pending migrations. The pool is owned by the caller, who ends it on shutdown.
 */
export async function openPostgres(options: PostgresOptions): Promise<pg.Pool> {
  const schema = options.schema ?? 'public';
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    // Every connection resolves unqualified table names in our schema first.
    options: `-c search_path=${quoteIdentifier(schema)}`,
  });
  // An idle client whose server connection died (restart, pg_terminate_backend) emits here;
  // without a listener Node would crash the instance. The pool drops the client and the next
  // query opens a fresh connection.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await runMigrations(client, schema);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return pool;
}

/**
 * The health probe's pool: one connection of its own, so the probe neither waits behind busy
 * or hung appends in the main pool (a false alarm under load) nor takes a connection from them.
 */
export function openProbePool(options: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: 1,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  pool.on('error', () => undefined);
  return pool;
}

/** True when a trivial query round-trips (the health probe: store/health.ts). */
export async function postgresReachable(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
