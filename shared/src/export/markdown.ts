import type { ExportTable } from './table';

/**
 * Notes and titles are participants' text: in a Markdown file they must stay text. HTML is
 * escaped (a note `<img src=x onerror=…>` must not become markup in a Markdown viewer), and
 * every line break — CRLF, LF or a lone CR, which would otherwise end a table row in some
 * renderers — becomes `<br>` inside a cell.
 */
function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function markdownCell(value: string): string {
  return escapeHtml(value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|')).replace(
    /\r\n|\r|\n/g,
    '<br>',
  );
}

/** A heading is one line: line breaks become spaces. */
function markdownHeading(value: string): string {
  return escapeHtml(value).replace(/\r\n|\r|\n/g, ' ');
}

/** A GitHub-flavoured Markdown table with a heading; line breaks in notes become <br>. */
export function toMarkdown(table: ExportTable, headingLevel = 2): string {
  const header = `| ${table.columns.map((c) => markdownCell(c.header)).join(' | ')} |`;
  const rule = `| ${table.columns.map(() => '---').join(' | ')} |`;
  const body = table.rows.map(
    (row) => `| ${table.columns.map((c) => markdownCell(row[c.key] ?? '')).join(' | ')} |`,
  );
  return [
    `${'#'.repeat(headingLevel)} ${markdownHeading(table.title)}`,
    '',
    header,
    rule,
    ...body,
    '',
  ].join('\n');
}
