import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SEMINAR4_SCENARIO,
  addFeedback,
  editNote,
  initBoard,
  placeControl,
  removePlacement,
  resolveFeedback,
  setLocked,
} from '@isms/shared';
import { changedRoots } from './contentPolicy';
import { decodeUpdateSafely } from './validate';

const ctx = { scenario: SEMINAR4_SCENARIO };
const asset = SEMINAR4_SCENARIO.assets[0]!.id;

/** A server doc and a client doc in sync; `roots(f)` = roots the client's edit f changes. */
function pair() {
  const server = new Y.Doc();
  initBoard(server, { workshopId: 'w1', groupId: 'g1', scenarioId: SEMINAR4_SCENARIO.id });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const roots = (edit: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(client);
    edit(client);
    const update = Y.encodeStateAsUpdate(client, before);
    const decoded = decodeUpdateSafely(update)!;
    const result = changedRoots(server, decoded);
    Y.applyUpdate(server, update);
    return [...result].sort();
  };
  return { server, client, roots };
}

describe('changedRoots', () => {
  it('names the roots of new content, nested types included', () => {
    const { client, roots } = pair();
    let placementId = '';
    expect(
      roots((doc) => {
        const placed = placeControl(doc, ctx, { assetId: asset, controlId: '5.1', placedBy: 'p' });
        if (placed.ok) placementId = placed.value.placementId;
      }),
    ).toEqual(['notes', 'placements']);
    // Typing into the note: items inside a nested Y.Text whose parent is an ID or an origin.
    expect(
      roots((doc) => editNote(doc, ctx, { placementId, index: 0, deleteCount: 0, insert: 'abc' })),
    ).toEqual(['notes']);
    expect(
      roots((doc) => editNote(doc, ctx, { placementId, index: 1, deleteCount: 0, insert: 'x' })),
    ).toEqual(['notes']);
    expect(
      roots((doc) => editNote(doc, ctx, { placementId, index: 0, deleteCount: 2, insert: '' })),
    ).toEqual(['notes']);
    expect(
      roots((doc) => addFeedback(doc, ctx, { author: 'p', text: 'hi', anchor: { kind: 'board' } })),
    ).toEqual(['feedback']);
    expect(roots((doc) => removePlacement(doc, ctx, { placementId }))).toContain('placements');
    expect(roots((doc) => setLocked(doc, true, 'local'))).toEqual(['meta']);
    expect(client.getMap('meta').get('locked')).toBe(true);
  });

  it('ignores content the server already has (a full sync step 2) and sees deletions in feedback', () => {
    const { server, client, roots } = pair();
    let feedbackId = '';
    roots((doc) => {
      const added = addFeedback(doc, ctx, { author: 'i', text: 'よい', anchor: { kind: 'board' } });
      if (added.ok) feedbackId = added.value.feedbackId;
    });
    expect(changedRoots(server, decodeUpdateSafely(Y.encodeStateAsUpdate(client))!)).toEqual(
      new Set(),
    );
    expect(roots((doc) => resolveFeedback(doc, { feedbackId, resolved: true }))).toEqual([
      'feedback',
    ]);
  });

  it('does not throw on updates whose dependencies are missing', () => {
    const { server } = pair();
    const other = new Y.Doc();
    other.getText('orphan').insert(0, 'a');
    const first = Y.encodeStateAsUpdate(other);
    const before = Y.encodeStateVector(other);
    other.getText('orphan').insert(1, 'b');
    const second = Y.encodeStateAsUpdate(other, before);
    expect(() => changedRoots(server, decodeUpdateSafely(second)!)).not.toThrow();
    expect(changedRoots(server, decodeUpdateSafely(first)!)).toEqual(new Set(['orphan']));
  });
});
