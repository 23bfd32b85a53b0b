import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SEMINAR4_SCENARIO,
  StoreOrigin,
  boardDocName,
  editNote,
  noteText,
  placeControl,
  type CreateWorkshopResponse,
} from '@isms/shared';
import { SqliteDocStore } from '../../server/src/store/sqlite';
import { ORGANISER_KEY, connectClient, synced, waitFor, type TestClient } from './harness';
import { childServerFixture, freePort, spawnServer } from './childServer';

const ctx = { scenario: SEMINAR4_SCENARIO };
const CLIENTS = 10;

/** Everything a client received from the server (origin = its provider), to check later. */
function recordReceived(client: TestClient): Uint8Array[] {
  const received: Uint8Array[] = [];
  client.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === client.provider) received.push(update);
  });
  return received;
}

async function storedDoc(dataDir: string, docName: string): Promise<Y.Doc> {
  const store = new SqliteDocStore(dataDir, 'NORMAL');
  try {
    const stored = await store.load(docName);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, new StoreOrigin());
    for (const entry of stored.updates) Y.applyUpdate(doc, entry.update, new StoreOrigin());
    return doc;
  } finally {
    await store.close();
  }
}

describe('crash: SIGKILL mid-stream loses nothing any client has seen', () => {
  const { dataDir, children, clients } = childServerFixture();

  it('10 clients typing, kill -9, restart on the same port: stored ⊇ seen, then all converge without duplicates', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, ORGANISER_KEY };
    children.push(await spawnServer(env, port));
    const created = (await (
      await fetch(`http://127.0.0.1:${port}/api/workshops`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ORGANISER_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'crash',
          date: '2026-11-26',
          scenarioId: SEMINAR4_SCENARIO.id,
          groups: 1,
        }),
      })
    ).json()) as CreateWorkshopResponse;
    const docName = boardDocName(created.workshop.id, 'g1');
    const wsUrl = `ws://127.0.0.1:${port}/sync`;
    for (let index = 0; index < CLIENTS; index += 1) {
      clients.push(connectClient(wsUrl, docName, created.instructorToken));
    }
    const received = clients.map(recordReceived);
    await Promise.all(clients.map((client) => synced(client)));
    const placed = placeControl(clients[0]!.doc, ctx, {
      assetId: SEMINAR4_SCENARIO.assets[0]!.id,
      controlId: '5.12',
      placedBy: 'c0',
    });
    if (!placed.ok) throw new Error('place failed');
    const { placementId } = placed.value;
    await waitFor(
      () => clients.every((client) => noteText(client.doc, placementId) !== undefined),
      'card everywhere',
    );

    const written: string[] = [];
    let counter = 0;
    const type = () => {
      clients.forEach((client, index) => {
        const token = `<${index}.${counter}>`;
        const text = noteText(client.doc, placementId)!;
        const result = editNote(client.doc, ctx, {
          placementId,
          index: text.length,
          deleteCount: 0,
          insert: token,
        });
        if (result.ok) written.push(token);
      });
      counter += 1;
    };
    const typing = setInterval(type, 15);
    await waitFor(() => received.every((list) => list.length > 20), 'clients receiving edits');
    children[0]!.process.kill('SIGKILL');
    await children[0]!.exited;
    const seenAtKill = received.map((list) => list.slice());

    // Strict check BEFORE anyone reconnects: every update any client received is stored.
    const stored = await storedDoc(dataDir, docName);
    const storedSnapshot = Y.snapshot(stored);
    let seenCount = 0;
    for (const list of seenAtKill) {
      for (const update of list) {
        seenCount += 1;
        expect(Y.snapshotContainsUpdate(storedSnapshot, update)).toBe(true);
      }
    }
    expect(seenCount).toBeGreaterThan(CLIENTS * 20);
    stored.destroy();

    // Clients keep typing offline, the server comes back on the same port, they resync.
    await waitFor(() => counter > 0 && written.length > 0, 'typing');
    children.push(await spawnServer(env, port));
    await waitFor(() => clients.every((client) => client.provider.synced), 'all resynced', 20_000);
    clearInterval(typing);
    const expectedLength = written.join('').length;
    await waitFor(
      () => clients.every((client) => noteText(client.doc, placementId)!.length === expectedLength),
      'converged after restart',
      20_000,
    );
    const finalText = noteText(clients[0]!.doc, placementId)!.toString();
    for (const client of clients)
      expect(noteText(client.doc, placementId)!.toString()).toBe(finalText);
    // No loss, no duplicates: every token typed appears exactly once.
    for (const token of written) expect(finalText.split(token).length - 1).toBe(1);
  });
});
