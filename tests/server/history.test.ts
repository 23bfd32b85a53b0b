import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SEMINAR4_SCENARIO,
  boardDocName,
  editNote,
  noteText,
  placeControl,
  readBoard,
  removePlacement,
  type CreateWorkshopResponse,
  type HistoryListResponse,
  type HistoryVersionResponse,
  type RestoreResponse,
} from '@isms/shared';
import type { Backup } from '../../server/src/api/backup';
import { DEFAULT_TIMINGS } from '../../server/src/config';
import { SqliteHistoryStore } from '../../server/src/history/sqlite';
import {
  ORGANISER_KEY,
  connectClient,
  startTestServer,
  synced,
  waitFor,
  type TestClient,
  type TestServer,
} from './harness';
import { childServerFixture, freePort, spawnServer } from './childServer';

const ctx = { scenario: SEMINAR4_SCENARIO };

/** Versions every 100 ms of change, so tests see periodic versions without waiting minutes. */
const FAST_HISTORY = { ...DEFAULT_TIMINGS, historyIntervalMs: 100 };

let server: TestServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.close();
  server = null;
});

async function participant(
  ts: TestServer,
  created: CreateWorkshopResponse,
  name: string,
  group = 0,
): Promise<TestClient> {
  const joined = await ts.join(created.workshop.groups[group]!.code, name);
  const client = connectClient(
    ts.wsUrl,
    boardDocName(created.workshop.id, joined.groupId),
    joined.token,
  );
  client.provider.awareness.setLocalState({ user: { name } });
  clients.push(client);
  await synced(client);
  return client;
}

function place(client: TestClient, assetId: string, controlId: string, note: string): string {
  const result = placeControl(client.doc, ctx, { assetId, controlId, placedBy: 'p' });
  if (!result.ok) throw new Error(result.message);
  const id = result.value.placementId;
  editNote(client.doc, ctx, { placementId: id, index: 0, deleteCount: 0, insert: note });
  return id;
}

async function versions(ts: TestServer, created: CreateWorkshopResponse, groupId = 'g1') {
  const reply = await ts.api<HistoryListResponse>(
    'GET',
    `/api/workshops/${created.workshop.id}/groups/${groupId}/history`,
    { token: created.instructorToken },
  );
  expect(reply.status).toBe(200);
  return reply.body.versions;
}

async function restore(
  ts: TestServer,
  created: CreateWorkshopResponse,
  versionId: number,
  scope: unknown = { kind: 'board' },
) {
  return ts.api<RestoreResponse>(
    'POST',
    `/api/workshops/${created.workshop.id}/groups/g1/history/${versionId}/restore`,
    { token: created.instructorToken, body: { scope } },
  );
}

/** Pause between a live typist's keystrokes, ms. */
const TYPING_INTERVAL_MS = 20;

const cardCount = (client: TestClient) => readBoard(client.doc).placements.length;

