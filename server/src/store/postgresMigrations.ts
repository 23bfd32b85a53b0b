import type pg from 'pg';

/**
 * Versioned schema migrations for the PostgreSQL backend (DocStore and WorkshopRegistry share
 * one database). A migration is never edited once released: add a new version instead.
 * `schema_migrations` records what ran; the runner is idempotent and safe when several
 * instances start at once (they serialise on an advisory lock, see runMigrations).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'doc store and workshop registry',
    sql: `
      CREATE TABLE docs (
        name text PRIMARY KEY,
        -- Highest seq ever allocated; never decreases, so compaction never reuses a seq.
        last_seq bigint NOT NULL DEFAULT 0,
        snapshot bytea,
        snapshot_seq bigint NOT NULL DEFAULT 0
      );
      CREATE TABLE doc_updates (
        name text NOT NULL REFERENCES docs (name) ON DELETE CASCADE,
        seq bigint NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (name, seq)
      );
      CREATE TABLE workshops (
        id text PRIMARY KEY,
        title text NOT NULL,
        date text NOT NULL,
        scenario jsonb NOT NULL,
        status text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE TABLE workshop_groups (
        workshop_id text NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
        id text NOT NULL,
        position integer NOT NULL,
        name text NOT NULL,
        code text NOT NULL UNIQUE,
        generation integer NOT NULL,
        locked boolean NOT NULL,
        PRIMARY KEY (workshop_id, id)
      );
      CREATE TABLE revoked_tokens (
        jti text PRIMARY KEY,
        expires_at bigint NOT NULL
      );
      CREATE INDEX revoked_tokens_expires_at ON revoked_tokens (expires_at);
    `,
  },
  {
    version: 2,
    name: 'versioned scenarios, phases, ready check, take-home results',
    sql: `
      ALTER TABLE workshops
        ADD COLUMN scenario_version integer NOT NULL DEFAULT 1,
        ADD COLUMN phase_index integer NOT NULL DEFAULT 0,
        ADD COLUMN take_home boolean NOT NULL DEFAULT false;
      ALTER TABLE workshop_groups ADD COLUMN done boolean NOT NULL DEFAULT false;
      -- Head row per scenario id: its latest version, and whether it was deleted (versions stay).
      CREATE TABLE scenarios (
        id text PRIMARY KEY,
        latest_version integer NOT NULL,
        deleted boolean NOT NULL
      );
      CREATE TABLE scenario_versions (
        id text NOT NULL REFERENCES scenarios (id),
        version integer NOT NULL,
        saved_at bigint NOT NULL,
        scenario jsonb NOT NULL,
        PRIMARY KEY (id, version)
      );
    `,
  },
  {
    version: 3,
    name: 'board history, audit log, retention',
    sql: `
      CREATE TABLE board_history (
        id bigserial PRIMARY KEY,
        doc text NOT NULL,
        at bigint NOT NULL,
        reason text NOT NULL,
        -- JSON array of names
        editors text NOT NULL,
        body bytea NOT NULL
      );
      CREATE INDEX board_history_doc ON board_history (doc, at);
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        workshop_id text NOT NULL,
        at bigint NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        detail text NOT NULL
      );
      CREATE INDEX audit_log_workshop ON audit_log (workshop_id, at);
      CREATE TABLE workshop_retention (
        workshop_id text PRIMARY KEY,
        days integer NOT NULL,
        ended_at bigint
      );
    `,
  },
];

/**
 * Key of the advisory lock every starting instance takes before migrating. An arbitrary
 * constant ("isms" in ASCII); it only has to differ from other advisory locks in the database
 * (compaction locks use the two-key form, which lives in a separate key space).
 */
const MIGRATION_LOCK_KEY = 0x69736d73;

/** Applies every pending migration in one transaction; returns the versions applied. */
export async function runMigrations(client: pg.PoolClient, schema: string): Promise<number[]> {
  await client.query('BEGIN');
  try {
    // Transaction-level lock: released by COMMIT/ROLLBACK even if this instance dies.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((row) => row.version));
    const ran: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      ran.push(migration.version);
    }
    await client.query('COMMIT');
    return ran;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names come from configuration; only plain lower-case identifiers are accepted. */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid PostgreSQL schema name: ${name}`);
  return `"${name}"`;
}
