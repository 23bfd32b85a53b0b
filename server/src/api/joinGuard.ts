import type { Limits } from '@isms/shared';
import { HttpError } from '../http/respond';
import type { RateLimiter, WindowCount } from '../relay/types';
import { KeyedQueue } from './keyedQueue';

/**
 * The budget for guessing join codes. Only FAILED attempts (a code no group has) are counted,
 * so a whole class behind one address joins at once; two budgets apply:
 *   - per client address: `joinFailuresPerAddress` per minute;
 *   - server-wide: `joinFailuresServerWide` per minute over all addresses. A wrong code names
 *     no workshop, so this one budget protects every workshop's codes at once (each workshop
 *     gets at most this many guesses, shared with all others). Addresses with a successful join
 *     in the last hour skip it: an attacker exhausting it cannot lock out a class already in.
 * Counters live in the RateLimiter (Redis when scaled out, shared by every instance). Attempts
 * of one address run one at a time on this instance (KeyedQueue), so concurrency cannot
 * outrun the count. Expected attacker yield is worked out in docs/server.md.
 */
/** Length of a failure window, ms: the limits are per minute. */
export const JOIN_WINDOW_MS = 60_000;
/** How long a successful join exempts its address from the server-wide budget, ms (1 h). */
export const KNOWN_GOOD_MS = 60 * 60_000;

const SERVER_WIDE_KEY = 'join-fail:*';
const failuresOf = (address: string) => `join-fail:${address}`;
const successesOf = (address: string) => `join-ok:${address}`;

function tooMany(window: WindowCount, scope: string): HttpError {
  const seconds = Math.max(1, Math.ceil(window.resetInMs / 1000));
  return new HttpError(
    429,
    'rate-limited',
    `too many failed join attempts ${scope}; try again in ${seconds} s`,
    { 'retry-after': String(seconds) },
  );
}

export class JoinGuard {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly limiter: RateLimiter,
    private readonly limits: Pick<Limits, 'joinFailuresPerAddress' | 'joinFailuresServerWide'>,
  ) {}

  /**
   * Runs `lookup` for one join attempt from `address`: 429 while a budget is spent, 404
   * (counted) when it finds nothing, else its result (not counted; marks the address good).
   */
  attempt<T>(address: string, lookup: () => Promise<T | null>): Promise<T> {
    return this.queue.run(address, async () => {
      await this.admit(address);
      const found = await lookup();
      if (found === null) {
        await Promise.all([
          this.limiter.hit(failuresOf(address), JOIN_WINDOW_MS),
          this.limiter.hit(SERVER_WIDE_KEY, JOIN_WINDOW_MS),
        ]);
        throw new HttpError(404, 'unknown-code', 'no group has this join code');
      }
      await this.limiter.hit(successesOf(address), KNOWN_GOOD_MS);
      return found;
    });
  }

  private async admit(address: string): Promise<void> {
    const own = await this.limiter.peek(failuresOf(address));
    if (own.count >= this.limits.joinFailuresPerAddress) throw tooMany(own, 'from this address');
    const all = await this.limiter.peek(SERVER_WIDE_KEY);
    if (all.count < this.limits.joinFailuresServerWide) return;
    const known = await this.limiter.peek(successesOf(address));
    if (known.count === 0) throw tooMany(all, 'on this server');
  }
}
