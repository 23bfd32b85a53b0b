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
 * How long to wait for a connection, ms. 3 s: while PostgreSQL is down an append must fail
 * fast enough that the client is told to retry (4005) instead of hanging on a dead socket.
 */
const CONNECT_TIMEOUT_MS = 3_000;
/**
 * Longest a single query may run, ms. 10 s is ~1000× a normal append; beyond it the database is
 * effectively unavailable and the append is reported as failed (nothing is broadcast).
 */
const QUERY_TIMEOUT_MS = 10_000;

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

/** True when a trivial query round-trips (drives /readyz). */
export async function postgresReachable(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
