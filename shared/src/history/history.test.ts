import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  editNote,
  linkPlacements,
  movePlacement,
  placeControl,
  readBoard,
  removePlacement,
  setNote,
  setSoaEntry,
} from '../board/index';
import { ServerOrigin } from '../board/origins';
import { ctx, makeReplicas, seedBoard, syncAll } from '../testing/replicas';
import { diffBoards, hasChanges } from './changes';
import { restoreVersion } from './restore';
import { diffText, textEdits } from './textDiff';
import { replayDelays, versionAt } from './timeline';

function place(doc: Y.Doc, assetId: string, controlId: string, note = '') {
  const result = placeControl(doc, ctx, { assetId, controlId, placedBy: 'alice', now: 1 });
  if (!result.ok) throw new Error(result.message);
  if (note) setNote(doc, ctx, result.value.placementId, note);
  return result.value.placementId;
}

/** A board with two lanes, notes, a link and an SoA entry. */
function filledBoard(): { doc: Y.Doc; ids: string[] } {
  const doc = seedBoard();
  const ids = [
    place(doc, 'customer-db', '5.12', 'アクセス権を四半期ごとに見直す'),
    place(doc, 'customer-db', '5.15', '最小権限'),
    place(doc, 'bcp', '5.29', 'BCP を年1回訓練'),
  ];
  linkPlacements(doc, ctx, { from: ids[0]!, to: ids[1]!, createdBy: 'alice' });
  setSoaEntry(doc, ctx, {
    controlId: '5.12',
    patch: { applicable: 'yes', justification: '顧客情報' },
    updatedBy: 'alice',
  });
  return { doc, ids };
}

function wipe(doc: Y.Doc) {
  for (const placement of readBoard(doc).placements) {
    removePlacement(doc, ctx, { placementId: placement.id });
  }
}

describe('text diff', () => {
  it('marks added and removed characters', () => {
    expect(diffText('最小権限', '最小の権限')).toEqual([
      { kind: 'same', text: '最小' },
      { kind: 'added', text: 'の' },
      { kind: 'same', text: '権限' },
    ]);
  });

  it('edits that turn one text into another, applied in order', () => {
    for (const [from, to] of [
      ['abcdef', 'abXdeY'],
      ['', '新しい'],
      ['全部消す', ''],
      ['同じ', '同じ'],
    ] as const) {
      const text = new Y.Doc().getText('t');
      text.insert(0, from);
      for (const edit of textEdits(from, to)) {
        text.delete(edit.index, edit.deleteCount);
        text.insert(edit.index, edit.insert);
      }
      expect(text.toString()).toBe(to);
    }
    expect(textEdits('同じ', '同じ')).toEqual([]);
  });
});

describe('diffBoards', () => {
  it('reports added, removed, moved cards, notes, SoA and links', () => {
    const { doc, ids } = filledBoard();
    const then = readBoard(doc);
    removePlacement(doc, ctx, { placementId: ids[2]! });
    movePlacement(doc, ctx, { placementId: ids[1]!, assetId: 'bcp' });
    setNote(doc, ctx, ids[0]!, 'アクセス権を毎月見直す');
    const added = place(doc, 'employee-pii', '5.34');
    setSoaEntry(doc, ctx, { controlId: '5.12', patch: { applicable: 'no' }, updatedBy: 'bob' });
    const changes = diffBoards(then, readBoard(doc));
    expect(changes.added.map((c) => c.placementId)).toEqual([added]);
    expect(changes.removed.map((c) => c.placementId)).toEqual([ids[2]]);
    expect(changes.moved).toEqual([
      expect.objectContaining({ placementId: ids[1], fromAssetId: 'customer-db', assetId: 'bcp' }),
    ]);
    expect(changes.notes).toHaveLength(1);
    expect(changes.notes[0]).toMatchObject({
      placementId: ids[0],
      before: 'アクセス権を四半期ごとに見直す',
      after: 'アクセス権を毎月見直す',
    });
    expect(changes.notes[0]!.parts.some((part) => part.kind === 'removed')).toBe(true);
    expect(changes.soa).toEqual(['5.12']);
    // The moved card kept its link (same ids); nothing was linked or unlinked.
    expect(changes.linksRemoved).toBe(0);
    expect(hasChanges(changes)).toBe(true);
    expect(hasChanges(diffBoards(readBoard(doc), readBoard(doc)))).toBe(false);
  });

  it('a reorder within a lane is a move', () => {
    const { doc, ids } = filledBoard();
    const then = readBoard(doc);
    movePlacement(doc, ctx, { placementId: ids[1]!, assetId: 'customer-db', index: 0 });
    const moved = diffBoards(then, readBoard(doc)).moved;
    expect(moved.map((m) => [m.placementId, m.fromIndex, m.toIndex])).toEqual([
      [ids[1], 1, 0],
      [ids[0], 0, 1],
    ]);
  });
});

