import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ctx, seedBoard } from '../testing/replicas';
import { LocalOrigin, originKind, ServerOrigin } from './origins';
import { readBoard, noteText } from './read';
import {
  addFeedback,
  editNote,
  linkPlacements,
  movePlacement,
  placeControl,
  removePlacement,
  reorderPlacement,
  resolveFeedback,
  setLocked,
  setNote,
  setSoaEntry,
  unlinkPlacements,
  MAX_CARDS_PER_ASSET,
  MAX_NOTE_LENGTH,
} from './index';

function place(doc: Y.Doc, assetId: string, controlId: string, index?: number) {
  const result = placeControl(doc, ctx, { assetId, controlId, placedBy: 'alice', index, now: 1 });
  if (!result.ok) throw new Error(result.message);
  return result.value.placementId;
}

const lane = (doc: Y.Doc, assetId: string) =>
  readBoard(doc)
    .placements.filter((p) => p.assetId === assetId)
    .map((p) => p.controlId);

describe('placement commands', () => {
  it('places controls in lane order and at an index', () => {
    const doc = seedBoard();
    place(doc, 'customer-db', '5.12');
    place(doc, 'customer-db', '5.18');
    place(doc, 'customer-db', '5.13', 1);
    expect(lane(doc, 'customer-db')).toEqual(['5.12', '5.13', '5.18']);
    const placement = readBoard(doc).placements[0]!;
    expect(placement).toMatchObject({ placedBy: 'alice', placedAt: 1, note: '' });
  });

  it('rejects unknown assets and controls, controls outside the theme and duplicates, without writing', () => {
    const doc = seedBoard();
    place(doc, 'bcp', '5.29');
    const before = Y.encodeStateVector(doc);
    const attempt = (assetId: string, controlId: string) =>
      placeControl(doc, ctx, { assetId, controlId, placedBy: 'bob' });
    expect(attempt('nope', '5.1')).toMatchObject({ ok: false, code: 'unknown-asset' });
    expect(attempt('bcp', '9.9')).toMatchObject({ ok: false, code: 'unknown-control' });
    expect(attempt('bcp', '8.13')).toMatchObject({ ok: false, code: 'control-not-in-theme' });
    expect(attempt('bcp', '5.29')).toMatchObject({ ok: false, code: 'duplicate' });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('treats the per-asset count as guidance: a 4th card is placed with a warning', () => {
    const doc = seedBoard();
    ['5.1', '5.2', '5.3'].forEach((id) => place(doc, 'bcp', id));
    const fourth = placeControl(doc, ctx, { assetId: 'bcp', controlId: '5.4', placedBy: 'a' });
    expect(fourth).toMatchObject({ ok: true, warnings: ['over-limit'] });
  });

  it('moves a card to another lane keeping its id, note, links and feedback', () => {
    const doc = seedBoard();
    const a = place(doc, 'customer-db', '5.12');
    const b = place(doc, 'customer-db', '5.13');
    setNote(doc, ctx, a, '個人情報とそれ以外に分類');
    linkPlacements(doc, ctx, { from: a, to: b, createdBy: 'alice', label: '分類に基づく' });
    addFeedback(doc, ctx, {
      author: '講師',
      text: 'よい順序',
      anchor: { kind: 'placement', placementId: a },
    });
    expect(movePlacement(doc, ctx, { placementId: a, assetId: 'employee-pii' }).ok).toBe(true);
    const board = readBoard(doc);
    const moved = board.placements.find((p) => p.id === a)!;
    expect(moved).toMatchObject({
      assetId: 'employee-pii',
      controlId: '5.12',
      note: '個人情報とそれ以外に分類',
    });
    expect(board.links).toHaveLength(1);
    expect(board.feedback[0]?.anchor).toEqual({ kind: 'placement', placementId: a });
  });

  it('refuses a move onto a lane that already has the control', () => {
    const doc = seedBoard();
    const a = place(doc, 'customer-db', '5.12');
    place(doc, 'bcp', '5.12');
    expect(movePlacement(doc, ctx, { placementId: a, assetId: 'bcp' })).toMatchObject({
      code: 'duplicate',
    });
  });

  it('reorders within a lane', () => {
    const doc = seedBoard();
    const first = place(doc, 'bcp', '5.29');
    place(doc, 'bcp', '5.30');
    place(doc, 'bcp', '5.24');
    reorderPlacement(doc, ctx, { placementId: first, index: 2 });
    expect(lane(doc, 'bcp')).toEqual(['5.30', '5.24', '5.29']);
    movePlacement(doc, ctx, { placementId: first, assetId: 'bcp', index: 0 });
    expect(lane(doc, 'bcp')).toEqual(['5.29', '5.30', '5.24']);
  });

  it('removes a card and its links but keeps the note text for undo and concurrent typists', () => {
    const doc = seedBoard();
    const a = place(doc, 'customer-db', '5.12');
    const b = place(doc, 'customer-db', '5.13');
    linkPlacements(doc, ctx, { from: a, to: b, createdBy: 'alice' });
    expect(removePlacement(doc, ctx, { placementId: a }).ok).toBe(true);
    const board = readBoard(doc);
    expect(board.placements.map((p) => p.controlId)).toEqual(['5.13']);
    expect(board.links).toEqual([]);
    expect(noteText(doc, a)).toBeDefined();
    expect(readBoard(doc).placements.some((p) => p.id === a)).toBe(false);
    expect(removePlacement(doc, ctx, { placementId: a })).toMatchObject({ code: 'not-found' });
  });
});

describe('notes, links, SoA, feedback, lock', () => {
  it('edits notes with clamped offsets and a length cap', () => {
    const doc = seedBoard();
    const a = place(doc, 'customer-db', '5.12');
    editNote(doc, ctx, { placementId: a, index: 0, deleteCount: 0, insert: '分類する' });
    editNote(doc, ctx, { placementId: a, index: 99, deleteCount: 5, insert: '。' });
    expect(noteText(doc, a)?.toString()).toBe('分類する。');
    expect(
      editNote(doc, ctx, { placementId: a, index: 0, deleteCount: 0, insert: 'x'.repeat(6000) }),
    ).toMatchObject({
      code: 'invalid-input',
    });
    expect(
      editNote(doc, ctx, { placementId: 'missing', index: 0, deleteCount: 0, insert: 'x' }),
    ).toMatchObject({
      code: 'not-found',
    });
  });

  it('links once per pair, rejects self links, and unlinks', () => {
    const doc = seedBoard();
    const a = place(doc, 'customer-db', '5.12');
    const b = place(doc, 'customer-db', '5.13');
    expect(linkPlacements(doc, ctx, { from: a, to: a, createdBy: 'x' })).toMatchObject({
      code: 'self-link',
    });
    const first = linkPlacements(doc, ctx, { from: a, to: b, createdBy: 'x' });
    linkPlacements(doc, ctx, { from: a, to: b, createdBy: 'y', label: 'ラベル付けの前提' });
    const links = readBoard(doc).links;
    expect(links).toHaveLength(1);
    expect(links[0]?.label).toBe('ラベル付けの前提');
    if (!first.ok) throw new Error('link failed');
    expect(unlinkPlacements(doc, ctx, { linkId: first.value.linkId }).ok).toBe(true);
    expect(readBoard(doc).links).toEqual([]);
  });

  it('sets SoA fields independently and validates them', () => {
    const doc = seedBoard();
    setSoaEntry(doc, ctx, { controlId: '5.7', patch: { applicable: 'no' }, updatedBy: 'a' });
    setSoaEntry(doc, ctx, {
      controlId: '5.7',
      patch: { exclusionReason: '小規模のため' },
      updatedBy: 'b',
    });
    expect(readBoard(doc).soa['5.7']).toMatchObject({
      applicable: 'no',
      exclusionReason: '小規模のため',
      updatedBy: 'b',
    });
    expect(setSoaEntry(doc, ctx, { controlId: '8.1', patch: {}, updatedBy: 'a' })).toMatchObject({
      code: 'control-not-in-theme',
    });
    const bad = { applicable: 'maybe' } as unknown as { applicable: 'yes' };
    expect(setSoaEntry(doc, ctx, { controlId: '5.7', patch: bad, updatedBy: 'a' })).toMatchObject({
      code: 'invalid-input',
    });
  });

  it('adds and resolves feedback anchored to board, asset or card', () => {
    const doc = seedBoard();
    const a = place(doc, 'customer-db', '5.12');
    addFeedback(doc, ctx, {
      author: '講師',
      text: '全体として良い',
      anchor: { kind: 'board' },
      now: 1,
    });
    addFeedback(doc, ctx, {
      author: '講師',
      text: 'リスクに合う',
      anchor: { kind: 'asset', assetId: 'bcp' },
      now: 2,
    });
    const good = addFeedback(doc, ctx, {
      author: '講師',
      text: '',
      kind: 'good-example',
      anchor: { kind: 'placement', placementId: a },
      now: 3,
    });
    expect(
      addFeedback(doc, ctx, { author: 'x', text: ' ', anchor: { kind: 'board' } }),
    ).toMatchObject({
      code: 'invalid-input',
    });
    expect(
      addFeedback(doc, ctx, { author: 'x', text: 'y', anchor: { kind: 'asset', assetId: '?' } }),
    ).toMatchObject({
      code: 'unknown-asset',
    });
    if (!good.ok) throw new Error('feedback failed');
    resolveFeedback(doc, { feedbackId: good.value.feedbackId, resolved: true });
    const feedback = readBoard(doc).feedback;
    expect(feedback.map((f) => f.anchor.kind)).toEqual(['board', 'asset', 'placement']);
    expect(feedback[2]).toMatchObject({ kind: 'good-example', resolved: true });
  });

  it('rejects participant edits on a locked board but lets the instructor edit', () => {
    const doc = seedBoard();
    const a = place(doc, 'customer-db', '5.12');
    setLocked(doc, true);
    expect(
      placeControl(doc, ctx, { assetId: 'bcp', controlId: '5.1', placedBy: 'a' }),
    ).toMatchObject({
      code: 'locked',
    });
    expect(
      editNote(doc, ctx, { placementId: a, index: 0, deleteCount: 0, insert: 'x' }),
    ).toMatchObject({
      code: 'locked',
    });
    expect(
      editNote(
        doc,
        { ...ctx, bypassLock: true },
        { placementId: a, index: 0, deleteCount: 0, insert: 'x' },
      ).ok,
    ).toBe(true);
    expect(readBoard(doc).meta.locked).toBe(true);
  });

  it('tags every command transaction with a typed local origin', () => {
    const doc = seedBoard();
    const origins: string[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      origins.push(tr.origin instanceof LocalOrigin ? tr.origin.command : originKind(tr.origin));
    });
    const a = place(doc, 'customer-db', '5.12');
    editNote(doc, ctx, { placementId: a, index: 0, deleteCount: 0, insert: 'x' });
    setLocked(doc, true);
    expect(origins).toEqual(['place', 'edit-note', 'server']);
    expect(new ServerOrigin('x').kind).toBe('server');
  });

  it("keeps remote edits out of a user's undo stack", () => {
    const doc = seedBoard();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const undo = new Y.UndoManager([...doc.share.values()] as Y.AbstractType<unknown>[], {
      trackedOrigins: new Set([LocalOrigin]),
      captureTimeout: 0,
    });
    place(doc, 'customer-db', '5.12');
    placeControl(remote, ctx, { assetId: 'bcp', controlId: '5.29', placedBy: 'bob' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), 'remote');
    undo.undo();
    expect(readBoard(doc).placements.map((p) => p.controlId)).toEqual(['5.29']);
  });
});

describe('hard limits the server also enforces (writeRules.ts)', () => {
  it(`a lane takes at most MAX_CARDS_PER_ASSET cards; the next place or move says lane-full`, () => {
    const doc = seedBoard();
    for (let index = 1; index <= MAX_CARDS_PER_ASSET; index += 1) place(doc, 'bcp', `5.${index}`);
    const extra = placeControl(doc, ctx, { assetId: 'bcp', controlId: '5.20', placedBy: 'a' });
    expect(extra).toMatchObject({ ok: false, code: 'lane-full' });
    const other = place(doc, 'customer-db', '5.20');
    const moved = movePlacement(doc, ctx, { placementId: other, assetId: 'bcp' });
    expect(moved).toMatchObject({ ok: false, code: 'lane-full' });
    expect(lane(doc, 'bcp')).toHaveLength(MAX_CARDS_PER_ASSET);
  });

  it('a note over MAX_NOTE_LENGTH (merged from concurrent typists) can still be shortened', () => {
    const doc = seedBoard();
    const id = place(doc, 'bcp', '5.1');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(setNote(doc, ctx, id, 'a'.repeat(MAX_NOTE_LENGTH)).ok).toBe(true);
    expect(setNote(other, ctx, id, 'b'.repeat(MAX_NOTE_LENGTH)).ok).toBe(true);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    expect(noteText(doc, id)!.length).toBe(2 * MAX_NOTE_LENGTH);
    const grow = editNote(doc, ctx, { placementId: id, index: 0, deleteCount: 1, insert: 'xy' });
    expect(grow).toMatchObject({ ok: false, code: 'invalid-input' });
    const shorten = editNote(doc, ctx, { placementId: id, index: 0, deleteCount: 100, insert: '' });
    expect(shorten.ok).toBe(true);
    expect(noteText(doc, id)!.length).toBe(2 * MAX_NOTE_LENGTH - 100);
  });
});
