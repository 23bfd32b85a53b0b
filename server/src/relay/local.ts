import { randomUUID } from 'node:crypto';
import type { ControlEvent, Relay, RelayMessage, RateLimiter, WindowCount } from './types';

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
 * Fixed-window counters per key (e.g. failed joins per client address per minute). Windows are
 * swept lazily on each hit once the table passes SWEEP_AT keys, so memory stays bounded
 * without a timer to dispose.
 */
const SWEEP_AT = 10_000;

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async peek(key: string): Promise<WindowCount> {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) return { count: 0, resetInMs: 0 };
    return { count: window.count, resetInMs: window.resetAt - now };
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.now();
    if (this.windows.size > SWEEP_AT) {
      for (const [name, window] of this.windows)
        if (window.resetAt <= now) this.windows.delete(name);
    }
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetInMs: window.resetAt - now };
  }
}
