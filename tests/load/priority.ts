import { setPriority } from 'node:os';

/**
 * Scheduling priority (nice value) for the server under test and the generator. The benchmark
 * machine is shared with other work (test runs, linters); a higher priority keeps their bursts
 * from landing in our latency tails. -10 needs root or CAP_SYS_NICE; without it the benchmark
 * runs at normal priority and the report's "other processes CPU" row shows the disturbance.
 */
const BENCHMARK_NICE = -10;

export function raisePriority(pid: number): void {
  try {
    setPriority(pid, BENCHMARK_NICE);
  } catch {
    // Not permitted here: measure at normal priority (see the comment above).
  }
}
