import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mapIndex, minimalEdit } from './textDiff';

function applyEdit(text: string, edit: { index: number; deleteCount: number; insert: string }) {
  return text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.deleteCount);
}

describe('minimalEdit', () => {
  it('finds an insertion in the middle', () => {
    expect(minimalEdit('分類する', '情報を分類する', 3)).toEqual({
      index: 0,
      deleteCount: 0,
      insert: '情報を',
    });
  });

  it('uses the caret to place an insert in repeated text', () => {
    expect(minimalEdit('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' });
    expect(minimalEdit('aa', 'aaa', 3)).toEqual({ index: 2, deleteCount: 0, insert: 'a' });
  });

  it('finds a replacement of a selection', () => {
    expect(minimalEdit('台帳を作る', '台帳を更新する', 6)).toEqual({
      index: 3,
      deleteCount: 1,
      insert: '更新す',
    });
  });

  it('always produces an edit that reproduces the target', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(), (before, after, caretSeed) => {
        const caret = after.length === 0 ? 0 : caretSeed % (after.length + 1);
        expect(applyEdit(before, minimalEdit(before, after, caret))).toBe(after);
      }),
    );
  });
});

describe('mapIndex', () => {
  it('shifts a caret after a remote insert before it', () => {
    expect(mapIndex(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
  });
  it('keeps a caret before a remote insert after it', () => {
    expect(mapIndex(1, [{ retain: 2 }, { insert: 'abc' }])).toBe(1);
  });
  it('keeps a caret at an insert at the same spot unless told to stick to the end', () => {
    expect(mapIndex(2, [{ retain: 2 }, { insert: 'abc' }])).toBe(2);
    expect(mapIndex(2, [{ retain: 2 }, { insert: 'abc' }], true)).toBe(5);
  });
  it('pulls a caret back over deleted text and into a deleted range', () => {
    expect(mapIndex(6, [{ retain: 1 }, { delete: 3 }])).toBe(3);
    expect(mapIndex(2, [{ retain: 1 }, { delete: 3 }])).toBe(1);
  });
});
