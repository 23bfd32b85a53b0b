import { readFileSync } from 'node:fs';

/**
 * CPU and memory of other processes, read from /proc (Linux): the server under test runs as a
 * child process so it is measured alone, and so are the generator's workers.
 */

/** Kernel clock ticks per second (USER_HZ); 100 on every Linux we run on. */
const TICKS_PER_SECOND = 100;

/** utime + stime of a process, seconds (0 once it has exited). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" closing the command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Resident and peak resident memory of a process, MB (0 once it has exited). */
export function memoryMb(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: 0, peakMb: 0 };
  }
}

/**
 * Busy CPU time of the whole machine, seconds (every field of /proc/stat's "cpu" line except
 * idle and iowait). Subtracting the server and the generator leaves what other processes took:
 * this machine is shared, and a benchmark step disturbed by someone's test run should say so.
 */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, ...ticks] = line.trim().split(/\s+/).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  // Fields 8–9 (guest, guest_nice) are already counted in user/nice.
  const busy = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0) - idle;
  return busy / TICKS_PER_SECOND;
}

/** Sampling interval for the peak RSS of a window, ms (VmHWM covers the whole lifetime). */
const SAMPLE_MS = 200;

/**
 * Measures a set of processes over a window: CPU as % of one core, and the peak RSS sampled
 * during the window. `stop()` ends the window and is the disposer of the sampling timer.
 */
export class ProcessWindow {
  private readonly startCpu: number;
  private readonly startedAt = performance.now();
  private peakRssMb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pids: number[]) {
    this.startCpu = this.totalCpu();
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  stop(): { cpuPercent: number; peakRssMb: number; rssMb: number } {
    clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.startedAt) / 1000;
    const cpuPercent = ((this.totalCpu() - this.startCpu) / seconds) * 100;
    return { cpuPercent, peakRssMb: this.peakRssMb, rssMb: this.totalRss() };
  }

  private totalCpu(): number {
    return this.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  }

  private totalRss(): number {
    return this.pids.reduce((sum, pid) => sum + memoryMb(pid).rssMb, 0);
  }

  private sample(): void {
    this.peakRssMb = Math.max(this.peakRssMb, this.totalRss());
  }
}
