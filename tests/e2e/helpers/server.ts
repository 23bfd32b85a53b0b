import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreateWorkshopResponse, JoinResponse } from '@isms/shared';
import { type ChildServer, freePort, spawnServer } from '../../server/childServer';

/**
 * The real server for browser tests: a child process (`server/src/main.ts`, as `npm start`)
 * on a free port with a temp DATA_DIR, serving a fresh client build. Being a process, it can
 * be killed and restarted on the same port and data dir mid-test.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The organiser key of test servers (the API's organiser bearer token). */
export const E2E_ORGANISER_KEY = 'e2e-organiser-key-0123456789abcdef';

let clientBuild: string | null = null;

/** Builds the client once per test process into a temp dir (never a stale client/dist). */
export function buildClient(): string {
  if (clientBuild) return clientBuild;
  const outDir = mkdtempSync(path.join(tmpdir(), 'isms-e2e-client-'));
  execFileSync(
    'npx',
    ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    {
      cwd: path.join(repo, 'client'),
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  clientBuild = outDir;
  return outDir;
}

/** A killed process has a signalCode and no exitCode. */
function isRunning(child: ChildServer): boolean {
  return child.process.exitCode === null && child.process.signalCode === null;
}

export class E2EServer {
  private child: ChildServer | null = null;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly staticDir: string,
    private readonly extraEnv: Record<string, string>,
  ) {}

  /** `env`: extra server configuration for this run (e.g. a short HISTORY_INTERVAL_MS). */
  static async start(env: Record<string, string> = {}): Promise<E2EServer> {
    const server = new E2EServer(
      await freePort(),
      mkdtempSync(path.join(tmpdir(), 'isms-e2e-data-')),
      buildClient(),
      env,
    );
    await server.restart();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** (Re)starts the process on the same port and data dir. */
  async restart(): Promise<void> {
    if (this.child && isRunning(this.child)) throw new Error('already running');
    this.child = await spawnServer(
      {
        DATA_DIR: this.dataDir,
        STATIC_DIR: this.staticDir,
        ORGANISER_KEY: E2E_ORGANISER_KEY,
        PUBLIC_URL: this.url,
        ...this.extraEnv,
      },
      this.port,
    );
  }

  /** SIGKILL: no graceful shutdown, no flush — what a crash or a pulled plug looks like. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !isRunning(child)) return;
    child.process.kill('SIGKILL');
    await child.exited;
  }

  output(): string {
    return this.child?.output() ?? '';
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && isRunning(child)) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async api<T>(method: string, route: string, body?: unknown, token = E2E_ORGANISER_KEY) {
    const response = await fetch(`${this.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A seminar-4 workshop with `groups` groups, created with the organiser key. */
  createWorkshop(groups = 2, title = 'E2E ワークショップ'): Promise<CreateWorkshopResponse> {
    return this.api<CreateWorkshopResponse>('POST', '/api/workshops', {
      title,
      date: '2026-11-26',
      scenarioId: 'seminar4-organizational',
      groups,
    });
  }

  /** Joins through the API (for tests that need a token without a browser). */
  join(code: string, name: string): Promise<JoinResponse> {
    return this.api<JoinResponse>('POST', '/api/join', { code, name });
  }

  /** Locks or unlocks one group's board (or all with null) as the workshop's instructor. */
  async lock(created: CreateWorkshopResponse, groupId: string | null, locked: boolean) {
    return this.api(
      'POST',
      `/api/workshops/${created.workshop.id}/lock`,
      { groupId, locked },
      created.instructorToken,
    );
  }
}
