import { SEMINAR4_SCENARIO, scenarioControlIds } from '@isms/shared';
import { emptyHistogram, type LatencySummary, merge, summarize } from './histogram';
import type { ClientPlan, ConnectReport, DrainReport, LoadRates, SentLedger } from './messages';
import { cpuSeconds, machineBusySeconds, ProcessWindow } from './procStats';
import {
  gcPercent,
  loopDelayP99Ms,
  meanPersistMs,
  persistP99Ms,
  persistTotals,
} from './servers/serverMetrics';
import type { Target } from './servers/target';
import { WorkerPool } from './workerPool';

export interface LoadSpec {
  rooms: number;
  clientsPerRoom: number;
  rates: LoadRates;
  /** How long clients edit, ms. */
  durationMs: number;
  /** Editing before the measured window, its figures discarded, ms (default 0). */
  warmupMs?: number;
  /** After the load stops, how long stragglers may still arrive before they count as lost, ms. */
  drainMs: number;
  /** Generator worker processes. */
  workers: number;
}

export interface LoadResult {
  target: string;
  spec: LoadSpec;
  connect: { p50: number; p95: number; max: number; failed: number };
  latency: LatencySummary;
  /** Deliveries between clients on different instances (empty with one instance). */
  crossLatency: LatencySummary;
  expected: number;
  undelivered: number;
  deliveredPerSecond: number;
  converged: boolean;
  divergentRooms: number;
  reconnects: number;
  permissionDenied: number;
  /** CPU as % of one core and peak RSS summed over instances; durable appends, event-loop delay
   *  and GC from /metrics (ours only). */
  server: {
    cpuPercent: number;
    peakRssMb: number;
    persistMeanMs: number;
    persistP99Ms: number;
    loopDelayP99Ms: number;
    gcPercent: number;
    /** Frames sent in the window (NaN for the reference). */
    framesOut: number;
  };
  generator: { cpuPercent: number; eventLoopP99Ms: number };
  /** CPU other processes of the machine took during the run, % of one core (noise check). */
  otherCpuPercent: number;
}

