import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** Where tests find Redis when REDIS_URL is not set: the local service. */
export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export type RedisTestTarget =
  { available: true; url: string; prefix: string } | { available: false; reason: string };

/**
 * A unique channel/key prefix per test run so runs sharing one Redis never hear each other.
 * Absent Redis → skip with a reason; under CI=true absence is an error (see postgresTestTarget).
 */
export async function redisTestTarget(): Promise<RedisTestTarget> {
  const url = process.env.REDIS_URL ?? DEFAULT_TEST_REDIS_URL;
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 3_000,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const reason = `Redis not reachable at ${url} (${String(error)}); set REDIS_URL`;
    if (process.env.CI === 'true') throw new Error(`CI=true requires Redis: ${reason}`);
    console.warn(`SKIPPED: ${reason}`);
    return { available: false, reason };
  } finally {
    probe.disconnect();
  }
  return { available: true, url, prefix: `t${randomUUID().slice(0, 8)}:` };
}
