import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CloseCode,
  SEMINAR4_SCENARIO,
  StoreOrigin,
  StoreStatus,
  boardDocName,
  editNote,
  noteText,
  placeControl,
  readBoard,
  type CreateWorkshopResponse,
  type Limits,
} from '@isms/shared';
import { SqliteDocStore } from '../../server/src/store/sqlite';
import type { ServerTimings } from '../../server/src/config';
import {
  connectClient,
  startTestServer,
  synced,
  tempDataDir,
  waitFor,
  type TestClient,
  type TestServer,
  upgradeStatus,
} from './harness';
import { WrappedStore, metricValue } from './wrappedStore';

const ctx = { scenario: SEMINAR4_SCENARIO };
const asset = SEMINAR4_SCENARIO.assets[0]!.id;

function rebuild(stored: Awaited<ReturnType<SqliteDocStore['load']>>): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, new StoreOrigin());
  for (const entry of stored.updates) Y.applyUpdate(doc, entry.update, new StoreOrigin());
  return doc;
}

function storedBytes(stored: Awaited<ReturnType<SqliteDocStore['load']>>): number {
  return (
    (stored.snapshot?.byteLength ?? 0) +
    stored.updates.reduce((sum, entry) => sum + entry.update.byteLength, 0)
  );
}

describe('room lifecycle: load, compaction, eviction, store failures', () => {
  let harness: TestServer;
  let store: WrappedStore;
  const clients: TestClient[] = [];

  async function start(
    timings: Partial<ServerTimings> = {},
    limits: Partial<Limits> = {},
  ): Promise<CreateWorkshopResponse> {
    const dataDir = tempDataDir();
    store = new WrappedStore(new SqliteDocStore(dataDir, 'NORMAL'));
    harness = await startTestServer(
      { timings: timings as ServerTimings, limits: limits as Limits },
      { store },
      dataDir,
    );
    return harness.createWorkshop(1);
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await harness.close();
    await store.close();
  });

  it('a member joining while a teammate types non-stop is synced: the answer waits only for earlier appends', async () => {
    const created = await start();
    const docName = boardDocName(created.workshop.id, 'g1');
    const writer = connectClient(harness.wsUrl, docName, created.instructorToken);
    clients.push(writer);
    await waitFor(() => writer.provider.synced, 'writer synced');
    const placed = placeControl(writer.doc, ctx, {
      assetId: asset,
      controlId: '5.12',
      placedBy: 'w',
    });
    if (!placed.ok) throw new Error(placed.message);
    // Appends take 40 ms and a key is typed every 10 ms: the room is never without a pending append.
    store.appendDelayMs = 40;
    const typing = setInterval(() => {
      editNote(writer.doc, ctx, {
        placementId: placed.value.placementId,
        index: 0,
        deleteCount: 0,
        insert: 'あ',
      });
    }, 10);
    try {
      await waitFor(() => store.appends > 20, 'typing under way');
      const joiner = connectClient(harness.wsUrl, docName, created.instructorToken);
      clients.push(joiner);
      await waitFor(
        () => joiner.provider.synced && readBoard(joiner.doc).placements.length === 1,
        'joiner synced while the teammate keeps typing',
        5_000,
      );
    } finally {
      clearInterval(typing);
      store.appendDelayMs = 0;
    }
    await waitFor(
      () =>
        clients.every(
          (c) => readBoard(c.doc).placements[0]?.note === readBoard(writer.doc).placements[0]?.note,
        ),
      'converged',
    );
  });

  it('load before sync: concurrent joins share one slow load and never see an empty synced doc', async () => {
    const created = await start();
    store.loadDelayMs = 300;
    const docName = boardDocName(created.workshop.id, 'g1');
    const loadsBefore = store.loads;
    const sawEmpty: boolean[] = [];
    for (let index = 0; index < 5; index += 1) {
      const client = connectClient(harness.wsUrl, docName, created.instructorToken);
      client.provider.on('sync', (isSynced: boolean) => {
        if (isSynced) sawEmpty.push(readBoard(client.doc).meta.groupId !== 'g1');
      });
      clients.push(client);
    }
    await Promise.all(clients.map((client) => synced(client)));
    expect(store.loads - loadsBefore).toBe(1);
    expect(sawEmpty).toEqual([false, false, false, false, false]);
  });

  it('refused upgrades (bad token, other workshop, bad name) never load a room', async () => {
    const created = await start();
    const other = await harness.createWorkshop(1);
    const loadsBefore = store.loads;
    const board = boardDocName(created.workshop.id, 'g1');
    expect(await upgradeStatus(harness.wsUrl, board, 'forged')).toBe(401);
    expect(await upgradeStatus(harness.wsUrl, board, other.instructorToken)).toBe(403);
    expect(
      await upgradeStatus(harness.wsUrl, `${created.workshop.id}/G1`, created.instructorToken),
    ).toBe(400);
    expect(store.loads).toBe(loadsBefore);
  });

  it('a failed load closes with loadFailed and writes nothing; a later load works', async () => {
    const created = await start();
    store.failLoads = true;
    const docName = boardDocName(created.workshop.id, 'g1');
    const appendsBefore = store.appends;
    const client = connectClient(harness.wsUrl, docName, created.instructorToken);
    clients.push(client);
    await waitFor(
      () => client.closes.some((close) => close.code === CloseCode.loadFailed),
      'closed 4004',
    );
    expect(client.provider.synced).toBe(false);
    expect(store.appends).toBe(appendsBefore);
    store.failLoads = false;
    await synced(client);
    expect(readBoard(client.doc).meta.groupId).toBe('g1');
  });

  it('compaction keeps the doc equal and the stored size ≤ 1.2 × its encoded state', async () => {
    const created = await start({ compactAfterUpdates: 20, roomIdleMs: 60_000 });
    const docName = boardDocName(created.workshop.id, 'g1');
    const writer = connectClient(harness.wsUrl, docName, created.instructorToken);
    clients.push(writer);
    await synced(writer);
    const placed = placeControl(writer.doc, ctx, {
      assetId: asset,
      controlId: '5.1',
      placedBy: 'w',
    });
    const placementId = placed.ok ? placed.value.placementId : '';
    for (let index = 0; index < 200; index += 1) {
      editNote(writer.doc, ctx, {
        placementId,
        index: index % 7,
        deleteCount: index % 3 === 0 ? 1 : 0,
        insert: `字${index}`,
      });
    }
    await waitFor(
      async () => (await store.inner.stats(docName)).count < 20 && store.compactions > 0,
      'compacted',
    );
    const expected = noteText(writer.doc, placementId)!.toString();
    await waitFor(
      async () =>
        noteText(rebuild(await store.inner.load(docName)), placementId)?.toString() === expected,
      'stored = client',
    );
    const stored = await store.inner.load(docName);
    const state = Y.encodeStateAsUpdate(rebuild(stored));
    // Right after compaction at most compactAfterUpdates small entries follow the snapshot.
    expect(storedBytes(stored)).toBeLessThanOrEqual(1.2 * state.byteLength + 20 * 64);
    expect(readBoard(rebuild(stored))).toEqual(readBoard(writer.doc));
  });

  it('evicts an idle room after a flush (stored size ≤ 1.2 × state) and reloads it on the next join', async () => {
    const created = await start({ roomIdleMs: 50 });
    const docName = boardDocName(created.workshop.id, 'g1');
    const writer = connectClient(harness.wsUrl, docName, created.instructorToken);
    clients.push(writer);
    await synced(writer);
    for (const controlId of ['5.1', '5.2', '5.3'])
      placeControl(writer.doc, ctx, { assetId: asset, controlId, placedBy: 'w' });
    await waitFor(async () => (await store.inner.stats(docName)).count >= 3, 'appended');
    writer.provider.disconnect();
    await waitFor(
      async () => (await metricValue(harness.server.url, 'isms_rooms')) === 0,
      'room evicted',
    );
    const stored = await store.inner.load(docName);
    expect(stored.updates).toEqual([]);
    const state = Y.encodeStateAsUpdate(rebuild(stored));
    expect(storedBytes(stored)).toBeLessThanOrEqual(1.2 * state.byteLength);
    const reader = connectClient(harness.wsUrl, docName, created.instructorToken);
    clients.push(reader);
    await synced(reader);
    expect(readBoard(reader.doc)).toEqual(readBoard(writer.doc));
  });

  it('a join during eviction waits for the flush and sees everything', async () => {
    const created = await start({ roomIdleMs: 20 });
    store.compactDelayMs = 400;
    const docName = boardDocName(created.workshop.id, 'g1');
    const writer = connectClient(harness.wsUrl, docName, created.instructorToken);
    clients.push(writer);
    await synced(writer);
    placeControl(writer.doc, ctx, { assetId: asset, controlId: '5.7', placedBy: 'w' });
    await waitFor(async () => (await store.inner.stats(docName)).count >= 1, 'appended');
    const startedBefore = store.compactionsStarted;
    const compactionsBefore = store.compactions;
    writer.provider.disconnect();
    // Eviction is under way once its compaction started (held for 400 ms by the store).
    await waitFor(() => store.compactionsStarted > startedBefore, 'eviction started');
    expect(store.compactions).toBe(compactionsBefore);
    const reader = connectClient(harness.wsUrl, docName, created.instructorToken);
    clients.push(reader);
    await synced(reader);
    expect(store.compactions).toBeGreaterThan(compactionsBefore);
    expect(readBoard(reader.doc)).toEqual(readBoard(writer.doc));
  });

  it('refused appends are held, not broadcast: the socket stays open, saving is paused, /readyz 503; all is stored once writes succeed', async () => {
    const created = await start();
    const docName = boardDocName(created.workshop.id, 'g1');
    const writer = connectClient(harness.wsUrl, docName, created.instructorToken);
    const watcher = connectClient(harness.wsUrl, docName, created.instructorToken);
    clients.push(writer, watcher);
    await Promise.all([synced(writer), synced(watcher)]);
    store.failAppends = true;
    placeControl(writer.doc, ctx, { assetId: asset, controlId: '5.9', placedBy: 'w' });
    await waitFor(() => writer.storeStatuses.includes(StoreStatus.paused), 'told saving paused');
    expect(watcher.storeStatuses).toContain(StoreStatus.paused);
    expect((await fetch(`${harness.server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${harness.server.url}/healthz`)).status).toBe(200);
    placeControl(writer.doc, ctx, { assetId: asset, controlId: '5.10', placedBy: 'w' });
    expect(readBoard(watcher.doc).placements).toEqual([]);
    store.failAppends = false;
    // The held edits are retried (storeRetryMs), stored once and only then delivered.
    await waitFor(
      () => readBoard(watcher.doc).placements.length === 2,
      'delivered after recovery',
      15_000,
    );
    await waitFor(() => writer.storeStatuses.at(-1) === StoreStatus.saving, 'told saving again');
    expect((await fetch(`${harness.server.url}/readyz`)).status).toBe(200);
    expect([...writer.closes, ...watcher.closes]).toEqual([]);
    const stored = rebuild(await store.inner.load(docName));
    expect(readBoard(stored).placements).toHaveLength(2);
  });

  it('a room that held more than maxHeldBytes gives up: its sockets close with 4005 and the client re-sends later', async () => {
    const created = await start({}, { maxHeldBytes: 64 });
    const docName = boardDocName(created.workshop.id, 'g1');
    const writer = connectClient(harness.wsUrl, docName, created.instructorToken);
    clients.push(writer);
    await synced(writer);
    store.failAppends = true;
    placeControl(writer.doc, ctx, { assetId: asset, controlId: '5.9', placedBy: 'w' });
    await waitFor(
      () => writer.closes.some((close) => close.code === CloseCode.storeUnavailable),
      'closed 4005',
    );
    store.failAppends = false;
    await waitFor(
      async () => readBoard(rebuild(await store.inner.load(docName))).placements.length === 1,
      'stored after the client re-sent it',
      15_000,
    );
  });
});
