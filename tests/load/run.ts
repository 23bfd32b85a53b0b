import { parseArgs } from 'node:util';
import { raisePriority } from './priority';
import { capacity } from './scenarios/capacity';
import { compare } from './scenarios/compare';
import { idleMemory } from './scenarios/idleMemory';
import {
  DEFAULT_DRAIN_MS,
  DEFAULT_DURATION_MS,
  DEFAULT_WARMUP_MS,
  DEFAULT_WORKERS,
  type RunOptions,
  WORKSHOP_GROUP_SIZE,
  WORKSHOP_RATES,
  withOverrides,
} from './scenarios/options';
import { restart } from './scenarios/restart';
import { scaleout } from './scenarios/scaleout';
import type { ServerKind } from './servers/serverProcess';

/**
 * Benchmark entry: `npx tsx tests/load/run.ts <scenario> [--duration 20] [--warmup 5] [--drain 5]
 * [--workers 2] [--only ours|reference] [--awareness <ms>] [--edit <ms>] [--capacity]
 * [--rooms N --clients M] [--participants] [--before <bundle>]`. `--participants`: participant
 * tokens, each client typing into its own card's note (every write schema-checked);
 * `--before`: another build of ours as the first column instead of the reference. Prints Markdown to stdout, progress to stderr.
 * Scenarios: workshop, capacity, bigroom, idle, restart, all (issue 3), scaleout (issue 6),
 * custom (one load of --rooms × --clients at workshop rates).
 */

/** Issue 3's big room: 150 clients in one room, one edit per client per second. */
const BIG_ROOM_CLIENTS = 150;
const BIG_ROOM_EDIT_MS = 1000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: 'string' },
    drain: { type: 'string' },
    warmup: { type: 'string' },
    workers: { type: 'string' },
    only: { type: 'string' },
    awareness: { type: 'string' },
    edit: { type: 'string' },
    capacity: { type: 'boolean', default: false },
    rooms: { type: 'string' },
    clients: { type: 'string' },
    participants: { type: 'boolean', default: false },
    before: { type: 'string' },
  },
});

const options: RunOptions = {
  durationMs: values.duration ? Number(values.duration) * 1000 : DEFAULT_DURATION_MS,
  warmupMs: values.warmup ? Number(values.warmup) * 1000 : DEFAULT_WARMUP_MS,
  drainMs: values.drain ? Number(values.drain) * 1000 : DEFAULT_DRAIN_MS,
  workers: values.workers ? Number(values.workers) : DEFAULT_WORKERS,
  // `--before <bundle>`: that build of ours instead of the reference, side by side (ratio = ours
  // / before), e.g. the previous commit's server/dist/main.js.
  kinds: values.only
    ? [values.only as ServerKind]
    : values.before
      ? ['before', 'ours']
      : ['reference', 'ours'],
  participants: values.participants ?? false,
  oursEnv: {},
  awarenessMs: values.awareness === undefined ? undefined : Number(values.awareness),
  editMs: values.edit === undefined ? undefined : Number(values.edit),
};

function load(rooms: number, clientsPerRoom: number, rates: typeof WORKSHOP_RATES) {
  return { rooms, clientsPerRoom, rates: withOverrides(rates, options), ...options };
}

const SCENARIOS: Record<string, () => Promise<string>> = {
  workshop: () => compare('Workshop load', load(8, WORKSHOP_GROUP_SIZE, WORKSHOP_RATES), options),
  capacity: () => capacity(options),
  // Awareness off: 150 cursors at 1 Hz would be a presence benchmark, not an edit one.
  bigroom: () =>
    compare(
      'One big room',
      load(1, BIG_ROOM_CLIENTS, { editIntervalMs: BIG_ROOM_EDIT_MS, awarenessIntervalMs: 0 }),
      options,
    ),
  // One chosen load, e.g. a capacity step on its own (`--rooms 128 --clients 5`), for profiling.
  custom: () =>
    compare(
      'Custom load',
      load(
        Number(values.rooms ?? 8),
        Number(values.clients ?? WORKSHOP_GROUP_SIZE),
        WORKSHOP_RATES,
      ),
      options,
    ),
  idle: () => idleMemory(options),
  restart: () => restart(options),
  scaleout: () => scaleout({ ...options, kinds: ['ours'] }, values.capacity ?? false),
};

if (values.before) process.env.BENCH_BEFORE_BUNDLE = values.before;

// Ctrl-C or a timeout: exit through process 'exit', which kills the servers under test.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
raisePriority(process.pid);

async function main(): Promise<void> {
  const requested = positionals[0] ?? 'workshop';
  const names =
    requested === 'all' ? ['workshop', 'bigroom', 'idle', 'restart', 'capacity'] : [requested];
  for (const name of names) {
    const scenario = SCENARIOS[name];
    if (!scenario)
      throw new Error(
        `unknown scenario "${name}"; known: ${Object.keys(SCENARIOS).join(', ')}, all`,
      );
    console.error(`running ${name} …`);
    console.log(`${await scenario()}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
