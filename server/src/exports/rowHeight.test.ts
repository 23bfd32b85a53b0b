import { describe, expect, it } from 'vitest';
import { LINE_HEIGHT_PT, rowHeight, wrappedLines } from './rowHeight';

describe('wrappedLines', () => {
  it('counts a full-width character as two columns and keeps explicit line breaks', () => {
    // 30 full-width characters = 60 columns: one line in 70, two in 40, three in 25.
    const note = 'あ'.repeat(30);
    expect(wrappedLines(note, 70)).toBe(1);
    expect(wrappedLines(note, 40)).toBe(2);
    expect(wrappedLines(note, 25)).toBe(3);
    expect(wrappedLines('一行目\n二行目', 60)).toBe(2);
    expect(wrappedLines('', 10)).toBe(1);
  });

  it('counts half-width text as one column per character', () => {
    expect(wrappedLines('5.12', 10)).toBe(1);
    expect(wrappedLines('x'.repeat(50), 30)).toBe(2);
  });
});

describe('rowHeight', () => {
  it('fits the cell that wraps to the most lines', () => {
    const note =
      '顧客データベースへのアクセス権は営業部と管理者に限定し、四半期ごとに見直す。退職者のアカウントは当日中に削除する。';
    const lines = wrappedLines(note, 62);
    expect(lines).toBeGreaterThan(1);
    expect(rowHeight(['5.15', 'アクセス制御', note], [12, 34, 62])).toBeGreaterThanOrEqual(
      lines * LINE_HEIGHT_PT,
    );
    expect(rowHeight(['5.15'], [12])).toBeLessThan(2 * LINE_HEIGHT_PT);
  });

  it('stays within Excel’s 409-point maximum', () => {
    expect(rowHeight(['あ'.repeat(5000)], [20])).toBe(409);
  });
});
