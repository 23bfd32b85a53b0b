import { ms, row } from '../report';
import type { LoadResult } from '../runLoad';
import { isolatedNamespace } from '../servers/postgresSchema';
import { capacity } from './capacity';
import { measure } from './compare';
import { type RunOptions, WORKSHOP_GROUP_SIZE, WORKSHOP_RATES, withOverrides } from './options';

/** Local services of this machine (issue 6); override with DATABASE_URL / REDIS_URL. */
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** Workshop load: 8 rooms × 5 clients. */
const WORKSHOP_ROOMS = 8;

interface Setup {
  label: string;
  instances: number;
  env: Record<string, string>;
}

function setups(): Setup[] {
  const distributed = () => ({
    DATABASE_URL: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
    ...isolatedNamespace(),
  });
  return [
    { label: '1 × SQLite (embedded)', instances: 1, env: {} },
    { label: '1 × PostgreSQL + Redis', instances: 1, env: distributed() },
    { label: '2 × PostgreSQL + Redis', instances: 2, env: distributed() },
    { label: '3 × PostgreSQL + Redis', instances: 3, env: distributed() },
  ];
}

function latencyRow(label: string, result: LoadResult): string {
  return row([
    label,
    ms(result.latency.p50),
    ms(result.latency.p99),
    ms(result.crossLatency.p50),
    ms(result.crossLatency.p99),
    ms(result.server.persistMeanMs),
    String(result.undelivered),
    result.converged ? 'yes' : `no (${result.divergentRooms})`,
    result.server.cpuPercent.toFixed(0),
  ]);
}

/**
 * Issue 6: workshop load against 1, 2 and 3 instances with clients of every room spread over
 * the instances. With `withCapacity`, also the capacity steps for each setup.
 */
export async function scaleout(options: RunOptions, withCapacity: boolean): Promise<string> {
  const lines = [
    `### Scale-out at workshop load (${WORKSHOP_ROOMS} rooms × ${WORKSHOP_GROUP_SIZE} clients, members of each room dealt round-robin over the instances)`,
    '',
    row([
      'setup',
      'all p50 (ms)',
      'all p99 (ms)',
      'cross-instance p50 (ms)',
      'cross-instance p99 (ms)',
      'mean durable append (ms)',
      'undelivered',
      'converged',
      'servers CPU % (sum)',
    ]),
    row(['---', '---', '---', '---', '---', '---', '---', '---', '---']),
  ];
  const capacityTables: string[] = [];
  for (const setup of setups()) {
    const spec = {
      rooms: WORKSHOP_ROOMS,
      clientsPerRoom: WORKSHOP_GROUP_SIZE,
      rates: withOverrides(WORKSHOP_RATES, options),
      durationMs: options.durationMs,
      warmupMs: options.warmupMs,
      drainMs: options.drainMs,
      workers: options.workers,
    };
    const setupOptions = { ...options, kinds: ['ours' as const], oursEnv: setup.env };
    lines.push(latencyRow(setup.label, await measure('ours', spec, setupOptions, setup.instances)));
    if (withCapacity) {
      capacityTables.push(
        `#### ${setup.label}`,
        '',
        await capacity(setupOptions, setup.instances),
        '',
      );
    }
  }
  return [...lines, '', ...capacityTables].join('\n');
}