describe('board history', () => {
  it('keeps a timeline: periodic versions naming the editors, lock, unlock and phase versions', async () => {
    server = await startTestServer({ timings: FAST_HISTORY });
    const ts = server;
    const created = await ts.createWorkshop(2);
    const hanako = await participant(ts, created, '花子');
    place(hanako, 'customer-db', '5.12', 'アクセス権を見直す');
    await waitFor(async () => (await versions(ts, created)).length >= 1, 'a periodic version');
    const [first] = await versions(ts, created);
    expect(first).toMatchObject({ reason: 'periodic', editors: ['花子'] });
    expect(first!.bytes).toBeGreaterThan(0);

    const lock = (locked: boolean) =>
      ts.api('POST', `/api/workshops/${created.workshop.id}/lock`, {
        token: created.instructorToken,
        body: { groupId: 'g1', locked },
      });
    expect((await lock(true)).status).toBe(200);
    expect((await lock(false)).status).toBe(200);
    const reasons = (await versions(ts, created)).map((version) => version.reason);
    expect(reasons).toEqual(['periodic', 'lock', 'unlock']);
    // The other group's board never changed: no versions there.
    expect(await versions(ts, created, 'g2')).toEqual([]);

    // A phase change takes a version of every board of the workshop.
    const phase = await ts.api('POST', `/api/workshops/${created.workshop.id}/phase`, {
      token: created.instructorToken,
      body: { phaseIndex: 1 },
    });
    expect(phase.status).toBe(200);
    expect((await versions(ts, created)).at(-1)?.reason).toBe('phase');
    expect((await versions(ts, created, 'g2')).map((version) => version.reason)).toEqual(['phase']);

    // One version's state is the board as it was then.
    const shown = await ts.api<HistoryVersionResponse>(
      'GET',
      `/api/workshops/${created.workshop.id}/groups/g1/history/${first!.id}`,
      { token: created.instructorToken },
    );
    const past = new Y.Doc();
    Y.applyUpdate(past, new Uint8Array(Buffer.from(shown.body.state, 'base64')));
    expect(readBoard(past).placements.map((p) => p.note)).toEqual(['アクセス権を見直す']);
  });

  it('is instructor-only and scoped to the token’s workshop', async () => {
    server = await startTestServer({ timings: FAST_HISTORY });
    const ts = server;
    const created = await ts.createWorkshop(1);
    const other = await ts.createWorkshop(1);
    const joined = await ts.join(created.workshop.groups[0]!.code, '花子');
    const path = `/api/workshops/${created.workshop.id}/groups/g1/history`;
    expect((await ts.api('GET', path, { token: joined.token })).status).toBe(403);
    expect((await ts.api('GET', path, { token: other.instructorToken })).status).toBe(403);
    expect((await ts.api('GET', path)).status).toBe(401);
    const missing = `/api/workshops/${created.workshop.id}/groups/g9/history`;
    expect((await ts.api('GET', missing, { token: created.instructorToken })).status).toBe(404);
    expect((await restore(ts, created, 12345)).status).toBe(404);
    expect((await restore(ts, created, 1, { kind: 'everything' })).status).toBe(400);
  });

  it('restores a wiped board to everyone, keeps concurrent typing, and the restore is undoable', async () => {
    server = await startTestServer({ timings: FAST_HISTORY });
    const ts = server;
    const created = await ts.createWorkshop(1);
    const wiper = await participant(ts, created, '太郎');
    const typist = await participant(ts, created, '花子');
    const ids = [
      place(wiper, 'customer-db', '5.12', 'アクセス権を四半期ごとに見直す'),
      place(wiper, 'customer-db', '5.15', '最小権限'),
      place(wiper, 'bcp', '5.29', 'BCP を年1回訓練'),
    ];
    await waitFor(() => cardCount(typist) === 3, 'typist sees the cards');
    await waitFor(async () => (await versions(ts, created)).length >= 1, 'a version');
    const version = (await versions(ts, created)).at(-1)!;
    const note = ids[0]!;
    const before = noteText(typist.doc, note)!.toString();

    // The typist types online (the server has it), then loses the network and keeps typing:
    // those characters are concurrent with the restore.
    const type = (text: string) =>
      editNote(typist.doc, ctx, {
        placementId: note,
        index: noteText(typist.doc, note)!.length,
        deleteCount: 0,
        insert: text,
      });
    type('（済）');
    await waitFor(
      () => noteText(wiper.doc, note)?.toString() === `${before}（済）`,
      'online typing reached the others',
    );
    typist.provider.disconnect();
    // The wipe: every card removed.
    for (const id of ids) removePlacement(wiper.doc, ctx, { placementId: id });
    type('オフライン追記');

    await waitFor(async () => (await versions(ts, created)).length >= 2, 'the wipe is a version');
    const reply = await restore(ts, created, version.id);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ cardsRestored: 3 });
    await waitFor(() => cardCount(wiper) === 3, 'the wiper sees every card back');
    expect(
      readBoard(wiper.doc)
        .placements.map((p) => p.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(noteText(wiper.doc, ids[1]!)!.toString()).toBe('最小権限');

    typist.provider.connect();
    const expected = `${before}オフライン追記`;
    await waitFor(
      () =>
        noteText(wiper.doc, note)?.toString() === expected &&
        noteText(typist.doc, note)?.toString() === expected,
      'the offline typing survives the restore on every client',
    );
    expect(readBoard(typist.doc)).toEqual(readBoard(wiper.doc));

    // Restoring the version taken just before the restore undoes it: the board is wiped again.
    const undo = await restore(ts, created, reply.body.beforeRestoreId);
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ cardsRemoved: 3 });
    await waitFor(
      () => cardCount(wiper) === 0 && cardCount(typist) === 0,
      'everyone sees the undo',
    );

    // A live typist keeps typing while the version is restored once more: nothing typed after
    // the typist saw the restore is lost, and the note reads the version's text followed by
    // what was typed (the characters the server had before the restore are restored away).
    const live: string[] = [];
    /** Characters typed when the typist saw the restore; 20 more are typed after it. */
    let typedWhenRestored: number | null = null;
    const typing = (async () => {
      for (let i = 0; typedWhenRestored === null || i < typedWhenRestored + 20; i++) {
        const char = String.fromCharCode(0x3042 + (i % 40));
        live.push(char);
        type(char);
        // A person's pace (~50 characters a second), well under the frame-rate limit.
        await new Promise((resolve) => setTimeout(resolve, TYPING_INTERVAL_MS));
        if (live.length > 2000) throw new Error('restore never reached the typist');
      }
    })();
    await waitFor(() => live.length >= 10, 'the typist is typing');
    const again = await restore(ts, created, version.id);
    expect(again.status).toBe(200);
    await waitFor(() => cardCount(typist) === 3, 'the restore reaches the typist');
    typedWhenRestored = live.length;
    await typing;
    await waitFor(
      () =>
        typist.provider.synced &&
        noteText(wiper.doc, note)?.toString() === noteText(typist.doc, note)?.toString() &&
        noteText(wiper.doc, note)!.length >= before.length + 20,
      'the note converges',
    );
    const final = noteText(wiper.doc, note)!.toString();
    expect(final.startsWith(before)).toBe(true);
    const suffix = final.slice(before.length);
    expect(live.join('').endsWith(suffix)).toBe(true);
    expect(suffix.length).toBeGreaterThanOrEqual(20);
    expect(readBoard(typist.doc)).toEqual(readBoard(wiper.doc));
  });

  it('restores one asset lane or one note', async () => {
    server = await startTestServer({ timings: FAST_HISTORY });
    const ts = server;
    const created = await ts.createWorkshop(1);
    const member = await participant(ts, created, '太郎');
    const a = place(member, 'customer-db', '5.12', '一');
    const b = place(member, 'bcp', '5.29', '二');
    await waitFor(async () => (await versions(ts, created)).length >= 1, 'a version');
    const version = (await versions(ts, created)).at(-1)!;
    removePlacement(member.doc, ctx, { placementId: a });
    removePlacement(member.doc, ctx, { placementId: b });
    await waitFor(async () => (await versions(ts, created)).length >= 2, 'the wipe is a version');
    const lane = await restore(ts, created, version.id, { kind: 'asset', assetId: 'bcp' });
    expect(lane.body).toMatchObject({ cardsRestored: 1 });
    await waitFor(() => cardCount(member) === 1, 'the lane is back');
    expect(readBoard(member.doc).placements[0]!.id).toBe(b);
    const one = await restore(ts, created, version.id, { kind: 'note', placementId: a });
    expect(one.status).toBe(200);
    await waitFor(
      () => noteText(member.doc, a)?.toString() === '一' && cardCount(member) === 2,
      'the note is back',
    );
  });

  it('is in the backup, comes back with a restored workshop, and is deleted with the workshop', async () => {
    server = await startTestServer({ timings: FAST_HISTORY });
    const ts = server;
    const created = await ts.createWorkshop(1);
    const member = await participant(ts, created, '太郎');
    place(member, 'customer-db', '5.12', 'バックアップ');
    await waitFor(async () => (await versions(ts, created)).length >= 1, 'a version');
    const original = await versions(ts, created);
    const backup = await ts.api<Backup>(
      'GET',
      `/api/workshops/${created.workshop.id}/export/backup.json`,
      { token: created.instructorToken },
    );
    expect(backup.body.history?.g1).toHaveLength(original.length);
    const copy = await ts.api<CreateWorkshopResponse>('POST', '/api/workshops/restore', {
      token: ORGANISER_KEY,
      body: backup.body,
    });
    expect(copy.status).toBe(201);
    const copied = await versions(ts, copy.body);
    expect(copied.map(({ at, reason, editors }) => ({ at, reason, editors }))).toEqual(
      original.map(({ at, reason, editors }) => ({ at, reason, editors })),
    );

    const broken = structuredClone(backup.body);
    broken.history!.g1![0]!.state = Buffer.from([1, 2, 3, 250]).toString('base64');
    const refused = await ts.api('POST', '/api/workshops/restore', {
      token: ORGANISER_KEY,
      body: broken,
    });
    expect(refused.status).toBe(400);

    const removed = await ts.api('DELETE', `/api/workshops/${created.workshop.id}`, {
      token: ORGANISER_KEY,
    });
    expect(removed.status).toBe(204);
    expect(await ts.server.backends.history.list(boardDocName(created.workshop.id, 'g1'))).toEqual(
      [],
    );
    expect(await ts.server.backends.history.bytes(`${copy.body.workshop.id}/`)).toBeGreaterThan(0);
  });
});

