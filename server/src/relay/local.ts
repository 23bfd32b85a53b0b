import { randomUUID } from 'node:crypto';
import type { ControlEvent, Relay, RelayMessage, RateLimiter } from './types';

/**
 * The single-process relay: there is no other instance to hear from, so publishing is a no-op
 * and control events are applied by the caller directly (see sync/control.ts).
 */
export class LocalRelay implements Relay {
  readonly instanceId = randomUUID();
  async subscribe(_docName: string, _onMessage: (message: RelayMessage) => void): Promise<void> {}
  async unsubscribe(_docName: string): Promise<void> {}
  async publish(_message: RelayMessage): Promise<void> {}
  async publishControl(_event: ControlEvent): Promise<void> {}
  onControl(_handler: (event: ControlEvent) => void): void {}
  onResync(_handler: () => void): void {}
  async close(): Promise<void> {}
}

/**
 * Fixed-window counter per key (e.g. join attempts per client address per minute). Windows are
 * swept lazily on each hit once the table passes SWEEP_AT keys, so memory stays bounded
 * without a timer to dispose.
 */
const SWEEP_AT = 10_000;

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    const now = this.now();
    if (this.windows.size > SWEEP_AT) {
      for (const [name, window] of this.windows)
        if (window.resetAt <= now) this.windows.delete(name);
    }
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    return { allowed: window.count <= this.limit, retryAfterSeconds };
  }
}
