import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, SEMINAR4_SCENARIO, boardDocName } from '@isms/shared';
import {
  ORGANISER_KEY,
  connectClient,
  startTestServer,
  synced,
  tempDataDir,
  upgradeStatus,
  waitFor,
  type TestClient,
  type TestServer,
} from './harness';

/**
 * Issue 11, HTTP surface: security headers on every response, the query token only for
 * downloads, the group generation checked on HTTP as on the WebSocket, revocation scoped to the
 * instructor's workshop.
 */
let harness: TestServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await harness?.close();
  harness = null;
});

function expectHardened(headers: Headers, host: string) {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
}

/** The payload of a signed token (its jti), read without verifying. */
function jtiOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { jti: string })
    .jti;
}

describe('security headers', () => {
  it('are on the client, API answers, errors, health and metrics', async () => {
    const staticDir = tempDataDir();
    mkdirSync(path.join(staticDir, 'assets'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>board</title>');
    writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    harness = await startTestServer({ staticDir });
    const base = harness.server.url;
    const host = new URL(base).host;
    const created = await harness.createWorkshop(1);
    const paths = [
      '/',
      '/instructor/x',
      '/assets/app-abc123.js',
      '/api/time',
      '/api/scenarios',
      `/api/workshops/${created.workshop.id}`,
      '/api/nothing',
      '/healthz',
      '/readyz',
      '/metrics',
      '/sync/x',
    ];
    for (const route of paths) expectHardened((await fetch(`${base}${route}`)).headers, host);
    const badJson = await fetch(`${base}/api/join`, { method: 'POST', body: '{' });
    expect(badJson.status).toBe(400);
    expectHardened(badJson.headers, host);
  });

  it('names PUBLIC_URL’s WebSocket origin when it is set', async () => {
    harness = await startTestServer({ publicUrl: 'https://board.example.jp' });
    const csp = (await fetch(`${harness.server.url}/api/time`)).headers.get(
      'content-security-policy',
    );
    expect(csp).toContain("connect-src 'self' ws://board.example.jp wss://board.example.jp");
  });

  it('does not echo a hostile Host header into the policy', async () => {
    harness = await startTestServer();
    const { port } = harness.server;
    const csp = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/time', headers: { host: 'evil; script-src *' } },
        (res) => {
          res.resume();
          resolve(String(res.headers['content-security-policy']));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain('evil');
  });

  it('refused WebSocket upgrades carry nosniff too', async () => {
    harness = await startTestServer();
    const { port } = harness.server;
    const head = await new Promise<string>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        path: '/sync/w/g1',
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      req.on('response', (res) => resolve(String(res.headers['x-content-type-options'])));
      req.on('error', reject);
      req.end();
    });
    expect(head).toBe('nosniff');
  });
});

describe('tokens', () => {
  it('accepts a query token only on downloads', async () => {
    harness = await startTestServer();
    const base = harness.server.url;
    const create = await fetch(`${base}/api/workshops?token=${ORGANISER_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 't', date: '2026-11-26', scenarioId: SEMINAR4_SCENARIO.id }),
    });
    expect(create.status).toBe(401);
    expect((await fetch(`${base}/api/workshops?token=${ORGANISER_KEY}`)).status).toBe(401);
    const created = await harness.createWorkshop(1);
    const { id } = created.workshop;
    const token = encodeURIComponent(created.instructorToken);
    expect((await fetch(`${base}/api/workshops/${id}?token=${token}`)).status).toBe(401);
    const download = await fetch(`${base}/api/workshops/${id}/export/soa.csv?token=${token}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
  });

  it('checks the group generation on HTTP: a revoked or rotated participant reads nothing more', async () => {
    harness = await startTestServer();
    const created = await harness.createWorkshop(2);
    const { id } = created.workshop;
    const [g1, g2] = created.workshop.groups;
    const first = await harness.join(g1!.code);
    const second = await harness.join(g2!.code);
    const scenario = (token: string) =>
      harness!.api('GET', `/api/workshops/${id}/scenario`, { token });
    expect((await scenario(first.token)).status).toBe(200);
    const revoked = await harness.api('POST', `/api/workshops/${id}/revoke`, {
      token: created.instructorToken,
      body: { groupId: 'g1' },
    });
    expect(revoked.status).toBe(200);
    expect((await scenario(first.token)).status).toBe(401);
    expect((await scenario(second.token)).status).toBe(200);
    const rotated = await harness.api('POST', `/api/workshops/${id}/groups/g2/rotate-code`, {
      token: created.instructorToken,
    });
    expect(rotated.status).toBe(200);
    expect((await scenario(second.token)).status).toBe(401);
  });

  it('scopes revocation to the instructor’s own workshop', async () => {
    harness = await startTestServer();
    const a = await harness.createWorkshop(1);
    const b = await harness.createWorkshop(1);
    const member = await harness.join(b.workshop.groups[0]!.code);
    const board = boardDocName(b.workshop.id, 'g1');
    const client = connectClient(harness.wsUrl, board, member.token);
    clients.push(client);
    await synced(client);
    const jti = jtiOf(member.token);
    // Instructor of A names B's token: accepted for A's scope, B's member unaffected.
    const foreign = await harness.api('POST', `/api/workshops/${a.workshop.id}/revoke`, {
      token: a.instructorToken,
      body: { jti },
    });
    expect(foreign.status).toBe(200);
    expect(await upgradeStatus(harness.wsUrl, board, member.token)).toBe(101);
    const scenario = () =>
      harness!.api('GET', `/api/workshops/${b.workshop.id}/scenario`, { token: member.token });
    expect((await scenario()).status).toBe(200);
    expect(client.closes).toEqual([]);
    // B's instructor revokes it: HTTP and WebSocket both refuse, the open socket is closed.
    const own = await harness.api('POST', `/api/workshops/${b.workshop.id}/revoke`, {
      token: b.instructorToken,
      body: { jti },
    });
    expect(own.status).toBe(200);
    expect((await scenario()).status).toBe(401);
    expect(await upgradeStatus(harness.wsUrl, board, member.token)).toBe(401);
    await waitFor(
      () => client.closes.some((close) => close.code === CloseCode.tokenRevoked),
      'revoked socket closed',
    );
  });

  it('refuses an instructor token on another workshop’s instructor routes', async () => {
    harness = await startTestServer();
    const a = await harness.createWorkshop(1);
    const b = await harness.createWorkshop(1);
    for (const [method, route, body] of [
      ['GET', `/api/workshops/${b.workshop.id}`, undefined],
      ['POST', `/api/workshops/${b.workshop.id}/lock`, { groupId: null, locked: true }],
      ['POST', `/api/workshops/${b.workshop.id}/status`, { status: 'archived' }],
      ['POST', `/api/workshops/${b.workshop.id}/viewer-token`, undefined],
      ['POST', `/api/workshops/${b.workshop.id}/groups/g1/rotate-code`, undefined],
      ['POST', `/api/workshops/${b.workshop.id}/revoke`, { groupId: 'g1' }],
      ['GET', `/api/workshops/${b.workshop.id}/export/soa.csv`, undefined],
    ] as const) {
      const reply = await harness.api(method, route, { token: a.instructorToken, body });
      expect(reply.status, `${method} ${route}`).toBe(403);
    }
  });
});
