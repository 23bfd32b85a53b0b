/* global process, console */
/**
 * The participant route's JavaScript, gzipped: the entry chunk plus every chunk the start
 * page and the board import (the instructor routes are lazy and excluded), and what
 * dominates it, by package, from the source maps.
 *   npm run bundle:report -w client
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const out = mkdtempSync(path.join(tmpdir(), 'isms-bundle-'));
execFileSync('npx', ['vite', 'build', '--outDir', out, '--manifest', '--logLevel', 'error'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
const manifest = JSON.parse(readFileSync(path.join(out, '.vite/manifest.json'), 'utf8'));
const closure = (key, seen = new Set()) => {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) closure(imported, seen);
  return seen;
};
const find = (part) => Object.keys(manifest).find((key) => key.includes(part));
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const keys = new Set([
  ...closure(entry),
  ...closure(find('board/BoardPage')),
  ...closure(find('join/StartPage')),
]);

let total = 0;
const byPackage = new Map();
for (const key of keys) {
  const file = manifest[key].file;
  const code = readFileSync(path.join(out, file));
  const gzipped = gzipSync(code, { level: 9 }).length;
  total += gzipped;
  // Attribute the chunk's gzipped size to packages in proportion to their source size.
  const map = JSON.parse(readFileSync(path.join(out, `${file}.map`), 'utf8'));
  const sizes = map.sources.map((source, index) => {
    const name = source.includes('node_modules/')
      ? source
          .split('node_modules/')
          .pop()
          .split('/')
          .slice(0, source.includes('/@') ? 2 : 1)
          .join('/')
      : source.includes('shared/src/catalog/data') || source.includes('scenario/data')
        ? '@isms/shared (catalog + scenario JSON)'
        : source.includes('shared/src')
          ? '@isms/shared (code)'
          : 'client (our code)';
    return [name, (map.sourcesContent?.[index] ?? '').length];
  });
  const sum = sizes.reduce((acc, [, size]) => acc + size, 0) || 1;
  for (const [name, size] of sizes) {
    byPackage.set(name, (byPackage.get(name) ?? 0) + (gzipped * size) / sum);
  }
}
const rows = [...byPackage].sort((a, b) => b[1] - a[1]);
for (const [name, size] of rows.slice(0, 15)) {
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${name}`);
}
// JSON modules have no source map; their share (inside the figures above) is measured apart.
const shared = path.resolve(import.meta.dirname, '../../shared/src');
for (const data of [
  'catalog/data/iso27002-2022-controls.json',
  'catalog/data/iso27002-attributes.json',
  'catalog/data/control-relations.json',
  'scenario/data/seminar4-organizational.json',
]) {
  const minified = JSON.stringify(JSON.parse(readFileSync(path.join(shared, data), 'utf8')));
  const size = gzipSync(minified, { level: 9 }).length;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  (data, included above) ${data}`);
}
console.log(`participant route JS, gzipped: ${(total / 1024).toFixed(1)} KB (budget 250 KB)`);
