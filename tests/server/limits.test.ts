import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import path from 'node:path';
import { SignJWT } from 'jose';
import {
  CloseCode,
  MessageType,
  SEMINAR4_SCENARIO,
  boardDocName,
  editNote,
  listPlacements,
  placeControl,
  readBoard,
  type Limits,
} from '@isms/shared';
import type { ServerTimings } from '../../server/src/config';
import {
  connectClient,
  openRaw,
  startTestServer,
  synced,
  waitFor,
  type TestClient,
  type TestServer,
} from './harness';
import { metricValue } from './wrappedStore';

const ctx = { scenario: SEMINAR4_SCENARIO };
const asset = SEMINAR4_SCENARIO.assets[0]!.id;
const QUERY_AWARENESS = new Uint8Array([MessageType.queryAwareness]);

/** Each limit is configuration with a default (shared/src/protocol/limits.ts); one test each. */
describe('limits and hostile clients', () => {
  let harness: TestServer;
  const clients: TestClient[] = [];
  async function start(limits: Partial<Limits> = {}, timings: Partial<ServerTimings> = {}) {
    harness = await startTestServer({
      limits: limits as Limits,
      timings: timings as ServerTimings,
    });
    const created = await harness.createWorkshop(2);
    return {
      created,
      docName: boardDocName(created.workshop.id, 'g1'),
      token: created.instructorToken,
    };
  }
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await harness.close();
  });

  it('maxFrameBytes: a larger frame closes with 1009', async () => {
    const { docName, token } = await start({ maxFrameBytes: 4096 });
    const raw = await openRaw(harness.wsUrl, docName, token);
    raw.socket.send(new Uint8Array(4097));
    expect((await raw.closed).code).toBe(CloseCode.messageTooBig);
    const ok = await openRaw(harness.wsUrl, docName, token);
    ok.socket.send(new Uint8Array(4000).fill(MessageType.queryAwareness, 0, 1));
    expect((await ok.closed).code).toBe(CloseCode.invalidPayload);
  });

  it('maxFramesPerSecond: a flood closes with rateLimited', async () => {
    const { docName, token } = await start({ maxFramesPerSecond: 10 });
    const raw = await openRaw(harness.wsUrl, docName, token);
    for (let index = 0; index < 100; index += 1) raw.socket.send(QUERY_AWARENESS);
    expect((await raw.closed).code).toBe(CloseCode.rateLimited);
  });

  it('maxDocumentBytes: a write beyond the cap closes with documentTooLarge and is not applied', async () => {
    const { docName, token } = await start({ maxDocumentBytes: 6_000 });
    const writer = connectClient(harness.wsUrl, docName, token);
    const watcher = connectClient(harness.wsUrl, docName, token);
    clients.push(writer, watcher);
    await Promise.all([synced(writer), synced(watcher)]);
    const placed = placeControl(writer.doc, ctx, {
      assetId: asset,
      controlId: '5.1',
      placedBy: 'w',
    });
    await waitFor(() => listPlacements(watcher.doc).length === 1, 'small write delivered');
    const placementId = placed.ok ? placed.value.placementId : '';
    editNote(writer.doc, ctx, { placementId, index: 0, deleteCount: 0, insert: 'あ'.repeat(3000) });
    await waitFor(
      () => writer.closes.some((close) => close.code === CloseCode.documentTooLarge),
      'closed 4006',
    );
    expect(readBoard(watcher.doc).placements[0]?.note ?? '').toBe('');
  });

  it('maxBufferedBytes: a client that stops reading is closed with 1013; others are unaffected', async () => {
    const { docName, token } = await start({ maxBufferedBytes: 64 * 1024 });
    const writer = connectClient(harness.wsUrl, docName, token);
    const reader = connectClient(harness.wsUrl, docName, token);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    const stalled = await openRaw(harness.wsUrl, docName, token);
    (stalled.socket as unknown as { _socket: Socket })._socket.pause();
    const placed = placeControl(writer.doc, ctx, {
      assetId: asset,
      controlId: '5.1',
      placedBy: 'w',
    });
    const placementId = placed.ok ? placed.value.placementId : '';
    let typed = 0;
    await waitFor(
      async () => {
        // ~2 KiB per edit; the kernel buffers some, then the server's buffer passes 64 KiB.
        for (let burst = 0; burst < 20; burst += 1) {
          editNote(writer.doc, ctx, {
            placementId,
            index: 0,
            deleteCount: 2000,
            insert: `${typed++}`.padEnd(2000, 'x'),
          });
        }
        return (
          (await metricValue(
            harness.server.url,
            'isms_closes_total',
            `code="${CloseCode.tryAgainLater}"`,
          )) >= 1
        );
      },
      'stalled socket closed with 1013',
      20_000,
    );
    const last = `${typed - 1}`.padEnd(2000, 'x');
    await waitFor(() => readBoard(reader.doc).placements[0]?.note === last, 'reader kept up');
    stalled.socket.terminate();
  });

  it('keepalive: an idle socket receives a no-op message well within 30 s', async () => {
    const { docName, token } = await start({}, { keepaliveMs: 100 });
    const raw = await openRaw(harness.wsUrl, docName, token);
    const before = raw.received.length;
    await waitFor(
      () =>
        raw.received
          .slice(before)
          .filter((frame) => frame.length === 3 && frame[0] === MessageType.awareness).length >= 3,
      'keepalive frames',
    );
    raw.socket.close();
  });

  it('heartbeat: a dead TCP peer (no pong) is reaped', async () => {
    const { docName, token } = await start({ heartbeatMs: 100 });
    const raw = await openRaw(harness.wsUrl, docName, token);
    await waitFor(
      async () => (await metricValue(harness.server.url, 'isms_connections')) === 1,
      'connected',
    );
    (raw.socket as unknown as { _socket: Socket })._socket.pause();
    await waitFor(
      async () => (await metricValue(harness.server.url, 'isms_connections')) === 0,
      'reaped',
    );
    raw.socket.terminate();
  });

  it('a token that expires while connected closes the socket with tokenExpired', async () => {
    const { created, docName } = await start({ heartbeatMs: 100 });
    const secret = (await readFile(path.join(harness.dataDir, 'token-secret'), 'utf8')).trim();
    const shortLived = await new SignJWT({
      workshop: created.workshop.id,
      group: null,
      role: 'instructor',
      name: 'i',
      gen: 0,
      jti: 'short-lived',
      exp: Math.floor(Date.now() / 1000) + 2,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(secret));
    const raw = await openRaw(harness.wsUrl, docName, shortLived);
    expect((await raw.closed).code).toBe(CloseCode.tokenExpired);
  });

  it('awareness: a socket may not update a client id another socket owns (first claim wins)', async () => {
    const { docName, token } = await start();
    const first = connectClient(harness.wsUrl, docName, token);
    clients.push(first);
    await synced(first);
    first.provider.awareness.setLocalStateField('user', { name: 'owner' });
    const impostor = connectClient(harness.wsUrl, docName, token);
    clients.push(impostor);
    // Same awareness client id as `first` (a hostile client can pick any).
    impostor.provider.awareness.clientID = first.doc.clientID;
    await synced(impostor);
    impostor.provider.awareness.setLocalStateField('user', { name: 'impostor' });
    // Dropped silently (honest providers echo their peers' states), counted in the metrics.
    await waitFor(
      async () =>
        (await metricValue(
          harness.server.url,
          'isms_rejected_frames_total',
          'reason="awareness-not-owned"',
        )) >= 1,
      'impostor entry dropped',
    );
    expect(impostor.denials).toEqual([]);
    const watcher = connectClient(harness.wsUrl, docName, token);
    clients.push(watcher);
    await synced(watcher);
    await waitFor(
      () => watcher.provider.awareness.getStates().has(first.doc.clientID),
      'state seen',
    );
    const state = watcher.provider.awareness.getStates().get(first.doc.clientID) as {
      user: { name: string };
    };
    expect(state.user.name).toBe('owner');
  });
});
