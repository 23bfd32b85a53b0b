import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './postgresMigrations';
import { openPostgres } from './postgresPool';
import { postgresTestTarget } from './postgresTestTarget';

const target = await postgresTestTarget('migrate');

describe.skipIf(!target.available)('PostgreSQL migrations', () => {
  afterAll(() => (target.available ? target.dropSchema() : undefined));

  it('are applied once even when several instances start at the same moment', async () => {
    if (!target.available) return;
    const pools = await Promise.all(Array.from({ length: 5 }, () => openPostgres(target.options)));
    try {
      const applied = await pools[0]!.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(applied.rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
      // A later start finds nothing to do and still succeeds.
      const again = await openPostgres(target.options);
      await again.end();
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
