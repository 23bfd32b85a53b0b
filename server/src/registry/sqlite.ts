import type Database from 'better-sqlite3';
import { normaliseJoinCode } from '../auth/joinCodes';
import type { SqliteSynchronous } from '../config';
import { openSqlite } from '../sqlite/open';
import { SqliteScenarioStore } from './sqliteScenarios';
import type { GroupRecord, WorkshopRecord, WorkshopRegistry } from './types';

/**
 * The embedded WorkshopRegistry, in the same DATA_DIR/board.sqlite file as the documents (its
 * own connection). A workshop is one JSON row; `join_code` indexes the current codes so a join
 * is one lookup; `revoked_token` keeps revoked token ids until they would have expired anyway.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS workshop (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    record TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS join_code (
    code TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL,
    group_id TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS join_code_workshop ON join_code (workshop_id);
  CREATE TABLE IF NOT EXISTS revoked_token (
    jti TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  );
`;

/** A row written before phases, the ready check and take-home results existed lacks them. */
type StoredRecord = Omit<WorkshopRecord, 'scenarioVersion' | 'phaseIndex' | 'takeHome' | 'groups'> &
  Partial<Pick<WorkshopRecord, 'scenarioVersion' | 'phaseIndex' | 'takeHome'>> & {
    groups: (Omit<GroupRecord, 'done'> & { done?: boolean })[];
  };

function withDefaults(record: StoredRecord): WorkshopRecord {
  return {
    ...record,
    scenarioVersion: record.scenarioVersion ?? 1,
    phaseIndex: record.phaseIndex ?? 0,
    takeHome: record.takeHome ?? false,
    groups: record.groups.map((group) => ({ ...group, done: group.done ?? false })),
  };
}

export class SqliteWorkshopRegistry implements WorkshopRegistry {
  private readonly db: Database.Database;
  readonly scenarios: SqliteScenarioStore;

  constructor(dataDir: string, synchronous: SqliteSynchronous = 'NORMAL') {
    this.db = openSqlite(dataDir, synchronous);
    this.db.exec(SCHEMA);
    this.scenarios = new SqliteScenarioStore(this.db);
  }

  private read(workshopId: string): WorkshopRecord | null {
    const row = this.db.prepare('SELECT record FROM workshop WHERE id = ?').get(workshopId) as
      { record: string } | undefined;
    return row ? withDefaults(JSON.parse(row.record) as StoredRecord) : null;
  }

  private write(workshop: WorkshopRecord): void {
    this.db
      .prepare(
        `INSERT INTO workshop (id, created_at, record) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET record = excluded.record`,
      )
      .run(workshop.id, workshop.createdAt, JSON.stringify(workshop));
    this.db.prepare('DELETE FROM join_code WHERE workshop_id = ?').run(workshop.id);
    const insert = this.db.prepare(
      'INSERT INTO join_code (code, workshop_id, group_id) VALUES (?, ?, ?)',
    );
    for (const group of workshop.groups) insert.run(group.code, workshop.id, group.id);
  }

  async create(workshop: WorkshopRecord): Promise<void> {
    this.db.transaction(() => {
      if (this.read(workshop.id)) throw new Error(`workshop ${workshop.id} already exists`);
      this.write(workshop);
    })();
  }

  async get(workshopId: string): Promise<WorkshopRecord | null> {
    return this.read(workshopId);
  }

  async list(): Promise<WorkshopRecord[]> {
    const rows = this.db.prepare('SELECT record FROM workshop ORDER BY created_at DESC').all() as {
      record: string;
    }[];
    return rows.map((row) => withDefaults(JSON.parse(row.record) as StoredRecord));
  }

  async findByCode(code: string): Promise<{ workshop: WorkshopRecord; group: GroupRecord } | null> {
    const row = this.db
      .prepare('SELECT workshop_id, group_id FROM join_code WHERE code = ?')
      .get(normaliseJoinCode(code)) as { workshop_id: string; group_id: string } | undefined;
    if (!row) return null;
    const workshop = this.read(row.workshop_id);
    const group = workshop?.groups.find((candidate) => candidate.id === row.group_id);
    return workshop && group ? { workshop, group } : null;
  }

  async update(
    workshopId: string,
    mutate: (workshop: WorkshopRecord) => WorkshopRecord,
  ): Promise<WorkshopRecord | null> {
    return this.db.transaction(() => {
      const current = this.read(workshopId);
      if (!current) return null;
      const next = mutate(structuredClone(current));
      this.write(next);
      return next;
    })();
  }

  async delete(workshopId: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM join_code WHERE workshop_id = ?').run(workshopId);
      this.db.prepare('DELETE FROM workshop WHERE id = ?').run(workshopId);
    })();
  }

  async revokeToken(jti: string, expiresAt: number): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    this.db.transaction(() => {
      // Expired entries can go: an expired token is rejected by its exp claim anyway.
      this.db.prepare('DELETE FROM revoked_token WHERE expires_at < ?').run(now);
      this.db
        .prepare(
          `INSERT INTO revoked_token (jti, expires_at) VALUES (?, ?)
           ON CONFLICT (jti) DO UPDATE SET expires_at = excluded.expires_at`,
        )
        .run(jti, expiresAt);
    })();
  }

  async isRevoked(jti: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM revoked_token WHERE jti = ?').get(jti) !== undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
