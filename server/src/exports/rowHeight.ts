import stringWidth from 'string-width';

/**
 * Row heights for wrapped cells. Excel and LibreOffice Calc do not grow a row to fit wrapped
 * text that a file sets (LibreOffice 7.4 keeps such rows one line high), so an
 * implementation note was cut mid-word in the sheet and in its PDF. We set each row's height
 * from the lines its longest cell wraps to.
 *
 * Column widths count the '0' glyph of the default 11-pt font; a full-width Japanese
 * character is two of them (East Asian Width "W"/"F", which string-width measures).
 */

/** Points per wrapped line: 11-pt text in the CJK fallback fonts (Yu Gothic, Noto Sans CJK) is ~15–18 pt high. */
export const LINE_HEIGHT_PT = 18;
/** Top + bottom cell padding, points. */
const ROW_PADDING_PT = 4;
/** A column's width minus this, characters, is what text gets (cell margins, the grid line). */
const CELL_MARGIN_CHARS = 1;
/**
 * Measured width is multiplied by this before wrapping: proportional glyphs and line-break
 * rules (a word or 「。」 moved to the next line) make real lines fill to ~90 %.
 */
const WRAP_SLACK = 1.1;
/** Excel's maximum row height, points. */
const MAX_ROW_HEIGHT_PT = 409;

/** How many lines `text` wraps to in a column `columnWidth` characters wide. */
export function wrappedLines(text: string, columnWidth: number): number {
  const usable = Math.max(1, columnWidth - CELL_MARGIN_CHARS);
  return text
    .split('\n')
    .reduce(
      (lines, paragraph) =>
        lines + Math.max(1, Math.ceil((stringWidth(paragraph) * WRAP_SLACK) / usable)),
      0,
    );
}

/** The height, points, that shows every cell of a row whole; `widths` are the columns'. */
export function rowHeight(cells: readonly string[], widths: readonly number[]): number {
  const lines = cells.reduce(
    (most, text, index) => Math.max(most, wrappedLines(text, widths[index] ?? 10)),
    1,
  );
  return Math.min(MAX_ROW_HEIGHT_PT, lines * LINE_HEIGHT_PT + ROW_PADDING_PT);
}
