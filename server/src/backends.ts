import type { ServerConfig } from './config';
import type { WorkshopRegistry } from './registry/types';
import { PostgresWorkshopRegistry } from './registry/postgres';
import { SqliteWorkshopRegistry } from './registry/sqlite';
import { LocalRelay, MemoryRateLimiter } from './relay/local';
import { RedisRelay } from './relay/redis';
import { assertSharedSecrets, redisPrefixFromEnv } from './relay/redisFactory';
import { RedisRateLimiter } from './relay/redisRateLimiter';
import type { RateLimiter, Relay } from './relay/types';
import { PostgresDocStore } from './store/postgres';
import { postgresOptionsFromEnv } from './store/postgresFactory';
import { SqliteDocStore } from './store/sqlite';
import type { DocStore } from './store/types';
import { PostgresHistoryStore } from './history/postgres';
import { SqliteHistoryStore } from './history/sqlite';
import type { HistoryStore } from './history/types';

/**
 * Picks the storage and relay implementations. Embedded default: SQLite in DATA_DIR, an
 * in-process relay and rate limiter. DATABASE_URL → PostgreSQL, REDIS_URL → Redis (the
 * scale-out implementations plug in here). Explicit overrides (tests, benchmarks) win.
 */
export interface Backends {
  store: DocStore;
  /** Board timelines (history/), beside the documents in the same database. */
  history: HistoryStore;
  registry: WorkshopRegistry;
  relay: Relay;
  rateLimiter: RateLimiter;
}

export type BackendOverrides = Partial<Backends>;

export async function createStore(config: ServerConfig): Promise<DocStore> {
  if (config.databaseUrl) {
    return PostgresDocStore.open(postgresOptionsFromEnv(config.databaseUrl));
  }
  return new SqliteDocStore(config.dataDir, config.sqliteSynchronous);
}

export async function createHistory(config: ServerConfig): Promise<HistoryStore> {
  if (config.databaseUrl) {
    return PostgresHistoryStore.open(postgresOptionsFromEnv(config.databaseUrl));
  }
  return new SqliteHistoryStore(config.dataDir, config.sqliteSynchronous);
}

export async function createRegistry(config: ServerConfig): Promise<WorkshopRegistry> {
  if (config.databaseUrl) {
    return PostgresWorkshopRegistry.open(postgresOptionsFromEnv(config.databaseUrl));
  }
  return new SqliteWorkshopRegistry(config.dataDir, config.sqliteSynchronous);
}

export async function createRelay(config: ServerConfig): Promise<Relay> {
  if (config.redisUrl) {
    assertSharedSecrets(config);
    return RedisRelay.open({ url: config.redisUrl, channelPrefix: redisPrefixFromEnv() });
  }
  return new LocalRelay();
}

export async function createRateLimiter(config: ServerConfig): Promise<RateLimiter> {
  if (config.redisUrl) {
    return RedisRateLimiter.open({ url: config.redisUrl, keyPrefix: redisPrefixFromEnv() });
  }
  return new MemoryRateLimiter();
}

export async function createBackends(
  config: ServerConfig,
  overrides: BackendOverrides = {},
): Promise<Backends> {
  return {
    store: overrides.store ?? (await createStore(config)),
    history: overrides.history ?? (await createHistory(config)),
    registry: overrides.registry ?? (await createRegistry(config)),
    relay: overrides.relay ?? (await createRelay(config)),
    rateLimiter: overrides.rateLimiter ?? (await createRateLimiter(config)),
  };
}
