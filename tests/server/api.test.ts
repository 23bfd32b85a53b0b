import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  workshopDocName,
  type ApiError,
  type CreateWorkshopResponse,
  type WorkshopListResponse,
} from '@isms/shared';
import { ORGANISER_KEY, startTestServer, tempDataDir, type TestServer } from './harness';
import { startServer } from '../../server/src/app';
import { testConfig } from '../../server/src/config';

describe('HTTP API, health, static client', () => {
  let harness: TestServer | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('creates, lists and describes workshops; validates bodies; requires the right credential', async () => {
    harness = await startTestServer();
    const created = await harness.createWorkshop(3);
    expect(created.workshop.groups.map((group) => group.id)).toEqual(['g1', 'g2', 'g3']);
    for (const group of created.workshop.groups) {
      expect(group.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      expect(group.joinUrl).toMatch(/\/join\/[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    }
    expect(created.instructorUrl).toContain(`/instructor/${created.workshop.id}#token=`);
    // Every board and the workshop doc are stored initialised before anyone joins.
    const { store } = harness.server.backends;
    expect(await store.list(`${created.workshop.id}/`)).toEqual(
      [
        ...created.workshop.groups.map((group) => `${created.workshop.id}/${group.id}`),
        workshopDocName(created.workshop.id),
      ].sort(),
    );
    const list = await harness.api<WorkshopListResponse>('GET', '/api/workshops', {
      token: ORGANISER_KEY,
    });
    expect(list.body.workshops.map((workshop) => workshop.id)).toEqual([created.workshop.id]);
    const bad = await harness.api<ApiError>('POST', '/api/workshops', {
      token: ORGANISER_KEY,
      body: { title: '', date: 'tomorrow', scenarioId: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-request');
    expect((await harness.api('GET', '/api/workshops')).status).toBe(401);
    const asInstructor = await harness.api('GET', '/api/workshops', {
      token: created.instructorToken,
    });
    expect(asInstructor.status).toBe(403);
    const info = await harness.api('GET', `/api/workshops/${created.workshop.id}`, {
      token: created.instructorToken,
    });
    expect(info.status).toBe(200);
    const member = await harness.join(created.workshop.groups[0]!.code.toLowerCase());
    const asParticipant = await harness.api('GET', `/api/workshops/${created.workshop.id}`, {
      token: member.token,
    });
    expect(asParticipant.status).toBe(403);
    expect((await harness.api('GET', '/api/nothing')).status).toBe(404);
  });

  it('join: accepts codes typed loosely, returns a scoped token, limits failures per address with Retry-After', async () => {
    harness = await startTestServer({ limits: { joinFailuresPerAddress: 1 } as never });
    const created = await harness.createWorkshop(1);
    const code = created.workshop.groups[0]!.code;
    const joined = await harness.join(` ${code.toLowerCase()} `, 'さくら');
    expect(joined).toMatchObject({
      workshopId: created.workshop.id,
      groupId: 'g1',
      role: 'participant',
    });
    expect(
      (await harness.api('POST', '/api/join', { body: { code: 'ZZZZ-ZZZZ', name: 'x' } })).status,
    ).toBe(404);
    expect((await harness.api('POST', '/api/join', { body: { code, name: '' } })).status).toBe(400);
    const limited = await harness.api<ApiError>('POST', '/api/join', { body: { code, name: 'x' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('generates and keeps the organiser key and token secret (mode 0600) on first start', async () => {
    const dataDir = tempDataDir();
    const first = await startServer(testConfig({ dataDir }));
    expect(first.organiserKeyGenerated).toBe(true);
    await first.close();
    const keyFile = path.join(dataDir, 'organiser-key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, 'token-secret')).mode & 0o777).toBe(0o600);
    const second = await startServer(testConfig({ dataDir }));
    expect(second.organiserKeyGenerated).toBe(false);
    expect(second.organiserKey).toBe(first.organiserKey);
    harness = null;
    const { harnessFor } = await import('./harness');
    harness = harnessFor(second, dataDir);
    const reply = await harness.api<CreateWorkshopResponse>('GET', '/api/workshops', {
      token: first.organiserKey,
    });
    expect(reply.status).toBe(200);
  });

  it('serves health, readiness, metrics and the built client with cache headers and SPA fallback', async () => {
    const staticDir = tempDataDir();
    mkdirSync(path.join(staticDir, 'assets'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>board</title>');
    writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    harness = await startTestServer({ staticDir });
    const base = harness.server.url;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ ready: true });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const name of [
      'isms_connections',
      'isms_rooms',
      'isms_frames_in_total',
      'isms_persist_latency_seconds',
      'isms_event_loop_delay_p99_seconds',
    ]) {
      expect(metrics).toContain(name);
    }
    const asset = await fetch(`${base}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('javascript');
    const route = await fetch(`${base}/g/some/client/route`);
    expect(route.status).toBe(200);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('<title>board</title>');
    expect((await fetch(`${base}/..%2f..%2fetc/passwd`)).headers.get('content-type')).toContain(
      'text/html',
    );
    expect((await fetch(`${base}/api/unknown`)).status).toBe(404);
  });
});
