import type { ExportTable } from './table';

function markdownCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A GitHub-flavoured Markdown table with a heading; line breaks in notes become <br>. */
export function toMarkdown(table: ExportTable, headingLevel = 2): string {
  const header = `| ${table.columns.map((c) => markdownCell(c.header)).join(' | ')} |`;
  const rule = `| ${table.columns.map(() => '---').join(' | ')} |`;
  const body = table.rows.map(
    (row) => `| ${table.columns.map((c) => markdownCell(row[c.key] ?? '')).join(' | ')} |`,
  );
  return [`${'#'.repeat(headingLevel)} ${table.title}`, '', header, rule, ...body, ''].join('\n');
}
