import { describe, expect, it } from 'vitest';
import { noteDiff } from './noteDiff';

function apply(text: string, edit: ReturnType<typeof noteDiff>) {
  if (!edit) return text;
  return text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.deleteCount);
}

describe('noteDiff', () => {
  const cases: [string, string][] = [
    ['', '情報'],
    ['情報を分類する', '情報を重要度で分類する'],
    ['abcabc', 'abc'],
    ['aaaa', 'aaaaa'],
    ['個人情報', ''],
    ['x', 'y'],
  ];
  for (const [before, after] of cases) {
    it(`turns "${before}" into "${after}" with one minimal edit`, () => {
      const edit = noteDiff('p1', before, after);
      expect(apply(before, edit)).toBe(after);
      expect(edit?.deleteCount ?? 0).toBeLessThanOrEqual(before.length);
    });
  }
  it('keeps the common prefix and suffix', () => {
    expect(noteDiff('p1', '情報を分類する', '情報を重要度で分類する')).toEqual({
      placementId: 'p1',
      index: 3,
      deleteCount: 0,
      insert: '重要度で',
    });
  });
  it('is null when nothing changed', () => {
    expect(noteDiff('p1', 'same', 'same')).toBeNull();
  });
});
