import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PostgresWorkshopRegistry } from './registry/postgres';
import { SqliteWorkshopRegistry } from './registry/sqlite';
import { SQLITE_FILE_NAME } from './sqlite/open';
import { PostgresDocStore } from './store/postgres';
import { postgresOptionsFromEnv } from './store/postgresFactory';
import { importDeployment } from './store/postgresImport';
import { SqliteDocStore } from './store/sqlite';

/**
 * Migration command: copies an embedded deployment (DATA_DIR/board.sqlite) into PostgreSQL.
 *
 *   DATABASE_URL=postgres://… npx tsx server/src/migrate-sqlite-to-postgres.ts [DATA_DIR]
 *
 * Stop the single-instance server first (or migrate a `.backup` copy of the file) so nothing
 * is written while copying. Safe to re-run: what already exists in PostgreSQL is skipped.
 * Exit code 0 on success, 1 on any error (nothing is half-copied per document: each document
 * is one append, verified after writing).
 */
function readRevokedTokens(file: string): { jti: string; expiresAt: number }[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'revoked_token'")
      .get();
    if (!table) return [];
    const rows = db.prepare('SELECT jti, expires_at FROM revoked_token').all() as {
      jti: string;
      expires_at: number;
    }[];
    return rows.map((row) => ({ jti: row.jti, expiresAt: row.expires_at }));
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL must name the target PostgreSQL database');
  const dataDir = path.resolve(process.argv[2] ?? process.env.DATA_DIR ?? './data');
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  if (!existsSync(file)) throw new Error(`no ${SQLITE_FILE_NAME} in ${dataDir}`);

  const revokedTokens = readRevokedTokens(file);
  const source = {
    store: new SqliteDocStore(dataDir),
    registry: new SqliteWorkshopRegistry(dataDir),
    revokedTokens,
  };
  const options = postgresOptionsFromEnv(databaseUrl);
  const target = {
    store: await PostgresDocStore.open(options),
    registry: await PostgresWorkshopRegistry.open(options),
  };
  try {
    const report = await importDeployment(source, target, (line) =>
      console.log(`  copied ${line}`),
    );
    console.log(
      `Migrated ${report.workshops} workshops, ${report.documents} documents and ` +
        `${report.revokedTokens} revoked tokens and ${report.scenarios} scenarios from ${file} ` +
        'to PostgreSQL.',
    );
    const skipped = [...report.skippedWorkshops, ...report.skippedDocuments];
    if (skipped.length > 0) console.log(`Already present, skipped: ${skipped.join(', ')}`);
  } finally {
    await Promise.all([
      source.store.close(),
      source.registry.close(),
      target.store.close(),
      target.registry.close(),
    ]);
  }
}

main().catch((error: unknown) => {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
