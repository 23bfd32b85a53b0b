import { emptyHistogram, record, summarize } from '../histogram';
import type { SentLedger } from '../messages';
import { monotonicMs } from '../probe';
import { ms, row } from '../report';
import { planClients } from '../runLoad';
import type { ServerKind } from '../servers/serverProcess';
import { Target } from '../servers/target';
import { WorkerPool } from '../workerPool';
import { type RunOptions, withOverrides } from './options';

/** Issue 3: 400 clients in 80 rooms resync within p99 ≤ 2 s of a restart. */
const RESTART_ROOMS = 80;
const RESTART_GROUP_SIZE = 5;
/** Light editing before and after the crash, so the resync carries real updates: 1 edit/s. */
const RESTART_RATES = { editIntervalMs: 1000, awarenessIntervalMs: 1000 };
/** Editing before the crash and again after everyone resynced, ms. */
const EDIT_PHASE_MS = 5000;
/** How long clients get to notice the crash / to resync, ms. */
const PHASE_TIMEOUT_MS = 30_000;

function pause(durationMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, durationMs));
}

/** SIGKILLs the server, restarts it, and times each client's resync from the server's ready. */
async function crashAndResync(target: Target, pool: WorkerPool) {
  const crash = await target.crash(0);
  await pool.ask({ type: 'await-disconnect', timeoutMs: PHASE_TIMEOUT_MS }, 'disconnected');
  await crash.restarted();
  const readyAt = monotonicMs();
  const resynced = await pool.ask(
    { type: 'await-resync', timeoutMs: PHASE_TIMEOUT_MS },
    'resynced',
  );
  const resyncTimes = emptyHistogram();
  let missing = 0;
  for (const at of resynced.flatMap((report) => report.resyncedAtMs)) {
    if (Number.isNaN(at)) missing += 1;
    else record(resyncTimes, at - readyAt);
  }
  return { resync: summarize(resyncTimes), missing };
}

async function measureRestart(kind: ServerKind, options: RunOptions) {
  const target = await Target.start({
    kind,
    instances: 1,
    env: kind === 'reference' ? {} : options.oursEnv,
  });
  const pool = await WorkerPool.start(options.workers);
  try {
    const access = await target.provision(RESTART_ROOMS);
    const plans = planClients(
      target,
      access.map((room) => room.roomName),
      RESTART_GROUP_SIZE,
      access.map((room) => room.token),
    );
    await pool.connect(plans, withOverrides(RESTART_RATES, options));
    pool.broadcast({ type: 'start' });
    await pause(EDIT_PHASE_MS);
    const { resync, missing } = await crashAndResync(target, pool);
    await pause(EDIT_PHASE_MS);
    const stopped = await pool.ask({ type: 'stop' }, 'stopped');
    const sent: SentLedger = Object.assign({}, ...stopped.map((report) => report.sent));
    const drained = await pool.ask(
      { type: 'drain', expected: sent, drainMs: options.drainMs },
      'drained',
    );
    const rooms = new Map<number, Set<string>>();
    for (const state of drained.flatMap((report) => report.finalStates)) {
      rooms.set(state.room, (rooms.get(state.room) ?? new Set()).add(state.hash));
    }
    return {
      label: target.label,
      resync,
      missing,
      undelivered: drained.reduce((sum, report) => sum + report.undelivered, 0),
      divergent: [...rooms.values()].filter((hashes) => hashes.size > 1).length,
    };
  } finally {
    await pool.close();
    await target.close();
  }
}

/** Crash (SIGKILL) and restart with 400 clients editing in 80 rooms; resync time from ready. */
export async function restart(options: RunOptions): Promise<string> {
  const lines = [
    `### Restart (${RESTART_ROOMS} rooms × ${RESTART_GROUP_SIZE} clients, 1 edit/s each, SIGKILL then restart on the same port and data)`,
    '',
    row([
      'server',
      'resync p50 (ms)',
      'resync p99 (ms)',
      'resync max (ms)',
      'not resynced',
      'undelivered',
      'rooms not converged',
    ]),
    row(['---', '---', '---', '---', '---', '---', '---']),
  ];
  for (const kind of options.kinds) {
    const result = await measureRestart(kind, options);
    lines.push(
      row([
        result.label,
        ms(result.resync.p50),
        ms(result.resync.p99),
        ms(result.resync.max),
        String(result.missing),
        String(result.undelivered),
        String(result.divergent),
      ]),
    );
  }
  lines.push(
    '',
    "Resync time = from the restarted server answering its readiness URL to each client's next `sync` event.",
  );
  return lines.join('\n');
}
