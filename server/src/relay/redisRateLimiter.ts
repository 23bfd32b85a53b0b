import { Redis } from 'ioredis';
import type { RateLimiter } from './types';

export interface RedisRateLimiterOptions {
  url: string;
  /** Attempts allowed per window (DEFAULT_LIMITS.joinAttemptsPerMinute). */
  limit: number;
  /** Window length, ms (60 000 for "per minute"). */
  windowMs: number;
  /** Key namespace, default "isms:"; lets test runs share one Redis. */
  keyPrefix?: string;
  onError?: (error: unknown) => void;
}

/**
 * INCR and the expiry of a fresh window in one atomic script, returning the count and the
 * milliseconds left. A separate INCR then EXPIRE could leave a key without expiry (and block
 * an address for ever) if the instance died in between.
 */
const HIT_SCRIPT = `
  local count = redis.call('INCR', KEYS[1])
  if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
  return {count, ttl}
`;

/**
 * Fixed-window counter shared by every instance (join attempts per client address), so an
 * attacker spreading guesses over N instances behind the balancer gets the same budget as
 * against one. If Redis is unreachable the attempt is ALLOWED: join codes have ~10^11 values
 * and the registry still checks them, so a short Redis outage must not lock every
 * participant out of a running workshop.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly prefix: string;

  private constructor(private readonly options: RedisRateLimiterOptions) {
    this.prefix = options.keyPrefix ?? 'isms:';
    this.redis = new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // Reconnect backoff: 100 ms per attempt, at most 2 s (same as the relay).
      retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
    });
    this.redis.on('error', (error) => options.onError?.(error));
  }

  /** Connects before returning, so the first hits are counted rather than allowed blindly. */
  static async open(options: RedisRateLimiterOptions): Promise<RedisRateLimiter> {
    const limiter = new RedisRateLimiter(options);
    try {
      await limiter.redis.connect();
    } catch (error) {
      limiter.redis.disconnect();
      throw error;
    }
    return limiter;
  }

  async hit(key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    try {
      const [count, ttlMs] = (await this.redis.eval(
        HIT_SCRIPT,
        1,
        `${this.prefix}rate:${key}`,
        String(this.options.windowMs),
      )) as [number, number];
      return {
        allowed: count <= this.options.limit,
        retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
      };
    } catch (error) {
      this.options.onError?.(error);
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
