import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll } from 'vitest';
import { tempDataDir, waitFor, type TestClient } from './harness';
import { REPO_ROOT, buildServerBundle } from './serverBundle';

/**
 * The server as a real child process running the production bundle (`server/dist/main.js`,
 * exactly what `npm start` runs), for crash and signal tests: killed with real signals.
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  process: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function spawnServer(env: Record<string, string>, port: number): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--enable-source-maps', buildServerBundle()], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      STATIC_DIR: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      try {
        return (await fetch(`${url}/readyz`)).status === 200;
      } catch {
        return false;
      }
    },
    'child server ready',
    30_000,
  );
  return { process: child, url, output: () => output, exited };
}

/**
 * A data dir, the child servers and the clients of one describe block, all cleaned up after it
 * (children are SIGKILLed: a test that wanted a graceful stop already did it).
 */
export function childServerFixture(): {
  dataDir: string;
  children: ChildServer[];
  clients: TestClient[];
} {
  const fixture = {
    dataDir: tempDataDir(),
    children: [] as ChildServer[],
    clients: [] as TestClient[],
  };
  afterAll(() => {
    for (const client of fixture.clients) client.destroy();
    for (const child of fixture.children) child.process.kill('SIGKILL');
    rmSync(fixture.dataDir, { recursive: true, force: true });
  });
  return fixture;
}
