import { postgresTestTarget } from '../../server/src/store/postgresTestTarget';
import { redisTestTarget } from '../../server/src/relay/redisTestTarget';

/**
 * The services the scale-out tests need. Defaults are the local ones (DATABASE_URL /
 * REDIS_URL override them). When one is genuinely absent the suite is skipped with the reason
 * printed; under CI=true the lookup throws, so CI fails instead of silently skipping.
 */
export const postgres = await postgresTestTarget('scaleout');
export const redis = await redisTestTarget();

export const missingServices: string | null =
  [postgres.available ? null : postgres.reason, redis.available ? null : redis.reason]
    .filter((reason) => reason !== null)
    .join('; ') || null;

/** Polls `condition` every 20 ms until it holds or `timeoutMs` passes (no fixed sleeps). */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