/** Sorted-array quantile for the (small) list of connect times. */
function pick(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** Participant mode: member m of a room gets its own slot (asset m mod 8, a theme control). */
function cardOf(target: Target, member: number): ClientPlan['card'] {
  if (!target.options.participants) return undefined;
  const assets = SEMINAR4_SCENARIO.assets;
  const controls = scenarioControlIds(SEMINAR4_SCENARIO);
  const assetId = assets[member % assets.length]!.id;
  const controlId = controls[Math.floor(member / assets.length) % controls.length]!;
  return { assetId, controlId };
}

/** Clients of one room are dealt round-robin over the target's instances (cross-instance rooms). */
export function planClients(target: Target, rooms: string[], perRoom: number, tokens: string[]) {
  const urls = target.syncUrls;
  const plans: ClientPlan[] = [];
  rooms.forEach((roomName, room) => {
    for (let member = 0; member < perRoom; member++) {
      const id = room * perRoom + member;
      const instance = member % urls.length;
      const serverUrl = urls[instance] ?? '';
      const token = tokens[room] ?? '';
      plans.push({ id, room, serverUrl, instance, roomName, token, card: cardOf(target, member) });
    }
  });
  return plans;
}

function expectedDeliveries(sent: SentLedger, perRoom: number): number {
  return Object.values(sent).reduce((sum, count) => sum + count * (perRoom - 1), 0);
}

function convergence(reports: DrainReport[]): number {
  const hashes = new Map<number, Set<string>>();
  for (const state of reports.flatMap((report) => report.finalStates)) {
    const set = hashes.get(state.room) ?? new Set<string>();
    set.add(state.hash);
    hashes.set(state.room, set);
  }
  return [...hashes.values()].filter((set) => set.size > 1).length;
}

/** Server, generator and machine figures over the editing window. */
interface WindowFigures {
  server: LoadResult['server'];
  generatorCpuPercent: number;
  otherCpuPercent: number;
  sent: SentLedger;
}

/** Lets the clients edit for the duration and measures every process meanwhile. */
async function editingWindow(target: Target, pool: WorkerPool, spec: LoadSpec) {
  const serverWindow = new ProcessWindow(target.serverPids);
  const generatorWindow = new ProcessWindow([process.pid, ...pool.pids]);
  const persistBefore = await persistTotals(target.httpUrls);
  const machineBefore = machineBusySeconds();
  pool.broadcast({ type: 'start' });
  await new Promise((resolve) => setTimeout(resolve, spec.durationMs));
  const stopped = await pool.ask({ type: 'stop' }, 'stopped');
  const server = serverWindow.stop();
  const generator = generatorWindow.stop();
  const machinePercent = ((machineBusySeconds() - machineBefore) / (spec.durationMs / 1000)) * 100;
  const persistAfter = await persistTotals(target.httpUrls);
  const figures: WindowFigures = {
    server: {
      cpuPercent: server.cpuPercent,
      peakRssMb: server.peakRssMb,
      persistMeanMs: meanPersistMs(persistBefore, persistAfter),
      persistP99Ms: persistP99Ms(persistBefore, persistAfter),
      loopDelayP99Ms: loopDelayP99Ms(persistAfter),
      gcPercent: gcPercent(persistBefore, persistAfter, spec.durationMs),
      framesOut:
        persistAfter.count === 0 ? Number.NaN : persistAfter.framesOut - persistBefore.framesOut,
    },
    generatorCpuPercent: generator.cpuPercent,
    otherCpuPercent: Math.max(0, machinePercent - server.cpuPercent - generator.cpuPercent),
    sent: Object.assign({}, ...stopped.map((report) => report.sent)) as SentLedger,
  };
  return figures;
}

function sum(
  reports: DrainReport[],
  field: 'received' | 'undelivered' | 'reconnects' | 'permissionDenied',
) {
  return reports.reduce((total, report) => total + report[field], 0);
}

/** Folds the workers' drain reports and the window figures into one result. */
function assemble(
  target: Target,
  spec: LoadSpec,
  connected: ConnectReport[],
  window: WindowFigures,
  drained: DrainReport[],
): LoadResult {
  const syncTimes = connected.flatMap((report) => report.syncTimesMs).sort((a, b) => a - b);
  const latency = emptyHistogram();
  const crossLatency = emptyHistogram();
  for (const report of drained) {
    merge(latency, report.latency);
    merge(crossLatency, report.crossLatency);
  }
  return {
    target: target.label,
    spec,
    connect: {
      p50: pick(syncTimes, 0.5),
      p95: pick(syncTimes, 0.95),
      max: syncTimes.at(-1) ?? Number.NaN,
      failed: connected.reduce((total, report) => total + report.failed, 0),
    },
    latency: summarize(latency),
    crossLatency: summarize(crossLatency),
    expected: expectedDeliveries(window.sent, spec.clientsPerRoom),
    undelivered: sum(drained, 'undelivered'),
    deliveredPerSecond: sum(drained, 'received') / (spec.durationMs / 1000),
    converged: convergence(drained) === 0,
    divergentRooms: convergence(drained),
    reconnects: sum(drained, 'reconnects'),
    permissionDenied: sum(drained, 'permissionDenied'),
    server: window.server,
    generator: {
      cpuPercent: window.generatorCpuPercent,
      eventLoopP99Ms: Math.max(...drained.map((report) => report.eventLoopP99Ms)),
    },
    otherCpuPercent: window.otherCpuPercent,
  };
}

/** The server counts as settled below this CPU, % of a core, over one sampling interval. */
const QUIET_CPU_PERCENT = 10;
const QUIET_SAMPLE_MS = 250;
/** Longest wait for a settled server, ms; the run then starts anyway. */
const QUIET_TIMEOUT_MS = 10_000;

/**
 * Waits until the servers' CPU falls quiet after the connect storm (sync answers of every
 * client, their initial awareness, room loads), so the editing window measures the steady
 * load, not the tail of the connects. Ours carries a real board in every room (~38 KB each
 * client downloads); without this wait its first second of editing queued behind that work
 * and decided the window's p99. The same wait applies to every server.
 */
async function waitUntilQuiet(pids: number[]): Promise<void> {
  const deadline = Date.now() + QUIET_TIMEOUT_MS;
  let before = pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_SAMPLE_MS));
    const now = pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
    if (((now - before) / (QUIET_SAMPLE_MS / 1000)) * 100 < QUIET_CPU_PERCENT) return;
    before = now;
  }
}

/**
 * The warm-up: the same load for `warmupMs`, stopped and drained so nothing of it is in flight,
 * then forgotten by every worker (histograms, delivery and sent counts). Probes carry their
 * sender's count, not a global one, so the measured window starts from clean ledgers.
 */
async function warmUp(target: Target, pool: WorkerPool, spec: LoadSpec): Promise<void> {
  pool.broadcast({ type: 'start' });
  await new Promise((resolve) => setTimeout(resolve, spec.warmupMs));
  const stopped = await pool.ask({ type: 'stop' }, 'stopped');
  const sent: SentLedger = Object.assign({}, ...stopped.map((report) => report.sent));
  await pool.ask({ type: 'drain', expected: sent, drainMs: spec.drainMs }, 'drained');
  pool.broadcast({ type: 'reset' });
  await waitUntilQuiet(target.serverPids);
}

/** Runs one load against a target: connect, settle, warm up, edit for the duration, drain,
 *  collect. */
export async function runLoad(target: Target, spec: LoadSpec): Promise<LoadResult> {
  const access = await target.provision(spec.rooms);
  const plans = planClients(
    target,
    access.map((room) => room.roomName),
    spec.clientsPerRoom,
    access.map((room) => room.token),
  );
  const pool = await WorkerPool.start(spec.workers);
  try {
    const connected = await pool.connect(plans, spec.rates);
    await waitUntilQuiet(target.serverPids);
    if ((spec.warmupMs ?? 0) > 0) await warmUp(target, pool, spec);
    const window = await editingWindow(target, pool, spec);
    const drained = await pool.ask(
      { type: 'drain', expected: window.sent, drainMs: spec.drainMs },
      'drained',
    );
    return assemble(target, spec, connected, window, drained);
  } finally {
    await pool.close();
  }
}
