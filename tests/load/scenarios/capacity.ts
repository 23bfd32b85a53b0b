import { ms, row } from '../report';
import type { LoadResult, LoadSpec } from '../runLoad';
import type { ServerKind } from '../servers/serverProcess';
import { measure } from './compare';
import { type RunOptions, WORKSHOP_GROUP_SIZE, WORKSHOP_RATES, withOverrides } from './options';

/** The capacity criterion (issue 3): p99 delivery latency at most this, ms, and nothing lost. */
export const CAPACITY_P99_MS = 100;

/**
 * Room counts stepped through (× 5 clients each) until a server fails the criterion: doubling,
 * with half-steps where this machine's limit lies, so a ratio of 1.5× is resolvable.
 */
const ROOM_STEPS = [8, 16, 32, 48, 64, 96, 128, 192, 256];
/**
 * Consecutive failing steps before a server's stepping stops. Two, not one: on a shared machine
 * a single step can fail from someone else's burst while the server itself is far from busy.
 */
const FAILS_TO_STOP = 2;

function passes(result: LoadResult): boolean {
  return (
    result.latency.p99 <= CAPACITY_P99_MS &&
    result.undelivered === 0 &&
    result.converged &&
    result.connect.failed === 0
  );
}

/**
 * Attempts per step. This machine is shared: one burst of someone else's work can push a p99
 * over the line, so a failing step is measured once more and the better attempt counts — the
 * same rule for every server, so the ratio stays fair.
 */
const ATTEMPTS_PER_STEP = 2;

async function measureStep(
  kind: ServerKind,
  spec: LoadSpec,
  options: RunOptions,
  instances: number,
): Promise<LoadResult> {
  let best: LoadResult | null = null;
  for (let attempt = 0; attempt < ATTEMPTS_PER_STEP; attempt++) {
    const result = await measure(kind, spec, options, instances);
    if (!best || result.latency.p99 < best.latency.p99) best = result;
    if (passes(result)) return result;
  }
  return best as LoadResult;
}

/** Steps one kind up until it fails; returns every measured step. */
async function stepUp(kind: ServerKind, options: RunOptions, instances: number) {
  const steps: LoadResult[] = [];
  for (const rooms of ROOM_STEPS) {
    const spec = {
      rooms,
      clientsPerRoom: WORKSHOP_GROUP_SIZE,
      rates: withOverrides(WORKSHOP_RATES, options),
      durationMs: options.durationMs,
      warmupMs: options.warmupMs,
      drainMs: options.drainMs,
      workers: options.workers,
    };
    const result = await measureStep(kind, spec, options, instances);
    steps.push(result);
    console.error(`capacity ${result.target} ${rooms}×5: p99 ${ms(result.latency.p99)} ms`);
    const failing = steps.slice(-FAILS_TO_STOP);
    if (failing.length === FAILS_TO_STOP && !failing.some(passes)) break;
  }
  return steps;
}

/** Server CPU time per delivered update, µs: the server's cost, whatever the machine's noise. */
export function cpuPerDelivery(result: LoadResult): number {
  return ((result.server.cpuPercent / 100) * 1e6) / result.deliveredPerSecond;
}

function largestPassing(steps: LoadResult[]): number {
  return Math.max(
    0,
    ...steps.filter(passes).map((step) => step.spec.rooms * step.spec.clientsPerRoom),
  );
}

/** One table row per step any server ran: p99, losses, CPU, CPU per delivery, noise. */
function stepRows(byKind: Map<string, LoadResult[]>, labels: string[]): string[] {
  const rows: string[] = [];
  for (const rooms of ROOM_STEPS) {
    const cells = labels.flatMap((label) => {
      const step = byKind.get(label)?.find((result) => result.spec.rooms === rooms);
      if (!step) return ['–', '–', '–', '–'];
      return [
        ms(step.latency.p99),
        String(step.undelivered),
        step.server.cpuPercent.toFixed(0),
        cpuPerDelivery(step).toFixed(0),
      ];
    });
    const noise = labels
      .map((label) => byKind.get(label)?.find((result) => result.spec.rooms === rooms))
      .map((step) => (step ? step.otherCpuPercent.toFixed(0) : '–'));
    if (cells.some((cell) => cell !== '–')) {
      rows.push(row([`${rooms} × 5`, ...cells, noise.join(' / ')]));
    }
  }
  return rows;
}

export async function capacity(options: RunOptions, instances = 1): Promise<string> {
  const byKind = new Map<string, LoadResult[]>();
  for (const kind of options.kinds) {
    const steps = await stepUp(kind, options, instances);
    byKind.set(steps[0]?.target ?? kind, steps);
  }
  const labels = [...byKind.keys()];
  const lines = [
    `### Capacity (workshop rates, ${options.durationMs / 1000} s per step, a failing step re-run once, pass = p99 ≤ ${CAPACITY_P99_MS} ms, 0 undelivered, converged)`,
    '',
    row([
      'rooms × clients',
      ...labels.flatMap((l) => [
        `${l} p99 (ms)`,
        `${l} undelivered`,
        `${l} server CPU %`,
        `${l} CPU µs/delivery`,
      ]),
      'other processes CPU %',
    ]),
    row(['---', ...labels.flatMap(() => ['---', '---', '---', '---']), '---']),
  ];
  lines.push(...stepRows(byKind, labels));
  const largest = labels.map((label) => largestPassing(byKind.get(label) ?? []));
  lines.push(
    '',
    ...labels.map((label, i) => `- largest passing load, ${label}: ${largest[i]} clients`),
  );
  if (largest.length === 2 && (largest[0] ?? 0) > 0) {
    lines.push(
      `- ratio ${labels[1]}/${labels[0]}: ${((largest[1] ?? 0) / (largest[0] ?? 1)).toFixed(2)}×`,
    );
  }
  return lines.join('\n');
}
