import { row } from '../report';
import { memoryMb } from '../procStats';
import { planClients } from '../runLoad';
import type { ServerKind } from '../servers/serverProcess';
import { Target } from '../servers/target';
import { WorkerPool } from '../workerPool';
import type { RunOptions } from './options';

/**
 * Memory per idle room (issue 3 target: ≤ 0.1 MB resident each), as a slope: RSS with
 * WARM_ROOMS idle rooms open, then with IDLE_ROOMS more. The one-off costs of the first rooms
 * (JIT-compiled code, pools) fall into the warm-up, so what is divided by IDLE_ROOMS is what one
 * more idle room costs — the same procedure for every server. Each phase creates its own rooms
 * (for ours: workshops through the API) right before opening them, so the heap the creation
 * grows is counted in the phase it serves, never pre-paid by the warm-up. RSS moves by a few MB
 * with GC timing, so the slope is noisy at this scale (it can even come out negative); the
 * report also gives the upper bound, all rooms' growth from the start including the warm-up.
 */
export const IDLE_ROOMS = 200;
const WARM_ROOMS = 100;
/** Time the server gets to settle after the last client synced, before RSS is read, ms. */
const SETTLE_MS = 3000;

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

async function measureIdle(kind: ServerKind, options: RunOptions) {
  const target = await Target.start({
    kind,
    instances: 1,
    env: kind === 'reference' ? {} : options.oursEnv,
  });
  const pid = target.serverPids[0] ?? 0;
  const pools: WorkerPool[] = [];
  /** Creates and opens rooms, one idle synced client each, from a pool of their own; returns
   *  the connect failures. */
  const open = async (count: number): Promise<number> => {
    const rooms = await target.provision(count);
    const pool = await WorkerPool.start(options.workers);
    pools.push(pool);
    const plans = planClients(
      target,
      rooms.map((room) => room.roomName),
      1,
      rooms.map((room) => room.token),
    );
    const connected = await pool.connect(plans, { editIntervalMs: 0, awarenessIntervalMs: 0 });
    return connected.reduce((sum, report) => sum + report.failed, 0);
  };
  try {
    await settle();
    const start = memoryMb(pid).rssMb;
    let failed = await open(WARM_ROOMS);
    await settle();
    const warm = memoryMb(pid).rssMb;
    failed += await open(IDLE_ROOMS);
    await settle();
    const after = memoryMb(pid).rssMb;
    return { label: target.label, start, warm, after, failed };
  } finally {
    for (const pool of pools) await pool.close();
    await target.close();
  }
}

export async function idleMemory(options: RunOptions): Promise<string> {
  const lines = [
    `### Memory per idle room (${IDLE_ROOMS} idle rooms added to ${WARM_ROOMS}, one synced client each)`,
    '',
    row([
      'server',
      'RSS at start (MB)',
      `RSS with ${WARM_ROOMS} rooms (MB)`,
      `RSS with ${WARM_ROOMS + IDLE_ROOMS} rooms (MB)`,
      'per added room (MB)',
      `all ${WARM_ROOMS + IDLE_ROOMS} rooms incl. warm-up, per room (MB)`,
      'connect failures',
    ]),
    row(['---', '---', '---', '---', '---', '---', '---']),
  ];
  for (const kind of options.kinds) {
    const idle = await measureIdle(kind, options);
    const perRoom = (idle.after - idle.warm) / IDLE_ROOMS;
    lines.push(
      row([
        idle.label,
        idle.start.toFixed(1),
        idle.warm.toFixed(1),
        idle.after.toFixed(1),
        perRoom.toFixed(3),
        ((idle.after - idle.start) / (WARM_ROOMS + IDLE_ROOMS)).toFixed(3),
        String(idle.failed),
      ]),
    );
  }
  return lines.join('\n');
}
