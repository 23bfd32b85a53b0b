import type Database from 'better-sqlite3';
import type { Scenario } from '@isms/shared';
import { ScenarioVersionConflict, type ScenarioStore, type StoredScenario } from './types';

/**
 * Organisers' scenarios in the embedded SQLite file, on the registry's connection:
 * `scenario` holds each id's latest version and whether it was deleted, `scenario_version`
 * every saved version (a workshop's snapshot names one of them).
 */
export const SCENARIO_SCHEMA = `
  CREATE TABLE IF NOT EXISTS scenario (
    id TEXT PRIMARY KEY,
    latest_version INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS scenario_version (
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    saved_at INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (id, version)
  );
`;

interface VersionRow {
  id: string;
  version: number;
  saved_at: number;
  record: string;
}

const toStored = (row: VersionRow): StoredScenario => ({
  id: row.id,
  version: row.version,
  savedAt: row.saved_at,
  scenario: JSON.parse(row.record) as Scenario,
});

export class SqliteScenarioStore implements ScenarioStore {
  constructor(private readonly db: Database.Database) {
    db.exec(SCENARIO_SCHEMA);
  }

  async list(): Promise<StoredScenario[]> {
    const rows = this.db
      .prepare(
        `SELECT v.id, v.version, v.saved_at, v.record FROM scenario s
           JOIN scenario_version v ON v.id = s.id AND v.version = s.latest_version
          WHERE s.deleted = 0 ORDER BY v.id`,
      )
      .all() as VersionRow[];
    return rows.map(toStored);
  }

  async get(id: string): Promise<StoredScenario | null> {
    const head = this.head(id);
    if (!head || head.deleted) return null;
    return this.getVersion(id, head.latest_version);
  }

  async getVersion(id: string, version: number): Promise<StoredScenario | null> {
    const row = this.db
      .prepare(
        'SELECT id, version, saved_at, record FROM scenario_version WHERE id = ? AND version = ?',
      )
      .get(id, version) as VersionRow | undefined;
    return row ? toStored(row) : null;
  }

  async save(scenario: Scenario, expectedVersion: number | null): Promise<StoredScenario> {
    return this.db.transaction(() => {
      const head = this.head(scenario.id);
      const live = head && !head.deleted ? head.latest_version : null;
      if (live !== expectedVersion) throw new ScenarioVersionConflict(scenario.id, live);
      const version = (head?.latest_version ?? 0) + 1;
      const savedAt = Date.now();
      this.db
        .prepare('INSERT INTO scenario_version (id, version, saved_at, record) VALUES (?, ?, ?, ?)')
        .run(scenario.id, version, savedAt, JSON.stringify(scenario));
      this.db
        .prepare(
          `INSERT INTO scenario (id, latest_version, deleted) VALUES (?, ?, 0)
           ON CONFLICT (id) DO UPDATE SET latest_version = excluded.latest_version, deleted = 0`,
        )
        .run(scenario.id, version);
      return { id: scenario.id, version, savedAt, scenario };
    })();
  }

  async delete(id: string): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE scenario SET deleted = 1 WHERE id = ? AND deleted = 0')
      .run(id);
    return result.changes === 1;
  }

  private head(id: string): { latest_version: number; deleted: number } | undefined {
    return this.db.prepare('SELECT latest_version, deleted FROM scenario WHERE id = ?').get(id) as
      { latest_version: number; deleted: number } | undefined;
  }
}
