import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompressDir } from '../../client/build/precompress';
import { startTestServer, tempDataDir, type TestServer } from './harness';

/**
 * Issue 11, static assets: build-time brotli/gzip (client/build/precompress.ts) served by
 * Accept-Encoding negotiation with Vary, ETag/304 for index.html, immutable hashed assets.
 * node:http, not fetch: fetch would negotiate and decompress by itself.
 */
let harness: TestServer | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(route: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: harness!.server.port, path: route, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const INDEX = `<!doctype html><title>board</title>${'<!-- padding -->'.repeat(200)}`;
const APP = `console.log(${JSON.stringify('ボード'.repeat(2000))});`;

async function startWithBuild(): Promise<void> {
  const staticDir = tempDataDir();
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'index.html'), INDEX);
  writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js'), APP);
  writeFileSync(path.join(staticDir, 'assets', 'tiny-abc123.js'), 'console.log(1)');
  expect(await precompressDir(staticDir)).toBe(2);
  expect(readFileSync(path.join(staticDir, 'assets', 'app-abc123.js.br')).length).toBeLessThan(
    APP.length / 10,
  );
  harness = await startTestServer({ staticDir });
}

describe('static client', () => {
  it('negotiates brotli, gzip or identity with Content-Encoding and Vary', async () => {
    await startWithBuild();
    const br = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.headers['content-type']).toContain('javascript');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(brotliDecompressSync(br.body).toString()).toBe(APP);
    const gz = await get('/assets/app-abc123.js', { 'accept-encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(APP);
    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(APP);
    // Too small to be worth compressing: no variants, no Vary.
    const tiny = await get('/assets/tiny-abc123.js', { 'accept-encoding': 'br' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers.vary).toBeUndefined();
  });

  it('revalidates index.html (and client routes) with ETag → 304, per encoding', async () => {
    await startWithBuild();
    const first = await get('/board/w/g1', { 'accept-encoding': 'br' });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(first.body).toString()).toBe(INDEX);
    const etag = String(first.headers.etag);
    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    // Another encoding is another representation: the br tag does not validate gzip.
    const gzip = await get('/', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });
});
