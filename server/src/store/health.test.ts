import { afterEach, describe, expect, it } from 'vitest';
import { StoreHealth, StoreUnavailableError } from './health';

/** A probe that answers, fails, or never answers (a hung database), switched by the test. */
function switchableProbe() {
  let mode: 'up' | 'down' | 'hang' = 'up';
  return {
    set: (next: typeof mode) => (mode = next),
    probe: () =>
      mode === 'up'
        ? Promise.resolve(true)
        : mode === 'down'
          ? Promise.reject(new Error('refused'))
          : new Promise<boolean>(() => undefined),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('StoreHealth', () => {
  const monitors: StoreHealth[] = [];
  afterEach(() => monitors.splice(0).forEach((monitor) => monitor.stop()));
  function monitor(probe: () => Promise<boolean>) {
    const health = new StoreHealth({ probe, intervalMs: 10, timeoutMs: 50 });
    monitors.push(health);
    health.start();
    return health;
  }

  it('turns unavailable when probes hang past their timeout, and available when they answer', async () => {
    const probe = switchableProbe();
    const health = monitor(probe.probe);
    const changes: boolean[] = [];
    health.onChange((available) => changes.push(available));
    probe.set('hang');
    await until(() => !health.available, 'unavailable');
    expect(health.reachable).toBe(false);
    probe.set('up');
    await until(() => health.available, 'available again');
    expect(changes).toEqual([false, true]);
  });

  it('refuses guarded calls at once while unreachable, and abandons one waiting when it stalls', async () => {
    const probe = switchableProbe();
    const health = monitor(probe.probe);
    const waiting = health.guard(() => new Promise<string>(() => undefined));
    probe.set('hang');
    await expect(waiting).rejects.toBeInstanceOf(StoreUnavailableError);
    let called = false;
    await expect(
      health.guard(async () => {
        called = true;
        return 1;
      }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(called).toBe(false);
  });

  it('maps a driver error to StoreUnavailableError only when the store is really gone', async () => {
    const probe = switchableProbe();
    const health = monitor(probe.probe);
    const bug = new Error('syntax error');
    await expect(health.guard(() => Promise.reject(bug))).rejects.toBe(bug);
    probe.set('down');
    await expect(
      health.guard(() => Promise.reject(new Error('ECONNREFUSED'))),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('a refused write makes it unavailable until a write succeeds, though probes answer', async () => {
    const health = monitor(switchableProbe().probe);
    health.reportWrite(false);
    expect(health.available).toBe(false);
    expect(health.reachable).toBe(true);
    health.reportWrite(true);
    expect(health.available).toBe(true);
  });

  it('never abandons a write once sent', async () => {
    const probe = switchableProbe();
    const health = monitor(probe.probe);
    let commit!: (value: number) => void;
    const write = health.guardWrite(() => new Promise<number>((resolve) => (commit = resolve)));
    probe.set('hang');
    await until(() => !health.reachable, 'unreachable');
    commit(7);
    await expect(write).resolves.toBe(7);
  });
});
