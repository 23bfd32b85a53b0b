import type { Scenario, WorkshopStatus } from '@isms/shared';
import type pg from 'pg';
import { openPostgres, type PostgresOptions } from '../store/postgresPool';
import { PostgresScenarioStore } from './postgresScenarios';
import type { GroupRecord, WorkshopRecord, WorkshopRegistry } from './types';

interface WorkshopRow {
  id: string;
  title: string;
  date: string;
  scenario: Scenario;
  status: WorkshopStatus;
  created_at: string;
  scenario_version: number;
  phase_index: number;
  take_home: boolean;
}

interface GroupRow {
  workshop_id: string;
  id: string;
  name: string;
  code: string;
  generation: number;
  locked: boolean;
  done: boolean;
}

/**
 * The workshop registry in PostgreSQL, shared by every instance. `update` is a read-modify-write
 * under SELECT … FOR UPDATE, so two instructors acting on two instances at once are serialised
 * (e.g. two code rotations bump the generation twice, never once).
 */
export class PostgresWorkshopRegistry implements WorkshopRegistry {
  readonly scenarios: PostgresScenarioStore;

  private constructor(private readonly pool: pg.Pool) {
    this.scenarios = new PostgresScenarioStore(pool);
  }

  static async open(options: PostgresOptions): Promise<PostgresWorkshopRegistry> {
    return new PostgresWorkshopRegistry(await openPostgres(options));
  }

  async create(workshop: WorkshopRecord): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(
        `INSERT INTO workshops
           (id, title, date, scenario, status, created_at, scenario_version, phase_index, take_home)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          workshop.id,
          workshop.title,
          workshop.date,
          JSON.stringify(workshop.scenario),
          workshop.status,
          workshop.createdAt,
          workshop.scenarioVersion,
          workshop.phaseIndex,
          workshop.takeHome,
        ],
      );
      await insertGroups(client, workshop);
    });
  }

  async get(workshopId: string): Promise<WorkshopRecord | null> {
    return (await this.read(this.pool, 'WHERE id = $1', [workshopId]))[0] ?? null;
  }

  async list(): Promise<WorkshopRecord[]> {
    return this.read(this.pool, '', []);
  }

  async findByCode(code: string): Promise<{ workshop: WorkshopRecord; group: GroupRecord } | null> {
    const found = await this.pool.query<{ workshop_id: string; id: string }>(
      'SELECT workshop_id, id FROM workshop_groups WHERE code = $1',
      [code.trim().toUpperCase()],
    );
    const row = found.rows[0];
    if (!row) return null;
    const workshop = await this.get(row.workshop_id);
    const group = workshop?.groups.find((candidate) => candidate.id === row.id);
    return workshop && group ? { workshop, group } : null;
  }

  async update(
    workshopId: string,
    mutate: (workshop: WorkshopRecord) => WorkshopRecord,
  ): Promise<WorkshopRecord | null> {
    return this.transaction(async (client) => {
      const [current] = await this.read(client, 'WHERE id = $1 FOR UPDATE', [workshopId]);
      if (!current) return null;
      const next = mutate(current);
      await client.query(
        `UPDATE workshops SET title = $2, date = $3, scenario = $4, status = $5,
           scenario_version = $6, phase_index = $7, take_home = $8 WHERE id = $1`,
        [
          workshopId,
          next.title,
          next.date,
          JSON.stringify(next.scenario),
          next.status,
          next.scenarioVersion,
          next.phaseIndex,
          next.takeHome,
        ],
      );
      await client.query('DELETE FROM workshop_groups WHERE workshop_id = $1', [workshopId]);
      await insertGroups(client, { ...next, id: workshopId });
      return { ...next, id: workshopId };
    });
  }

  async delete(workshopId: string): Promise<void> {
    await this.pool.query('DELETE FROM workshops WHERE id = $1', [workshopId]);
  }

  async revokeToken(jti: string, expiresAt: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, $2)
       ON CONFLICT (jti) DO UPDATE SET expires_at = GREATEST(revoked_tokens.expires_at, $2)`,
      [jti, expiresAt],
    );
    // Entries past their token's expiry are useless (the token is rejected as expired anyway).
    await this.pool.query('DELETE FROM revoked_tokens WHERE expires_at < $1', [
      Math.floor(Date.now() / 1000),
    ]);
  }

  async isRevoked(jti: string): Promise<boolean> {
    const result = await this.pool.query('SELECT 1 FROM revoked_tokens WHERE jti = $1', [jti]);
    return result.rowCount === 1;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async read(
    queryable: pg.Pool | pg.PoolClient,
    where: string,
    params: unknown[],
  ): Promise<WorkshopRecord[]> {
    const workshops = await queryable.query<WorkshopRow>(
      `SELECT id, title, date, scenario, status, created_at, scenario_version, phase_index,
              take_home FROM workshops ${where}`,
      params,
    );
    if (workshops.rows.length === 0) return [];
    const groups = await queryable.query<GroupRow>(
      `SELECT workshop_id, id, name, code, generation, locked, done FROM workshop_groups
        WHERE workshop_id = ANY($1) ORDER BY workshop_id, position`,
      [workshops.rows.map((row) => row.id)],
    );
    return workshops.rows
      .map((row) => ({
        id: row.id,
        title: row.title,
        date: row.date,
        scenario: row.scenario,
        status: row.status,
        createdAt: Number(row.created_at),
        scenarioVersion: row.scenario_version,
        phaseIndex: row.phase_index,
        takeHome: row.take_home,
        groups: groups.rows
          .filter((group) => group.workshop_id === row.id)
          .map(({ id, name, code, generation, locked, done }) => ({
            id,
            name,
            code,
            generation,
            locked,
            done,
          })),
      }))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

async function insertGroups(client: pg.PoolClient, workshop: WorkshopRecord): Promise<void> {
  for (const [position, group] of workshop.groups.entries()) {
    await client.query(
      `INSERT INTO workshop_groups
         (workshop_id, id, position, name, code, generation, locked, done)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        workshop.id,
        group.id,
        position,
        group.name,
        group.code,
        group.generation,
        group.locked,
        group.done,
      ],
    );
  }
}
