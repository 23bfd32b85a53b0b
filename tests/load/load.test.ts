import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from './runLoad';
import type { ServerKind } from './servers/serverProcess';
import { Target } from './servers/target';

/**
 * Smoke test of the load generator itself (the benchmarks are `tests/load/run.ts`): a small load
 * for a few seconds, asserting only correctness — every update delivered, every room converged.
 * No timing assertions: CI machines vary.
 */
const SMOKE = {
  rooms: 2,
  clientsPerRoom: 3,
  /** Fast edits so a 2 s run still carries ~100 probes per client pair. */
  rates: { editIntervalMs: 50, awarenessIntervalMs: 500 },
  durationMs: 2000,
  /** A warm-up, so the test also checks that its deliveries are forgotten exactly: the window's
   *  latency count must equal the deliveries its own sends expect. */
  warmupMs: 1000,
  drainMs: 10_000,
  /** Two processes so deliveries cross process boundaries, as in the benchmark. */
  workers: 2,
};

describe.each<ServerKind>(['reference', 'ours'])('load generator against %s', (kind) => {
  let target: Target;
  beforeAll(async () => {
    target = await Target.start({ kind, instances: 1 });
  });
  afterAll(async () => {
    await target.close();
  });

  it('delivers every probe to every peer and converges', async () => {
    const result = await runLoad(target, SMOKE);
    expect(result.connect.failed).toBe(0);
    expect(result.expected).toBeGreaterThan(0);
    expect(result.latency.count).toBe(result.expected);
    expect(result.undelivered).toBe(0);
    expect(result.converged).toBe(true);
  });
});
