import { UTF8_BOM, toCsv, toMarkdown } from '@isms/shared';
import type { ExportDocument } from './types';

/**
 * CSV: a single-table document is one plain table (what a spreadsheet import expects). A
 * document of several tables (the report) becomes sections, each a title line, the table and
 * an empty line, so it still opens as one sheet in Excel.
 */
export function documentToCsv(document: ExportDocument): string {
  const blocks = document.sheets.flatMap((sheet) =>
    sheet.blocks.map((block) => ({ sheet, block })),
  );
  if (blocks.length === 1 && blocks[0]) return toCsv(blocks[0].block.table);
  const sections = blocks.map(({ sheet, block }) => {
    const heading = block.heading ? `${sheet.title} — ${block.heading}` : sheet.title;
    const table = toCsv({ ...block.table }).slice(UTF8_BOM.length);
    return toCsv({ title: '', columns: [{ key: 'h', header: heading, width: 0 }], rows: [] })
      .slice(UTF8_BOM.length)
      .concat(table);
  });
  return UTF8_BOM + sections.join('\r\n');
}

/** Markdown: the title, then per sheet a heading, per block a sub-heading and a table. */
export function documentToMarkdown(document: ExportDocument): string {
  const parts = [`# ${document.title}`, '', document.subtitle, ''];
  for (const sheet of document.sheets) {
    const single = sheet.blocks.length === 1 && !sheet.blocks[0]?.heading;
    for (const block of sheet.blocks) {
      if (single) {
        parts.push(toMarkdown({ ...block.table, title: sheet.title }, 2));
        continue;
      }
      if (block === sheet.blocks[0]) parts.push(`## ${sheet.title}`, '');
      const table = toMarkdown({ ...block.table, title: block.heading ?? block.table.title }, 3);
      const [heading, ...rest] = table.split('\n');
      parts.push(heading ?? '', '', ...(block.caption ? [`> ${block.caption}`, ''] : []));
      parts.push(...rest.slice(1));
    }
  }
  return parts.join('\n');
}
