import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The production server bundle (`server/dist/main.js`, what `npm start` runs), rebuilt from the
 * current source once per test or benchmark process — so a process-level test or a benchmark
 * exercises what ships, never a stale build. The build takes ~60 ms.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'server/dist/main.js');

let built = false;

export function buildServerBundle(): string {
  if (!built) {
    execFileSync(process.execPath, ['server/build.mjs', '--quiet'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    built = true;
  }
  return SERVER_BUNDLE;
}
