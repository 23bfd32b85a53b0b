import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { SEMINAR4_SCENARIO, editNote, placeControl } from '@isms/shared';
import { EditCounter } from './editCounter';

/** Local transactions of a real board doc made with the shared commands, counted as edits. */
function counting() {
  const doc = new Y.Doc();
  const counter = new EditCounter();
  let edits = 0;
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.local && counter.startsEdit(transaction)) edits++;
  });
  return { doc, counter, ctx: { scenario: SEMINAR4_SCENARIO }, edits: () => edits };
}

function typeInto(
  doc: Y.Doc,
  ctx: { scenario: typeof SEMINAR4_SCENARIO },
  id: string,
  text: string,
) {
  for (const [offset, char] of [...text].entries()) {
    expect(
      editNote(doc, ctx, { placementId: id, index: offset, deleteCount: 0, insert: char }).ok,
    ).toBe(true);
  }
}

describe('EditCounter', () => {
  it('counts typing into one note as one edit and each placement as one', () => {
    const { doc, ctx, edits } = counting();
    const first = placeControl(doc, ctx, {
      assetId: 'customer-db',
      controlId: '5.12',
      placedBy: 'A',
    });
    const second = placeControl(doc, ctx, {
      assetId: 'customer-db',
      controlId: '5.13',
      placedBy: 'A',
    });
    if (!first.ok || !second.ok) throw new Error('placement failed');
    expect(edits()).toBe(2);
    typeInto(doc, ctx, first.value.placementId, '個人情報とそれ以外に分類する');
    expect(edits()).toBe(3);
    typeInto(doc, ctx, second.value.placementId, '社外秘');
    expect(edits()).toBe(4);
    // Back to the first note: a new edit, as a person would count it.
    typeInto(doc, ctx, first.value.placementId, '。');
    expect(edits()).toBe(5);
  });

  it('starts a new edit after a reset (everything was sent)', () => {
    const { doc, ctx, counter, edits } = counting();
    const placed = placeControl(doc, ctx, {
      assetId: 'customer-db',
      controlId: '5.12',
      placedBy: 'A',
    });
    if (!placed.ok) throw new Error('placement failed');
    typeInto(doc, ctx, placed.value.placementId, 'ab');
    counter.reset();
    typeInto(doc, ctx, placed.value.placementId, 'c');
    expect(edits()).toBe(3);
  });
});
