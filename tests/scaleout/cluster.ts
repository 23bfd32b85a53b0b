import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { SEMINAR4_SCENARIO, SYNC_PATH } from '@isms/shared';
import type { ServerTimings } from '../../server/src/config';
import { PostgresWorkshopRegistry } from '../../server/src/registry/postgres';
import { RedisRelay } from '../../server/src/relay/redis';
import { RedisRateLimiter } from '../../server/src/relay/redisRateLimiter';
import { PostgresDocStore } from '../../server/src/store/postgres';
import type { PostgresOptions } from '../../server/src/store/postgresPool';
import { ORGANISER_KEY, startTestServer, tempDataDir, type TestServer } from '../server/harness';
import { spawnServer, type ChildServer } from '../server/childServer';

/**
 * N server instances sharing one PostgreSQL schema and one Redis prefix, as in production
 * (docs/deployment.md): same TOKEN_SECRET and ORGANISER_KEY everywhere, no shared disk.
 * In-process instances get their backends passed in (and closed here); child-process ones
 * read the same settings from the environment, like `npm start` would.
 */
export interface ClusterServices {
  postgres: PostgresOptions & { schema: string };
  redisUrl: string;
  redisPrefix: string;
}

/** One secret for the whole cluster: a token minted by one instance is valid on all. */
export const CLUSTER_TOKEN_SECRET = randomBytes(32).toString('hex');

export interface Instance {
  harness: TestServer;
  port: number;
  wsUrl: string;
  store: PostgresDocStore;
  close(): Promise<void>;
}

export async function startInstance(
  services: ClusterServices,
  timings: Partial<ServerTimings> = {},
): Promise<Instance> {
  const store = await PostgresDocStore.open(services.postgres);
  const registry = await PostgresWorkshopRegistry.open(services.postgres);
  const relay = await RedisRelay.open({
    url: services.redisUrl,
    channelPrefix: services.redisPrefix,
  });
  const rateLimiter = await RedisRateLimiter.open({
    url: services.redisUrl,
    keyPrefix: services.redisPrefix,
  });
  const harness = await startTestServer(
    { tokenSecret: CLUSTER_TOKEN_SECRET, timings: timings as ServerTimings },
    { store, registry, relay, rateLimiter },
  );
  let closed: Promise<void> | null = null;
  return {
    harness,
    port: harness.server.port,
    wsUrl: harness.wsUrl,
    store,
    close: () =>
      (closed ??= (async () => {
        await harness.close();
        await Promise.all([store.close(), registry.close(), relay.close(), rateLimiter.close()]);
      })()),
  };
}

/** An instance as a real process (`server/src/main.ts`), for SIGKILL. */
export async function startChildInstance(
  services: ClusterServices,
  port: number,
): Promise<ChildServer & { dataDir: string; dispose(): void }> {
  const dataDir = tempDataDir();
  const child = await spawnServer(
    {
      DATA_DIR: dataDir,
      DATABASE_URL: services.postgres.url,
      PG_SCHEMA: services.postgres.schema,
      PG_MAX_CONNECTIONS: '4',
      REDIS_URL: services.redisUrl,
      REDIS_PREFIX: services.redisPrefix,
      ORGANISER_KEY,
      TOKEN_SECRET: CLUSTER_TOKEN_SECRET,
    },
    port,
  );
  return {
    ...child,
    dataDir,
    dispose() {
      if (child.process.exitCode === null) child.process.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function wsUrlFor(httpUrl: string): string {
  return `${httpUrl.replace('http', 'ws')}${SYNC_PATH}`;
}

/** True when `doc` holds everything in `expected` (applying it would add nothing). */
export function containsState(doc: Y.Doc, expected: Y.Doc | Uint8Array): boolean {
  const expectedUpdate = expected instanceof Y.Doc ? Y.encodeStateAsUpdate(expected) : expected;
  const probe = new Y.Doc();
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
  const before = Buffer.from(Y.encodeStateAsUpdate(probe));
  Y.applyUpdate(probe, expectedUpdate);
  const same = Buffer.from(Y.encodeStateAsUpdate(probe)).equals(before);
  probe.destroy();
  return same;
}

/** The document as PostgreSQL holds it (snapshot + log). */
export async function storedDoc(store: PostgresDocStore, docName: string): Promise<Y.Doc> {
  const stored = await store.load(docName);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

export const ctx = { scenario: SEMINAR4_SCENARIO };
export const assetIds = SEMINAR4_SCENARIO.assets.map((asset) => asset.id);
export { WebSocket };
