import { Redis } from 'ioredis';
import type { RateLimiter, WindowCount } from './types';

export interface RedisRateLimiterOptions {
  url: string;
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

/** The count and the time left in one round trip (a missing key reads as 0, ttl -2). */
const PEEK_SCRIPT = `
  local count = tonumber(redis.call('GET', KEYS[1]) or '0')
  return {count, redis.call('PTTL', KEYS[1])}
`;

/** What a counter reads while Redis is unreachable: nothing counted. */
const UNKNOWN: WindowCount = { count: 0, resetInMs: 0 };

/**
 * Fixed-window counters shared by every instance, so an attacker spreading guesses over N
 * instances behind the balancer gets the same budget as against one. If Redis is unreachable a
 * counter reads as 0 (the attempt is ALLOWED): join codes have 31^8 values and the registry
 * still checks them, so a short Redis outage must not lock every participant out of a running
 * workshop.
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

  async peek(key: string): Promise<WindowCount> {
    return this.run(PEEK_SCRIPT, key);
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    return this.run(HIT_SCRIPT, key, String(windowMs));
  }

  private async run(script: string, key: string, ...args: string[]): Promise<WindowCount> {
    try {
      const [count, ttlMs] = (await this.redis.eval(
        script,
        1,
        `${this.prefix}rate:${key}`,
        ...args,
      )) as [number, number];
      return { count, resetInMs: Math.max(0, ttlMs) };
    } catch (error) {
      this.options.onError?.(error);
      return UNKNOWN;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
