import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ctx, deliver, makeReplicas, syncAll } from '../testing/replicas';
import { readBoard, noteText } from './read';
import { boardSummary } from '../readModels/summary';
import { SEMINAR4_SCENARIO } from '../scenario/load';
import { editNote, movePlacement, placeControl, removePlacement, reorderPlacement } from './index';

const idOf = (doc: Y.Doc, assetId: string, controlId: string) =>
  readBoard(doc).placements.find((p) => p.assetId === assetId && p.controlId === controlId)?.id ??
  '';

const snapshot = (doc: Y.Doc) => JSON.stringify(readBoard(doc));

describe('concurrency regressions', () => {
  it('two members placing the same control on the same asset at once converge to one card', () => {
    const [a, b] = makeReplicas(2);
    placeControl(a!.doc, ctx, { assetId: 'customer-db', controlId: '5.12', placedBy: 'a' });
    placeControl(b!.doc, ctx, { assetId: 'customer-db', controlId: '5.12', placedBy: 'b' });
    const replicas = [a!, b!];
    syncAll(replicas);
    const placements = readBoard(a!.doc).placements;
    expect(placements).toHaveLength(1);
    expect(snapshot(a!.doc)).toBe(snapshot(b!.doc));
    // The surviving card has a working note on both replicas.
    const id = placements[0]!.id;
    expect(
      editNote(b!.doc, ctx, { placementId: id, index: 0, deleteCount: 0, insert: '分類' }).ok,
    ).toBe(true);
    syncAll(replicas);
    expect(readBoard(a!.doc).placements[0]?.note).toBe('分類');
  });

  it('one member removes a card while another types into its note: no orphans break summaries', () => {
    const replicas = makeReplicas(2);
    const [a, b] = replicas;
    placeControl(a!.doc, ctx, { assetId: 'bcp', controlId: '5.29', placedBy: 'a' });
    syncAll(replicas);
    const id = idOf(a!.doc, 'bcp', '5.29');
    removePlacement(a!.doc, ctx, { placementId: id });
    editNote(b!.doc, ctx, {
      placementId: id,
      index: 0,
      deleteCount: 0,
      insert: '代替拠点を決める',
    });
    syncAll(replicas);
    for (const { doc } of replicas) {
      expect(readBoard(doc).placements).toEqual([]);
      expect(() => boardSummary(readBoard(doc), SEMINAR4_SCENARIO)).not.toThrow();
      // What B typed is still in the document (an undo of the removal brings it back).
      expect(noteText(doc, id)?.toString()).toBe('代替拠点を決める');
    }
    expect(snapshot(a!.doc)).toBe(snapshot(b!.doc));
  });

  it('concurrent reorders in one lane converge to one stable order', () => {
    const replicas = makeReplicas(3);
    const [a, b, c] = replicas;
    for (const id of ['5.1', '5.2', '5.3', '5.4']) {
      placeControl(a!.doc, ctx, { assetId: 'bcp', controlId: id, placedBy: 'a' });
    }
    syncAll(replicas);
    reorderPlacement(a!.doc, ctx, { placementId: idOf(a!.doc, 'bcp', '5.1'), index: 3 });
    reorderPlacement(b!.doc, ctx, { placementId: idOf(b!.doc, 'bcp', '5.4'), index: 0 });
    reorderPlacement(c!.doc, ctx, { placementId: idOf(c!.doc, 'bcp', '5.1'), index: 1 });
    syncAll(replicas);
    const lanes = replicas.map(({ doc }) => readBoard(doc).placements.map((p) => p.controlId));
    expect(lanes[0]).toEqual(lanes[1]);
    expect(lanes[1]).toEqual(lanes[2]);
    expect([...lanes[0]!].sort()).toEqual(['5.1', '5.2', '5.3', '5.4']);
  });

  it('a move to another lane concurrent with a note edit keeps the edit', () => {
    const replicas = makeReplicas(2);
    const [a, b] = replicas;
    placeControl(a!.doc, ctx, { assetId: 'customer-db', controlId: '5.15', placedBy: 'a' });
    syncAll(replicas);
    const id = idOf(a!.doc, 'customer-db', '5.15');
    movePlacement(a!.doc, ctx, { placementId: id, assetId: 'employee-pii' });
    editNote(b!.doc, ctx, {
      placementId: id,
      index: 0,
      deleteCount: 0,
      insert: 'アクセス権を定める',
    });
    syncAll(replicas);
    for (const { doc } of replicas) {
      expect(readBoard(doc).placements).toMatchObject([
        { id, assetId: 'employee-pii', note: 'アクセス権を定める' },
      ]);
    }
  });

  it('two members typing in one note keep both texts, character by character', () => {
    const replicas = makeReplicas(2);
    const [a, b] = replicas;
    placeControl(a!.doc, ctx, { assetId: 'customer-db', controlId: '5.12', placedBy: 'a' });
    syncAll(replicas);
    const id = idOf(a!.doc, 'customer-db', '5.12');
    for (const char of '分類する') {
      const length = noteText(a!.doc, id)!.length;
      editNote(a!.doc, ctx, { placementId: id, index: length, deleteCount: 0, insert: char });
    }
    for (const char of 'ABC')
      editNote(b!.doc, ctx, { placementId: id, index: 0, deleteCount: 0, insert: char });
    deliver(replicas, 1, 0);
    deliver(replicas, 0, 1);
    const note = readBoard(a!.doc).placements[0]!.note;
    expect(note).toContain('分類する');
    expect(note).toContain('CBA');
    expect(note).toHaveLength(7);
    expect(readBoard(b!.doc).placements[0]!.note).toBe(note);
  });
});
