import { monitorEventLoopDelay } from 'node:perf_hooks';
import { emptyHistogram, resetHistogram } from './histogram';
import { LoadClient } from './loadClient';
import type { ClientPlan, FromWorker, LoadRates, SentLedger, ToWorker } from './messages';
import { monotonicMs } from './probe';

/**
 * A generator worker process: runs its share of the simulated participants and answers the
 * orchestrator's phase commands over IPC. Several of these run side by side so the generator
 * spreads over the cores and is not the bottleneck it measures.
 */

/** How often a waiting phase re-checks its condition, ms. Short against the latencies measured. */
const POLL_MS = 20;

// Every WebsocketProvider adds a process 'exit' listener; hundreds per worker are expected.
process.setMaxListeners(0);

const latency = emptyHistogram();
const crossLatency = emptyHistogram();
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
let clients: LoadClient[] = [];

/**
 * y-websocket reports a server's permission-denied answer only as a console warning; count them
 * (a reported figure) instead of flooding the benchmark's output.
 */
let permissionDenied = 0;
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (String(args[0]).startsWith('Permission denied')) permissionDenied += 1;
  else warn(...args);
};
let rates: LoadRates = { editIntervalMs: 0, awarenessIntervalMs: 0 };

function send(message: FromWorker): void {
  process.send?.(message);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = monotonicMs() + timeoutMs;
  while (!condition() && monotonicMs() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Generous: hundreds of sockets opening at once on a busy 2-core machine, ms. */
const CONNECT_TIMEOUT_MS = 60_000;

async function connect(plans: ClientPlan[]): Promise<void> {
  clients = plans.map((plan) => new LoadClient(plan, latency, crossLatency));
  await waitUntil(() => clients.every((client) => client.synced), CONNECT_TIMEOUT_MS);
  const synced = clients.filter((client) => client.synced);
  send({
    type: 'connected',
    syncTimesMs: synced.map((client) => client.syncedAtMs - client.createdAtMs),
    failed: clients.length - synced.length,
  });
}

function stop(): void {
  for (const client of clients) client.stop();
  const sent: SentLedger = {};
  for (const client of clients) sent[`${client.plan.room}:${client.plan.id}`] = client.sent;
  send({ type: 'stopped', sent });
}

/** Deliveries a client still misses against the ledger of what its room's peers sent. */
function missing(client: LoadClient, expected: SentLedger): number {
  let missed = 0;
  for (const [key, count] of Object.entries(expected)) {
    const [room, sender] = key.split(':').map(Number);
    if (room !== client.plan.room || sender === client.plan.id) continue;
    missed += Math.max(0, count - (client.receivedFrom.get(sender ?? -1) ?? 0));
  }
  return missed;
}

async function drain(expected: SentLedger, drainMs: number): Promise<void> {
  await waitUntil(() => clients.every((client) => missing(client, expected) === 0), drainMs);
  loopDelay.disable();
  let received = 0;
  for (const client of clients) {
    for (const count of client.receivedFrom.values()) received += count;
  }
  send({
    type: 'drained',
    latency,
    crossLatency,
    received,
    undelivered: clients.reduce((sum, client) => sum + missing(client, expected), 0),
    finalStates: clients.map((client) => ({ room: client.plan.room, ...client.finalState() })),
    eventLoopP99Ms: loopDelay.percentile(99) / 1e6,
    reconnects: clients.reduce((sum, client) => sum + client.reconnects, 0),
    permissionDenied,
  });
}

async function awaitDisconnect(timeoutMs: number): Promise<void> {
  await waitUntil(() => clients.every((client) => !client.synced), timeoutMs);
  send({ type: 'disconnected', stillSynced: clients.filter((client) => client.synced).length });
}

async function awaitResync(timeoutMs: number): Promise<void> {
  await waitUntil(() => clients.every((client) => client.synced), timeoutMs);
  send({ type: 'resynced', resyncedAtMs: clients.map((client) => client.syncedAtMs) });
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'plan':
      rates = message.rates;
      clients = [];
      return connect(message.clients);
    case 'reset':
      resetHistogram(latency);
      resetHistogram(crossLatency);
      loopDelay.reset();
      for (const client of clients) client.resetCounts();
      return;
    case 'start':
      loopDelay.enable();
      for (const client of clients) client.start(rates);
      return;
    case 'stop':
      return stop();
    case 'drain':
      return drain(message.expected, message.drainMs);
    case 'await-disconnect':
      return awaitDisconnect(message.timeoutMs);
    case 'await-resync':
      return awaitResync(message.timeoutMs);
    case 'close':
      for (const client of clients) client.destroy();
      process.exit(0);
  }
}

process.on('message', (message: ToWorker) => {
  handle(message).catch((error: unknown) => send({ type: 'error', message: String(error) }));
});
// The orchestrator owns this process: if it dies, so do we (no orphaned load).
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
