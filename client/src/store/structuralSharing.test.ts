import { describe, expect, it } from 'vitest';
import { shareStructure } from './structuralSharing';

describe('shareStructure', () => {
  it('keeps the previous object when everything is equal', () => {
    const previous = { lanes: [{ id: 'a', cards: [1, 2] }], title: 'x' };
    const next = { lanes: [{ id: 'a', cards: [1, 2] }], title: 'x' };
    expect(shareStructure(previous, next)).toBe(previous);
  });

  it('keeps unchanged branches and replaces changed ones', () => {
    const previous = {
      lanes: [
        { id: 'a', note: 'old' },
        { id: 'b', note: 'same' },
      ],
    };
    const next = {
      lanes: [
        { id: 'a', note: 'new' },
        { id: 'b', note: 'same' },
      ],
    };
    const shared = shareStructure(previous, next);
    expect(shared).not.toBe(previous);
    expect(shared.lanes[0]).not.toBe(previous.lanes[0]);
    expect(shared.lanes[0]?.note).toBe('new');
    expect(shared.lanes[1]).toBe(previous.lanes[1]);
  });

  it('notices added and removed keys and array items', () => {
    const previous: Record<string, number> = { a: 1 };
    expect(shareStructure(previous, { a: 1, b: 2 })).not.toBe(previous);
    expect(shareStructure({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
    const list = [1, 2];
    expect(shareStructure(list, [1])).toEqual([1]);
    expect(shareStructure(list, [1, 2])).toBe(list);
  });

  it('does not confuse a missing key with an undefined one', () => {
    const previous: Record<string, unknown> = { a: undefined };
    const next: Record<string, unknown> = { b: undefined };
    expect(Object.keys(shareStructure(previous, next))).toEqual(['b']);
  });
});
