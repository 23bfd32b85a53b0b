import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ctx, seedBoard } from '../testing/replicas';
import { ServerOrigin } from './origins';
import { BOARD_SCHEMA_VERSION, boardRoots } from './schema';
import { boardSchemaVersion, isNewerThanSupported, migrateBoard } from './migrations';
import { readBoard } from './read';
import {
  addFeedback,
  editNote,
  linkPlacements,
  movePlacement,
  placeControl,
  removePlacement,
  setSoaEntry,
} from './index';

/** A board as schema v1 wrote it: placements keyed by id, each holding its note. */
function legacyV1Board(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('schemaVersion', 1);
    meta.set('workshopId', 'w1');
    meta.set('groupId', 'g1');
    meta.set('scenarioId', 'seminar4-organizational');
    meta.set('locked', false);
    const placements = doc.getMap<Y.Map<unknown>>('placements');
    const add = (id: string, assetId: string, controlId: string, order: string, note: string) => {
      const record = new Y.Map<unknown>();
      record.set('assetId', assetId);
      record.set('controlId', controlId);
      record.set('order', order);
      record.set('placedBy', 'old');
      record.set('placedAt', 5);
      const text = new Y.Text();
      text.insert(0, note);
      record.set('note', text);
      placements.set(id, record);
    };
    add('p1', 'customer-db', '5.12', 'a0', '分類する');
    add('p2', 'customer-db', '5.13', 'a1', 'ラベルを付ける');
  });
  return doc;
}

describe('board schema migrations', () => {
  it('loads a v1 document (round trip through an update) and migrates it to the current version', () => {
    const stored = Y.encodeStateAsUpdate(legacyV1Board());
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored);
    const report = migrateBoard(doc);
    expect(report).toEqual({
      from: 1,
      to: BOARD_SCHEMA_VERSION,
      applied: ['slot-keyed-placements-and-top-level-notes'],
    });
    const board = readBoard(doc);
    expect(board.placements.map((p) => [p.id, p.controlId, p.note, p.placedAt])).toEqual([
      ['p1', '5.12', '分類する', 5],
      ['p2', '5.13', 'ラベルを付ける', 5],
    ]);
    expect(boardRoots(doc).placements.has('customer-db|5.12')).toBe(true);
    // The migrated board works with today's commands.
    expect(
      editNote(doc, ctx, { placementId: 'p1', index: 4, deleteCount: 0, insert: '。' }).ok,
    ).toBe(true);
    expect(
      placeControl(doc, ctx, { assetId: 'customer-db', controlId: '5.12', placedBy: 'x' }),
    ).toMatchObject({
      code: 'duplicate',
    });
  });

  it('is idempotent and leaves current or uninitialised documents alone', () => {
    const doc = legacyV1Board();
    migrateBoard(doc);
    const once = Y.encodeStateVector(doc);
    expect(migrateBoard(doc).applied).toEqual([]);
    expect(Y.encodeStateVector(doc)).toEqual(once);
    expect(migrateBoard(new Y.Doc())).toEqual({ from: 0, to: 0, applied: [] });
  });

  it('flags documents newer than this code', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', BOARD_SCHEMA_VERSION + 1);
    expect(isNewerThanSupported(doc)).toBe(true);
    expect(boardSchemaVersion(doc)).toBe(BOARD_SCHEMA_VERSION + 1);
  });

  it('refuses every command on a board migrated one version ahead, instructors included', () => {
    // What an old client receives after a newer server migrated the board: a card placed under
    // today's schema, then the newer server's migration stamping the next version.
    const newer = seedBoard();
    const placed = placeControl(newer, ctx, {
      assetId: 'customer-db',
      controlId: '5.12',
      placedBy: 'a',
    });
    if (!placed.ok) throw new Error(placed.message);
    newer.transact(
      () => boardRoots(newer).meta.set('schemaVersion', BOARD_SCHEMA_VERSION + 1),
      new ServerOrigin('migrate'),
    );
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(newer));
    const before = Y.encodeStateVector(doc);
    const placementId = placed.value.placementId;
    const results = [
      placeControl(doc, ctx, { assetId: 'customer-db', controlId: '5.13', placedBy: 'a' }),
      movePlacement(doc, ctx, { placementId, assetId: 'cloud-contract' }),
      removePlacement(doc, { ...ctx, bypassLock: true }, { placementId }),
      editNote(doc, ctx, { placementId, index: 0, deleteCount: 0, insert: 'x' }),
      linkPlacements(doc, ctx, { from: placementId, to: placementId, createdBy: 'a' }),
      setSoaEntry(doc, ctx, { controlId: '5.12', patch: { applicable: 'yes' }, updatedBy: 'a' }),
      addFeedback(doc, ctx, { author: 'i', text: 'ok', anchor: { kind: 'board' } }),
    ];
    expect(results.map((result) => (result.ok ? 'ok' : result.code))).toEqual(
      results.map(() => 'newer-schema'),
    );
    expect(Y.encodeStateVector(doc)).toEqual(before);
    // migrateBoard never downgrades it either.
    expect(migrateBoard(doc).applied).toEqual([]);
    expect(boardSchemaVersion(doc)).toBe(BOARD_SCHEMA_VERSION + 1);
  });
});
