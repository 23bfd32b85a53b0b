import { execFileSync } from 'node:child_process';
import { setPriority } from 'node:os';

/**
 * Scheduling priority for the server under test and the generator. The benchmark machine is
 * shared with other work (test runs, linters, browsers); without priority their bursts land in
 * our latency tails. Default: nice -20 (the highest; needs root or CAP_SYS_NICE, otherwise
 * the run stays at normal priority and the report's "other processes CPU" row shows the
 * disturbance). LOAD_REALTIME=1: SCHED_FIFO priority 1 instead — others then only run when the
 * benchmark's processes are idle (the kernel's RT throttle still leaves them 5 % of each
 * second), so use it only for light scenarios on a shared machine.
 */
const BENCHMARK_NICE = -20;
/** Lowest real-time priority: above every normal process, below the kernel's own RT threads. */
const REALTIME_PRIORITY = '1';

export function raisePriority(pid: number): void {
  try {
    if (process.env.LOAD_REALTIME === '1') {
      execFileSync('chrt', ['--all-tasks', '--fifo', '--pid', REALTIME_PRIORITY, String(pid)]);
    } else {
      setPriority(pid, BENCHMARK_NICE);
    }
  } catch {
    // Not permitted here: measure at normal priority (see the comment above).
  }
}
