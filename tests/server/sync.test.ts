import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SEMINAR4_SCENARIO,
  boardDocName,
  editNote,
  listPlacements,
  noteText,
  placeControl,
  readBoard,
} from '@isms/shared';
import { connectClient, serverPerTest, synced, waitFor, type TestServer } from './harness';

const ctx = { scenario: SEMINAR4_SCENARIO };
const asset = SEMINAR4_SCENARIO.assets[0]!.id;

describe('sync: protocol round trips and convergence', () => {
  let harness: TestServer;
  const clients = serverPerTest((server) => (harness = server));

  it('a joining participant syncs the initialised board, then edits reach every peer', async () => {
    const created = await harness.createWorkshop(2);
    const group = created.workshop.groups[0]!;
    const joined = await Promise.all([1, 2, 3].map((n) => harness.join(group.code, `P${n}`)));
    const docName = boardDocName(created.workshop.id, group.id);
    for (const member of joined) clients.push(connectClient(harness.wsUrl, docName, member.token));
    await Promise.all(clients.map((client) => synced(client)));
    for (const client of clients) {
      expect(readBoard(client.doc).meta.groupId).toBe(group.id);
    }
    const placed = placeControl(clients[0]!.doc, ctx, {
      assetId: asset,
      controlId: '5.12',
      placedBy: 'P1',
    });
    expect(placed.ok).toBe(true);
    const placementId = placed.ok ? placed.value.placementId : '';
    await waitFor(
      () => clients.every((client) => listPlacements(client.doc).length === 1),
      'placement delivered',
    );
    // Concurrent typing from all three into the same note converges to one text.
    clients.forEach((client, index) =>
      editNote(client.doc, ctx, { placementId, index: 0, deleteCount: 0, insert: `[${index}]` }),
    );
    await waitFor(() => {
      const texts = clients.map((client) => noteText(client.doc, placementId)?.toString());
      return texts.every((text) => text === texts[0] && text?.length === 9);
    }, 'notes converged');
  });

  it('converges five clients making random concurrent edits, and a late joiner sees it all', async () => {
    const created = await harness.createWorkshop(1);
    const token = created.instructorToken;
    const docName = boardDocName(created.workshop.id, 'g1');
    for (let index = 0; index < 5; index += 1)
      clients.push(connectClient(harness.wsUrl, docName, token));
    await Promise.all(clients.map((client) => synced(client)));
    const controls = ['5.1', '5.2', '5.3', '5.9', '5.10', '5.12', '5.13', '5.15'];
    controls.forEach((controlId, index) => {
      placeControl(clients[index % clients.length]!.doc, ctx, {
        assetId: asset,
        controlId,
        placedBy: 'x',
      });
    });
    await waitFor(
      () => clients.every((client) => listPlacements(client.doc).length === controls.length),
      'all placements everywhere',
    );
    const late = connectClient(harness.wsUrl, docName, token);
    clients.push(late);
    await synced(late);
    const expected = Y.encodeStateVector(clients[0]!.doc);
    await waitFor(
      () =>
        clients.every((client) =>
          Buffer.from(Y.encodeStateVector(client.doc)).equals(Buffer.from(expected)),
        ),
      'state vectors equal',
    );
    expect(readBoard(late.doc)).toEqual(readBoard(clients[0]!.doc));
  });

  it('relays awareness between clients and removes it when a client leaves', async () => {
    const created = await harness.createWorkshop(1);
    const docName = boardDocName(created.workshop.id, 'g1');
    const a = connectClient(harness.wsUrl, docName, created.instructorToken);
    const b = connectClient(harness.wsUrl, docName, created.instructorToken);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'あいこ' });
    await waitFor(
      () =>
        (
          b.provider.awareness.getStates().get(a.doc.clientID) as
            { user?: { name: string } } | undefined
        )?.user?.name === 'あいこ',
      'awareness delivered',
    );
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'awareness removed');
  });

  it('a big room (throttled, merged broadcasts) delivers every edit of a burst to every client', async () => {
    // 60 sockets: a 12 ms broadcast interval (0.2 ms per socket), so a burst of edits leaves
    // the room as a few merged frames — every client must still end with every edit.
    const created = await harness.createWorkshop(1);
    const docName = boardDocName(created.workshop.id, 'g1');
    for (let index = 0; index < 60; index += 1)
      clients.push(connectClient(harness.wsUrl, docName, created.instructorToken));
    await Promise.all(clients.map((client) => synced(client)));
    const editsEach = 3;
    for (let round = 0; round < editsEach; round += 1) {
      clients.forEach((client, index) =>
        client.doc.getMap('burst').set(`${index}.${round}`, index * 10 + round),
      );
    }
    const expected = clients.length * editsEach;
    await waitFor(
      () => clients.every((client) => client.doc.getMap('burst').size === expected),
      'every edit at every client',
      20_000,
    );
    // Every client holds exactly the values that were written (key order is local).
    for (const client of clients) {
      const burst = client.doc.getMap<number>('burst');
      for (let index = 0; index < clients.length; index += 1) {
        for (let round = 0; round < editsEach; round += 1) {
          expect(burst.get(`${index}.${round}`)).toBe(index * 10 + round);
        }
      }
    }
  });
});
