import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { REPO_ROOT, buildServerBundle } from '../../server/serverBundle';
import { raisePriority } from '../priority';

/** The reference: @y/websocket-server's own bin, run exactly as its README says. */
const REFERENCE_BIN = 'node_modules/@y/websocket-server/src/server.js';
/**
 * Extra Node flags for the servers under test, space-separated — diagnostics only, e.g.
 * `BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` to profile both under load.
 */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** BENCH_SERVER_LOG=<file>: the servers' stdout (logs, `--trace-gc` …) appended there. */
const SERVER_LOG = process.env.BENCH_SERVER_LOG;

/**
 * `before`: ours as another build, for a side-by-side "before/after" in one run: the bundle at
 * BENCH_BEFORE_BUNDLE (run.ts `--before <bundle>`), e.g. the previous commit's `server/dist/main.js`.
 */
export type ServerKind = 'ours' | 'before' | 'reference';

function beforeBundle(): string {
  const bundle = process.env.BENCH_BEFORE_BUNDLE;
  if (!bundle)
    throw new Error('kind "before" needs BENCH_BEFORE_BUNDLE (run.ts --before <bundle>)');
  return bundle;
}

/** Servers still running; killed when the benchmark process exits for any reason. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A fresh, currently free TCP port on loopback (the OS picks it). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Longest a server may take to answer its readiness URL, ms (a cold disk cache). */
const READY_TIMEOUT_MS = 30_000;
/** Readiness poll interval, ms. */
const READY_POLL_MS = 25;

export interface ServerOptions {
  port: number;
  /** Extra environment (DATA_DIR, ORGANISER_KEY, DATABASE_URL, REDIS_URL …). */
  env: Record<string, string>;
}

/**
 * One server under test as a child process of its own, so /proc measures it alone.
 * `stop()` is the disposer; `kill()` simulates a crash.
 */
export class ServerProcess {
  private constructor(
    readonly kind: ServerKind,
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(kind: ServerKind, options: ServerOptions): Promise<ServerProcess> {
    // Ours: the production bundle `npm start` runs, rebuilt from the current source.
    const args =
      kind === 'ours'
        ? [...NODE_ARGS, '--enable-source-maps', buildServerBundle()]
        : kind === 'before'
          ? [...NODE_ARGS, '--enable-source-maps', beforeBundle()]
          : [...NODE_ARGS, REFERENCE_BIN];
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(options.port), ...options.env },
      // The server's own logs are not part of the report; stderr stays visible for crashes.
      stdio: ['ignore', SERVER_LOG ? openSync(SERVER_LOG, 'a') : 'ignore', 'inherit'],
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    if (child.pid) raisePriority(child.pid);
    const server = new ServerProcess(kind, child, options.port);
    await server.waitReady();
    return server;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Base URL a WebsocketProvider appends "<workshopId>/<groupId>" to. */
  get syncUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`;
  }

  /** SIGKILL: a crash, no flush. Resolves once the process is gone. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: graceful shutdown (the reference has none, so it simply dies). */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill(signal);
    await exited;
  }

  private async waitReady(): Promise<void> {
    // Ours says ready only after start-up; the reference answers "okay" on every path.
    const url = `${this.httpUrl}${this.kind === 'reference' ? '/' : '/readyz'}`;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`${this.kind} server exited on start`);
      const ok = await fetch(url).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
    throw new Error(`${this.kind} server not ready within ${READY_TIMEOUT_MS} ms`);
  }
}
