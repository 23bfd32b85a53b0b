/**
 * The probe every simulated participant types: a short tag naming the sender and carrying the
 * send time, so every peer can compute delivery latency on receipt. All workers run on one
 * machine, so they share CLOCK_MONOTONIC (process.hrtime), which is system-wide on Linux.
 */

/** Milliseconds on the system-wide monotonic clock, with µs resolution. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export interface Probe {
  sender: number;
  /** Index of the server instance the sender is connected to (cross-instance latency). */
  instance: number;
  seq: number;
  sentAtMs: number;
}

/** "[sender.instance.seq.sentAt]" — brackets delimit probes even when Yjs merges inserts. */
export function encodeProbe(probe: Probe): string {
  return `[${probe.sender}.${probe.instance}.${probe.seq}.${probe.sentAtMs.toFixed(3)}]`;
}

const PROBE = /\[(\d+)\.(\d+)\.(\d+)\.(\d+\.\d+)\]/g;

export function parseProbes(inserted: string): Probe[] {
  const probes: Probe[] = [];
  for (const match of inserted.matchAll(PROBE)) {
    probes.push({
      sender: Number(match[1]),
      instance: Number(match[2]),
      seq: Number(match[3]),
      sentAtMs: Number(match[4]),
    });
  }
  return probes;
}
