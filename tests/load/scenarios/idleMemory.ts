import { row } from '../report';
import { memoryMb } from '../procStats';
import { planClients } from '../runLoad';
import type { ServerKind } from '../servers/serverProcess';
import { Target } from '../servers/target';
import { WorkerPool } from '../workerPool';
import type { RunOptions } from './options';

/** Idle rooms opened (issue 3 target: ≤ 0.1 MB resident memory each). */
export const IDLE_ROOMS = 200;
/** Time the server gets to settle after the last client synced, before RSS is read, ms. */
const SETTLE_MS = 3000;

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

async function measureIdle(kind: ServerKind, options: RunOptions) {
  const target = await Target.start({
    kind,
    instances: 1,
    env: kind === 'ours' ? options.oursEnv : {},
  });
  const pid = target.serverPids[0] ?? 0;
  try {
    await settle();
    const before = memoryMb(pid).rssMb;
    const access = await target.provision(IDLE_ROOMS);
    const plans = planClients(
      target,
      access.map((room) => room.roomName),
      1,
      access.map((room) => room.token),
    );
    const pool = await WorkerPool.start(options.workers);
    try {
      const connected = await pool.connect(plans, { editIntervalMs: 0, awarenessIntervalMs: 0 });
      await settle();
      const after = memoryMb(pid).rssMb;
      return {
        label: target.label,
        before,
        after,
        failed: connected.reduce((sum, report) => sum + report.failed, 0),
      };
    } finally {
      await pool.close();
    }
  } finally {
    await target.close();
  }
}

/** RSS before any room exists vs with IDLE_ROOMS rooms each holding one idle, synced client. */
export async function idleMemory(options: RunOptions): Promise<string> {
  const lines = [
    `### Memory per idle room (${IDLE_ROOMS} rooms, one idle synced client each)`,
    '',
    row(['server', 'RSS before (MB)', 'RSS with rooms (MB)', 'per room (MB)', 'connect failures']),
    row(['---', '---', '---', '---', '---']),
  ];
  for (const kind of options.kinds) {
    const idle = await measureIdle(kind, options);
    const perRoom = (idle.after - idle.before) / IDLE_ROOMS;
    lines.push(
      row([
        idle.label,
        idle.before.toFixed(1),
        idle.after.toFixed(1),
        perRoom.toFixed(3),
        String(idle.failed),
      ]),
    );
  }
  return lines.join('\n');
}
