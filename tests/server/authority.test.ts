import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardRoot,
  CloseCode,
  DenyReason,
  MAX_CARDS_PER_ASSET,
  MAX_NOTE_LENGTH,
  SEMINAR4_SCENARIO,
  SyncMessageType,
  addFeedback,
  boardDocName,
  editNote,
  listPlacements,
  newId,
  noteText,
  placeControl,
  readBoard,
  setLocked,
  type CreateWorkshopResponse,
} from '@isms/shared';
import { syncFrame } from './fuzzFrames';
import { cloneOf, forge, holdsClient, sendUpdate, storedDoc } from './forge';
import {
  connectClient,
  openRaw,
  startTestServer,
  synced,
  waitFor,
  type TestClient,
  type TestServer,
} from './harness';

/**
 * A modified client with a valid participant token and a real Yjs encoder: every write the
 * board schema does not allow is denied with its reason, and is not applied, broadcast or
 * stored; updates the room cannot integrate now are refused, never kept pending.
 */
const ctx = { scenario: SEMINAR4_SCENARIO };
const [assetA, assetB] = SEMINAR4_SCENARIO.assets.map((asset) => asset.id) as [string, string];

function card(doc: Y.Doc, slot: string, fields: Record<string, unknown>): void {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  doc.getMap(BoardRoot.placements).set(slot, map);
}

function fullCard(assetId: string, controlId: string) {
  return { id: newId(), assetId, controlId, order: 'a5', placedBy: 'x', placedAt: 1 };
}

