import type { Scenario } from '@isms/shared';
import type pg from 'pg';
import { ScenarioVersionConflict, type ScenarioStore, type StoredScenario } from './types';

/**
 * Organisers' scenarios in PostgreSQL (migration 2), shared by every instance. A save locks the
 * id's head row (SELECT … FOR UPDATE, or the primary key on the first insert), so two
 * organisers saving the same version at once get one success and one conflict.
 */
interface VersionRow {
  id: string;
  version: number;
  saved_at: string;
  scenario: Scenario;
}

const toStored = (row: VersionRow): StoredScenario => ({
  id: row.id,
  version: row.version,
  savedAt: Number(row.saved_at),
  scenario: row.scenario,
});

export class PostgresScenarioStore implements ScenarioStore {
  constructor(private readonly pool: pg.Pool) {}

  async list(): Promise<StoredScenario[]> {
    const result = await this.pool.query<VersionRow>(
      `SELECT v.id, v.version, v.saved_at, v.scenario FROM scenarios s
         JOIN scenario_versions v ON v.id = s.id AND v.version = s.latest_version
        WHERE NOT s.deleted ORDER BY v.id`,
    );
    return result.rows.map(toStored);
  }

  async get(id: string): Promise<StoredScenario | null> {
    const result = await this.pool.query<VersionRow>(
      `SELECT v.id, v.version, v.saved_at, v.scenario FROM scenarios s
         JOIN scenario_versions v ON v.id = s.id AND v.version = s.latest_version
        WHERE s.id = $1 AND NOT s.deleted`,
      [id],
    );
    return result.rows[0] ? toStored(result.rows[0]) : null;
  }

  async getVersion(id: string, version: number): Promise<StoredScenario | null> {
    const result = await this.pool.query<VersionRow>(
      'SELECT id, version, saved_at, scenario FROM scenario_versions WHERE id = $1 AND version = $2',
      [id, version],
    );
    return result.rows[0] ? toStored(result.rows[0]) : null;
  }

  async save(scenario: Scenario, expectedVersion: number | null): Promise<StoredScenario> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // The head row exists from the first save on; creating it first makes FOR UPDATE lock
      // something even for a brand-new id (a concurrent creator waits on the primary key).
      await client.query(
        `INSERT INTO scenarios (id, latest_version, deleted) VALUES ($1, 0, true)
         ON CONFLICT (id) DO NOTHING`,
        [scenario.id],
      );
      const head = await client.query<{ latest_version: number; deleted: boolean }>(
        'SELECT latest_version, deleted FROM scenarios WHERE id = $1 FOR UPDATE',
        [scenario.id],
      );
      const row = head.rows[0]!;
      const live = row.deleted ? null : row.latest_version;
      if (live !== expectedVersion) throw new ScenarioVersionConflict(scenario.id, live);
      const version = row.latest_version + 1;
      const savedAt = Date.now();
      await client.query(
        'INSERT INTO scenario_versions (id, version, saved_at, scenario) VALUES ($1, $2, $3, $4)',
        [scenario.id, version, savedAt, JSON.stringify(scenario)],
      );
      await client.query(
        'UPDATE scenarios SET latest_version = $2, deleted = false WHERE id = $1',
        [scenario.id, version],
      );
      await client.query('COMMIT');
      return { id: scenario.id, version, savedAt, scenario };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE scenarios SET deleted = true WHERE id = $1 AND NOT deleted',
      [id],
    );
    return result.rowCount === 1;
  }
}
