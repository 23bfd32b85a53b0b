// Bundles the server into dist/main.js for production (`npm start`): plain Node, no tsx
// loader at run time — that loader's worker thread alone costs ~35 MB RSS and start-up time.
// Only our own code (server + @isms/shared, which ships TypeScript source) is bundled; every
// npm dependency stays external and is loaded from node_modules as usual, so native modules
// (better-sqlite3) and the single Yjs instance work exactly as under tsx.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const manifest = (dir) => JSON.parse(readFileSync(new URL(`${dir}/package.json`, import.meta.url)));
const dependencies = (pkg) => Object.keys(pkg.dependencies ?? {});
const external = [...dependencies(manifest('.')), ...dependencies(manifest('../shared'))].filter(
  (name) => name !== '@isms/shared',
);

export async function buildServer({ quiet = false } = {}) {
  const result = await build({
    absWorkingDir: here,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/main.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // Sub-paths too (y-protocols/awareness, lib0/decoding …).
    external: external.flatMap((name) => [name, `${name}/*`]),
    logLevel: quiet ? 'warning' : 'info',
    write: false,
  });
  // Written then renamed: a server starting meanwhile (tests, benchmarks) never reads half a file.
  for (const file of result.outputFiles) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.tmp`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer({ quiet: process.argv.includes('--quiet') });
}