describe('restoreVersion', () => {
  it('brings back a wiped board: every card, note, link and SoA entry', () => {
    const { doc } = filledBoard();
    const version = readBoard(doc);
    wipe(doc);
    setSoaEntry(doc, ctx, { controlId: '5.12', patch: { applicable: 'no' }, updatedBy: 'bob' });
    expect(readBoard(doc).placements).toEqual([]);
    const result = restoreVersion(doc, version, { kind: 'board' });
    expect(result).toMatchObject({ ok: true, value: { cardsRestored: 3 } });
    const restored = readBoard(doc);
    expect(restored.placements).toEqual(version.placements);
    expect(restored.links).toEqual(version.links);
    expect(restored.soa).toEqual(version.soa);
  });

  it('writes one transaction with a server origin, and removes cards added since', () => {
    const { doc } = filledBoard();
    const version = readBoard(doc);
    const extra = place(doc, 'bcp', '5.30');
    const origins: unknown[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
    const result = restoreVersion(doc, version, { kind: 'board' });
    expect(result).toMatchObject({ ok: true, value: { cardsRemoved: 1 } });
    expect(origins).toHaveLength(1);
    expect(origins[0]).toBeInstanceOf(ServerOrigin);
    expect(readBoard(doc).placements.some((p) => p.id === extra)).toBe(false);
  });

  it('is undone by restoring the version taken just before it', () => {
    const { doc, ids } = filledBoard();
    const version = readBoard(doc);
    setNote(doc, ctx, ids[0]!, '書き直した');
    removePlacement(doc, ctx, { placementId: ids[2]! });
    const beforeRestore = readBoard(doc);
    restoreVersion(doc, version, { kind: 'board' });
    expect(readBoard(doc).placements).toEqual(version.placements);
    restoreVersion(doc, beforeRestore, { kind: 'board' });
    expect(readBoard(doc)).toEqual(beforeRestore);
  });

  it('restores one asset lane and leaves the others alone', () => {
    const { doc, ids } = filledBoard();
    const version = readBoard(doc);
    wipe(doc);
    const restored = restoreVersion(doc, version, { kind: 'asset', assetId: 'customer-db' });
    expect(restored).toMatchObject({ ok: true, value: { cardsRestored: 2 } });
    const board = readBoard(doc);
    expect(board.placements.map((p) => p.id)).toEqual([ids[0], ids[1]]);
    expect(board.placements[0]!.note).toBe('アクセス権を四半期ごとに見直す');
  });

  it('restores one note (and its card if it was removed), nothing else', () => {
    const { doc, ids } = filledBoard();
    const version = readBoard(doc);
    setNote(doc, ctx, ids[0]!, '消してしまった');
    setNote(doc, ctx, ids[1]!, 'これは残す');
    const result = restoreVersion(doc, version, { kind: 'note', placementId: ids[0]! });
    expect(result).toMatchObject({ ok: true, value: { notesRestored: 1 } });
    const board = readBoard(doc);
    expect(board.placements.find((p) => p.id === ids[0])!.note).toBe(
      'アクセス権を四半期ごとに見直す',
    );
    expect(board.placements.find((p) => p.id === ids[1])!.note).toBe('これは残す');
    removePlacement(doc, ctx, { placementId: ids[2]! });
    restoreVersion(doc, version, { kind: 'note', placementId: ids[2]! });
    expect(readBoard(doc).placements.find((p) => p.id === ids[2])?.note).toBe('BCP を年1回訓練');
    expect(restoreVersion(doc, version, { kind: 'note', placementId: 'nope' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });

  it('keeps what a participant types and adds concurrently with the restore', () => {
    const [server, typist] = makeReplicas(2);
    const { doc: source } = filledBoard();
    Y.applyUpdate(server!.doc, Y.encodeStateAsUpdate(source));
    syncAll([server!, typist!]);
    const version = readBoard(server!.doc);
    const noteId = version.placements.find((p) => p.controlId === '5.12')!.id;
    setNote(server!.doc, ctx, noteId, '');
    syncAll([server!, typist!]);
    // The server restores while the typist, who has not seen it yet, types and adds a card.
    restoreVersion(server!.doc, version, { kind: 'board' });
    editNote(typist!.doc, ctx, { placementId: noteId, index: 0, deleteCount: 0, insert: '追記' });
    const added = place(typist!.doc, 'audit-records', '5.35');
    syncAll([server!, typist!]);
    const merged = readBoard(server!.doc);
    expect(readBoard(typist!.doc)).toEqual(merged);
    const note = merged.placements.find((p) => p.id === noteId)!.note;
    expect(note).toContain('追記');
    expect(note).toContain('アクセス権を四半期ごとに見直す');
    expect(merged.placements.some((p) => p.id === added)).toBe(true);
    expect(merged.placements).toHaveLength(version.placements.length + 1);
  });
});

describe('replay timeline', () => {
  const minute = 60_000;
  const versions = [0, 3, 6, 75].map((m, i) => ({ id: i + 1, at: m * minute }));

  it('plays 75 minutes in one minute at the default speed', () => {
    const delays = replayDelays(versions, 75);
    expect(delays.reduce((sum, delay) => sum + delay, 0)).toBe(minute);
    expect(delays.at(-1)).toBe(0);
  });

  it('never shows a version for less than the minimum step', () => {
    const close = [
      { id: 1, at: 0 },
      { id: 2, at: 10 },
    ];
    expect(replayDelays(close, 75)[0]).toBeGreaterThanOrEqual(150);
  });

  it('finds the version shown at a moment', () => {
    expect(versionAt(versions, 4 * minute)?.id).toBe(2);
    expect(versionAt(versions, -1)?.id).toBe(1);
    expect(versionAt(versions, 100 * minute)?.id).toBe(4);
    expect(versionAt([], 0)).toBeNull();
  });
});