describe('board history across kill -9', () => {
  const { dataDir, children } = childServerFixture();

  it('a version the server reported is still there after SIGKILL and restart', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, ORGANISER_KEY };
    children.push(await spawnServer(env, port));
    const base = `http://127.0.0.1:${port}`;
    const call = async <T>(method: string, path: string, token: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await response.json()) as T;
    };
    const created = await call<CreateWorkshopResponse>('POST', '/api/workshops', ORGANISER_KEY, {
      title: 'kill',
      date: '2026-11-26',
      scenarioId: SEMINAR4_SCENARIO.id,
      groups: 1,
    });
    const historyPath = `/api/workshops/${created.workshop.id}/groups/g1/history`;
    await call('POST', `/api/workshops/${created.workshop.id}/lock`, created.instructorToken, {
      groupId: 'g1',
      locked: true,
    });
    const before = await call<HistoryListResponse>('GET', historyPath, created.instructorToken);
    expect(before.versions.map((version) => version.reason)).toEqual(['lock']);
    children[0]!.process.kill('SIGKILL');
    await children[0]!.exited;
    const store = new SqliteHistoryStore(dataDir);
    expect(await store.list(boardDocName(created.workshop.id, 'g1'))).toEqual(before.versions);
    await store.close();
    children.push(await spawnServer(env, port));
    const after = await call<HistoryListResponse>('GET', historyPath, created.instructorToken);
    expect(after.versions).toEqual(before.versions);
  });
});