describe('server-authoritative boards', () => {
  let harness: TestServer;
  let created: CreateWorkshopResponse;
  let board: string;
  let participantToken: string;
  let observer: TestClient;
  let teammate: TestClient;
  let honestCard: string;
  const clients: TestClient[] = [];

  async function attacker(): Promise<TestClient> {
    const client = connectClient(harness.wsUrl, board, participantToken);
    clients.push(client);
    await synced(client);
    return client;
  }

  /**
   * Proves `clientID` was neither applied nor broadcast nor stored: an honest edit made after
   * the denial reaches the observer (broadcasts are ordered), and neither it nor the store
   * holds the forged client's structs.
   */
  async function assertAbsent(clientID: number): Promise<void> {
    const marker = `m${newId(6)}`;
    const placed = listPlacements(teammate.doc)[0]!;
    expect(
      editNote(teammate.doc, ctx, {
        placementId: placed.id,
        index: 0,
        deleteCount: 0,
        insert: marker,
      }).ok,
    ).toBe(true);
    await waitFor(
      () => noteText(observer.doc, placed.id)?.toString().includes(marker) === true,
      'honest edit after the denial reached the observer',
    );
    expect(holdsClient(observer.doc, clientID)).toBe(false);
    const stored = await storedDoc(harness, board);
    await waitFor(async () => {
      const latest = await storedDoc(harness, board);
      return noteText(latest, placed.id)?.toString().includes(marker) === true;
    }, 'honest edit stored');
    expect(holdsClient(stored, clientID)).toBe(false);
    stored.destroy();
  }

  beforeAll(async () => {
    harness = await startTestServer();
    created = await harness.createWorkshop(2);
    board = boardDocName(created.workshop.id, 'g1');
    participantToken = (await harness.join(created.workshop.groups[0]!.code)).token;
    observer = connectClient(harness.wsUrl, board, created.instructorToken);
    teammate = connectClient(harness.wsUrl, board, participantToken);
    clients.push(observer, teammate);
    await Promise.all([synced(observer), synced(teammate)]);
    const placed = placeControl(teammate.doc, ctx, {
      assetId: assetA,
      controlId: '5.15',
      placedBy: 'チーム',
    });
    if (!placed.ok) throw new Error('honest placement failed');
    honestCard = placed.value.placementId;
    await waitFor(() => listPlacements(observer.doc).length === 1, 'honest card reached observer');
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await harness.close();
  });

  const cases: { name: string; reason: DenyReason; edit: (doc: Y.Doc) => void }[] = [
    {
      name: 'a control that is not in the catalog (5.99)',
      reason: DenyReason.unknownControl,
      edit: (doc) => card(doc, `${assetA}|5.99`, fullCard(assetA, '5.99')),
    },
    {
      name: "a control outside the scenario's theme (8.1)",
      reason: DenyReason.controlNotInTheme,
      edit: (doc) => card(doc, `${assetA}|8.1`, fullCard(assetA, '8.1')),
    },
    {
      name: 'a card on an asset that does not exist',
      reason: DenyReason.unknownAsset,
      edit: (doc) => card(doc, 'nowhere|5.1', fullCard('nowhere', '5.1')),
    },
    {
      name: 'a slot key that disagrees with its assetId',
      reason: DenyReason.slotMismatch,
      edit: (doc) => card(doc, `${assetA}|5.1`, fullCard(assetB, '5.1')),
    },
    {
      name: 'moving a card by rewriting its assetId in place',
      reason: DenyReason.slotMismatch,
      edit: (doc) =>
        (doc.getMap(BoardRoot.placements).get(`${assetA}|5.15`) as Y.Map<unknown>).set(
          'assetId',
          assetB,
        ),
    },
    {
      name: '30 garbage entries (cards without fields)',
      reason: DenyReason.invalidStructure,
      edit: (doc) => {
        for (let index = 1; index <= 30; index += 1) {
          doc.getMap(BoardRoot.placements).set(`${assetB}|5.${index}`, new Y.Map());
        }
      },
    },
    {
      name: 'the placements root re-created as a Y.Array',
      reason: DenyReason.invalidStructure,
      edit: (doc) => doc.getArray(BoardRoot.placements).push(['garbage']),
    },
    {
      name: 'an unknown root',
      reason: DenyReason.invalidStructure,
      edit: (doc) => doc.getMap('evil').set('x', 'y'),
    },
    {
      name: 'a note that is a Y.Map instead of a Y.Text',
      reason: DenyReason.invalidStructure,
      edit: (doc) => doc.getMap(BoardRoot.notes).set(newId(), new Y.Map()),
    },
    {
      name: 'a card field of the wrong type',
      reason: DenyReason.invalidStructure,
      edit: (doc) => card(doc, `${assetB}|5.2`, { ...fullCard(assetB, '5.2'), placedAt: 'soon' }),
    },
    {
      // 300,000 characters: the 1,000,000 of the report would exceed maxFrameBytes (1009).
      name: `a 300,000-character note (limit ${MAX_NOTE_LENGTH})`,
      reason: DenyReason.noteTooLong,
      edit: (doc) => noteText(doc, honestCard)!.insert(0, 'x'.repeat(300_000)),
    },
    {
      name: `a note one character over ${MAX_NOTE_LENGTH}`,
      reason: DenyReason.noteTooLong,
      edit: (doc) => noteText(doc, honestCard)!.insert(0, 'x'.repeat(MAX_NOTE_LENGTH + 1)),
    },
    {
      name: `${MAX_CARDS_PER_ASSET + 1} cards on one asset`,
      reason: DenyReason.laneFull,
      edit: (doc) => {
        for (let index = 1; index <= MAX_CARDS_PER_ASSET + 1; index += 1) {
          card(doc, `${assetB}|5.${index}`, fullCard(assetB, `5.${index}`));
        }
      },
    },
    {
      name: 'a link label over its limit',
      reason: DenyReason.textTooLong,
      edit: (doc) => {
        const link = new Y.Map<unknown>();
        const to = newId();
        link.set('from', honestCard);
        link.set('to', to);
        link.set('label', 'x'.repeat(500));
        doc.getMap(BoardRoot.links).set(`${honestCard}>${to}`, link);
      },
    },
    {
      name: 'an SoA entry for a control outside the theme',
      reason: DenyReason.controlNotInTheme,
      edit: (doc) => doc.getMap(BoardRoot.soa).set('8.1', new Y.Map()),
    },
    {
      name: 'an SoA value outside its enumeration',
      reason: DenyReason.invalidStructure,
      edit: (doc) => {
        const entry = new Y.Map<unknown>();
        entry.set('applicable', 'maybe');
        doc.getMap(BoardRoot.soa).set('5.1', entry);
      },
    },
    {
      name: 'a feedback entry',
      reason: DenyReason.instructorOnly,
      edit: (doc) => doc.getMap(BoardRoot.feedback).set(newId(), new Y.Map()),
    },
    {
      name: 'a meta field (scenarioId)',
      reason: DenyReason.instructorOnly,
      edit: (doc) => doc.getMap(BoardRoot.meta).set('scenarioId', 'other'),
    },
  ];

  for (const { name, reason, edit } of cases) {
    it(`denies ${name} with "${reason}", and applies, broadcasts and stores nothing`, async () => {
      const client = await attacker();
      const forged = forge(client.doc, edit);
      sendUpdate(client, forged.update);
      await waitFor(() => client.denials.length > 0, 'a denial');
      expect(client.denials).toEqual([reason]);
      await assertAbsent(forged.clientID);
      client.destroy();
    });
  }

  it('an honest board still takes every legal write (place, move, note, link, SoA)', async () => {
    const member = await attacker();
    const placed = placeControl(member.doc, ctx, {
      assetId: assetB,
      controlId: '5.3',
      placedBy: 'p',
    });
    expect(placed.ok).toBe(true);
    await waitFor(() => listPlacements(observer.doc).some((p) => p.controlId === '5.3'), 'card');
    expect(member.denials).toEqual([]);
  });

  it('predicted-id forgery of feedback: refused while pending, refused again once it would integrate', async () => {
    const instructor = connectClient(harness.wsUrl, board, created.instructorToken);
    clients.push(instructor);
    await synced(instructor);
    const client = await attacker();
    // The instructor's client id and next clock are in every state vector: simulate its next
    // feedback on a copy, then write into that predicted record as the attacker.
    const copy = cloneOf(client.doc, instructor.doc.clientID);
    addFeedback(copy, ctx, { author: 'i', text: 'predicted', anchor: { kind: 'board' } });
    const predictedState = Y.encodeStateVector(copy);
    copy.clientID = 1_000_000_007;
    const [, record] = [...copy.getMap(BoardRoot.feedback).entries()][0] as [
      string,
      Y.Map<unknown>,
    ];
    record.set('text', 'forged by a participant');
    const forged = Y.encodeStateAsUpdate(copy, predictedState);
    sendUpdate(client, forged);
    await waitFor(() => client.denials.includes(DenyReason.missingDependencies), 'pending refused');
    // The instructor now writes the predicted record; the same forgery would integrate.
    addFeedback(instructor.doc, ctx, {
      author: 'i',
      text: 'よくできました',
      anchor: { kind: 'board' },
    });
    await waitFor(() => readBoard(observer.doc).feedback.length === 1, 'real feedback arrived');
    const replay = await attacker();
    sendUpdate(replay, forged);
    await waitFor(() => replay.denials.length > 0, 'replay denied');
    expect(replay.denials).toEqual([DenyReason.instructorOnly]);
    await assertAbsent(copy.clientID);
    expect(readBoard(observer.doc).feedback[0]?.text).toBe('よくできました');
    copy.destroy();
  });

  it('predicted-id forgery of meta: refused while pending, refused again once it would integrate', async () => {
    const lock = async (locked: boolean) => {
      const reply = await harness.api('POST', `/api/workshops/${created.workshop.id}/lock`, {
        token: created.instructorToken,
        body: { groupId: 'g1', locked },
      });
      expect(reply.status).toBe(200);
      await waitFor(() => readBoard(observer.doc).meta.locked === locked, `locked=${locked}`);
    };
    // The room writes the lock mirror into meta with its own client id, visible to everyone.
    await lock(true);
    await lock(false);
    const client = await attacker();
    const serverClient = client.doc.getMap(BoardRoot.meta)._map.get('locked')!.id.client;
    const copy = cloneOf(client.doc, serverClient);
    setLocked(copy, true);
    const predictedState = Y.encodeStateVector(copy);
    copy.clientID = 1_000_000_009;
    copy.getMap(BoardRoot.meta).set('locked', false);
    const forged = Y.encodeStateAsUpdate(copy, predictedState);
    sendUpdate(client, forged);
    await waitFor(() => client.denials.includes(DenyReason.missingDependencies), 'pending refused');
    // The server's next meta write is the predicted one; then the board is unlocked again.
    await lock(true);
    await lock(false);
    const replay = await attacker();
    sendUpdate(replay, forged);
    await waitFor(() => replay.denials.length > 0, 'replay denied');
    expect(replay.denials).toEqual([DenyReason.instructorOnly]);
    await assertAbsent(copy.clientID);
    expect(readBoard(observer.doc).meta.locked).toBe(false);
    copy.destroy();
  });

  it('a participant may not delete feedback', async () => {
    const client = await attacker();
    await waitFor(() => readBoard(client.doc).feedback.length >= 1, 'feedback synced');
    const forged = forge(client.doc, (doc) => {
      const feedback = doc.getMap(BoardRoot.feedback);
      for (const key of [...feedback.keys()]) feedback.delete(key);
    });
    sendUpdate(client, forged.update);
    await waitFor(() => client.denials.length > 0, 'denied');
    expect(client.denials).toEqual([DenyReason.instructorOnly]);
    expect(readBoard(observer.doc).feedback.length).toBeGreaterThanOrEqual(1);
  });

  it('a pending flood closes the sender; the room keeps serving its honest members', async () => {
    const client = await attacker();
    const raw = await openRaw(harness.wsUrl, board, participantToken);
    // Each update skips the first half of a 32 KiB insertion: its clock has a gap, it can
    // never integrate without what was withheld.
    const copy = cloneOf(client.doc);
    const frames: Uint8Array[] = [];
    for (let index = 0; index < 100; index += 1) {
      copy.getMap('evil').set(`w${index}`, 'x'.repeat(16 * 1024));
      const afterWithheld = Y.encodeStateVector(copy);
      copy.getMap('evil').set(`s${index}`, 'y'.repeat(16 * 1024));
      frames.push(syncFrame(SyncMessageType.update, Y.encodeStateAsUpdate(copy, afterWithheld)));
    }
    let typed = 0;
    const typing = setInterval(() => {
      typed += 1;
      editNote(teammate.doc, ctx, {
        placementId: honestCard,
        index: 0,
        deleteCount: 0,
        insert: 'k',
      });
    }, 20);
    try {
      for (const frame of frames)
        if (raw.socket.readyState === raw.socket.OPEN) raw.socket.send(frame);
      const closed = await raw.closed;
      expect(closed.code).toBe(CloseCode.writeForbidden);
      const denials = raw.received.filter((frame) => frame[0] === 2).length;
      // Answered with a denial each time, closed after the grace and the usual limit.
      expect(denials).toBeGreaterThan(5);
      expect(denials).toBeLessThan(frames.length);
    } finally {
      clearInterval(typing);
    }
    await waitFor(
      () =>
        noteText(observer.doc, honestCard)?.toString() ===
        noteText(teammate.doc, honestCard)?.toString(),
      'honest typing still reaches the observer',
    );
    expect(typed).toBeGreaterThan(0);
    await assertAbsent(copy.clientID);
    copy.destroy();
  });

  it('an edit refused while locked reaches everyone after the unlock (sync step 1 heals the gap)', async () => {
    const member = await attacker();
    const lock = (locked: boolean) =>
      harness.api('POST', `/api/workshops/${created.workshop.id}/lock`, {
        token: created.instructorToken,
        body: { groupId: 'g1', locked },
      });
    await lock(true);
    await waitFor(() => readBoard(member.doc).meta.locked, 'lock mirrored');
    // A client bypassing its lock guard (as an offline edit would) is denied…
    placeControl(
      member.doc,
      { ...ctx, bypassLock: true },
      { assetId: assetB, controlId: '5.20', placedBy: 'p' },
    );
    await waitFor(() => member.denials.includes(DenyReason.locked), 'locked denial');
    await lock(false);
    await waitFor(() => !readBoard(member.doc).meta.locked, 'unlock mirrored');
    // …and its next edit builds on the refused one: refused as missing, the server asks for
    // what it lacks, and both arrive.
    placeControl(member.doc, ctx, { assetId: assetB, controlId: '5.21', placedBy: 'p' });
    await waitFor(
      () =>
        ['5.20', '5.21'].every((id) =>
          listPlacements(observer.doc).some((p) => p.controlId === id),
        ),
      'both edits arrived',
    );
    expect(member.closes).toEqual([]);
  });
});
