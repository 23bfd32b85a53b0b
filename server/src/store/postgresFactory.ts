import type { PostgresOptions } from './postgresPool';

/**
 * PostgreSQL settings beside DATABASE_URL: PG_SCHEMA (default "public"; lets several
 * deployments or test runs share one database) and PG_MAX_CONNECTIONS (per instance and per
 * pool, default 10; the DocStore and the registry each have one pool).
 */
export function postgresOptionsFromEnv(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): PostgresOptions {
  const schema = env.PG_SCHEMA?.trim() || 'public';
  const rawMax = env.PG_MAX_CONNECTIONS?.trim();
  const maxConnections = rawMax ? Number(rawMax) : 10;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new Error(`PG_MAX_CONNECTIONS must be a positive integer, got "${rawMax}"`);
  }
  return { url, schema, maxConnections };
}
