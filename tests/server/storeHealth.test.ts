import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SEMINAR4_SCENARIO,
  StoreOrigin,
  boardDocName,
  placeControl,
  readBoard,
} from '@isms/shared';
import { connectClient, serverPerTest, synced, waitFor, type TestServer } from './harness';

const ctx = { scenario: SEMINAR4_SCENARIO };
const assets = SEMINAR4_SCENARIO.assets.map((asset) => asset.id);
const controls = ['5.1', '5.2', '5.3', '5.9', '5.10', '5.12', '5.15', '5.23'];

/**
 * The single-instance SQLite path with the store health probe running (store/health.ts): it
 * must change nothing a workshop notices — /readyz stays 200, nobody is ever told saving is
 * paused, and every edit is stored and delivered as before.
 */
describe('store health on the embedded SQLite store', () => {
  let harness!: TestServer;
  const clients = serverPerTest((server) => (harness = server));

  it('keeps /readyz 200 and never pauses saving while members edit', async () => {
    const created = await harness.createWorkshop(1);
    const docName = boardDocName(created.workshop.id, 'g1');
    const [writer, reader] = [0, 1].map(() =>
      connectClient(harness.wsUrl, docName, created.instructorToken),
    );
    clients.push(writer!, reader!);
    await Promise.all([synced(writer!), synced(reader!)]);
    for (const [index, controlId] of controls.entries()) {
      placeControl(writer!.doc, ctx, {
        assetId: assets[index % assets.length]!,
        controlId,
        placedBy: 'w',
      });
      expect((await fetch(`${harness.server.url}/readyz`)).status).toBe(200);
    }
    await waitFor(
      () => readBoard(reader!.doc).placements.length === controls.length,
      'all delivered',
    );
    const stored = await harness.server.backends.store.load(docName);
    const doc = new Y.Doc();
    for (const entry of stored.updates) Y.applyUpdate(doc, entry.update, new StoreOrigin());
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, new StoreOrigin());
    expect(readBoard(doc).placements).toHaveLength(controls.length);
    expect([...writer!.storeStatuses, ...reader!.storeStatuses]).toEqual([]);
    expect([...writer!.closes, ...reader!.closes]).toEqual([]);
  });
});
