import type ExcelJS from 'exceljs';
import { rowHeight } from './rowHeight';
import type { ExportBlock, ExportDocument } from './types';

/** Excel's limit on a sheet name, characters. */
const SHEET_NAME_MAX = 31;
/** Characters Excel forbids in sheet names. */
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;
/** Column width cap, characters: wider columns wrap instead of pushing the sheet off screen. */
const MAX_COLUMN_WIDTH = 60;
const TITLE_FONT = { bold: true, size: 14 } as const;
const HEADING_FONT = { bold: true, size: 12 } as const;
const HEADER_FILL = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFE8EEF7' },
} as const satisfies ExcelJS.Fill;

/** Sheet names must be unique, ≤ 31 characters, without []:*?/\ (Excel refuses the file otherwise). */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(SHEET_NAME_FORBIDDEN, '_').trim() || 'Sheet';
  let candidate = base.slice(0, SHEET_NAME_MAX);
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = base.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** A column's width in the sheet, characters: its hint plus margin, capped. */
export function columnWidth(hint: number): number {
  return Math.min(MAX_COLUMN_WIDTH, hint + 2);
}

function writeBlock(sheet: ExcelJS.Worksheet, block: ExportBlock, single: boolean): number {
  if (block.heading) {
    sheet.addRow([block.heading]).font = HEADING_FONT;
    if (block.caption) sheet.addRow([block.caption]).font = { italic: true };
  }
  const widths = block.table.columns.map((c) => columnWidth(c.width));
  const headers = block.table.columns.map((c) => c.header);
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.height = rowHeight(headers, widths);
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of block.table.rows) {
    const cells = block.table.columns.map((c) => row[c.key] ?? '');
    const added = sheet.addRow(cells);
    added.alignment = { wrapText: true, vertical: 'top' };
    // Set explicitly: neither Excel nor LibreOffice grows a row to its wrapped text on open.
    added.height = rowHeight(cells, widths);
  }
  if (!single) sheet.addRow([]);
  return header.number;
}

/** One sheet per table (or per group for the report), title row, bold frozen header, wrapping. */
export async function documentToXlsx(document: ExportDocument): Promise<Buffer> {
  // Loaded on the first XLSX export, not at start-up: exceljs costs ~25 MB and ~0.7 s to load.
  // A dynamic import of the package itself (the bundle inlines this module, so a lazy import
  // of the module alone would not keep exceljs out of start-up).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'ISMS Workshop Board';
  workbook.title = document.title;
  const taken = new Set<string>();
  for (const exportSheet of document.sheets) {
    const sheet = workbook.addWorksheet(sheetName(exportSheet.name, taken));
    const columns = exportSheet.blocks[0]?.table.columns ?? [];
    sheet.columns = columns.map((c) => ({ width: columnWidth(c.width) }));
    sheet.addRow([exportSheet.title]).font = TITLE_FONT;
    sheet.addRow([document.subtitle]).font = { color: { argb: 'FF555555' } };
    const single = exportSheet.blocks.length === 1;
    let firstHeader = 0;
    for (const block of exportSheet.blocks) {
      const headerRow = writeBlock(sheet, block, single);
      firstHeader ||= headerRow;
    }
    // A single table freezes its header; a sheet of several tables freezes only the title.
    const frozen = single ? firstHeader : 2;
    sheet.views = [{ state: 'frozen', ySplit: frozen }];
    sheet.pageSetup = {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    };
    if (single) sheet.pageSetup.printTitlesRow = `${firstHeader}:${firstHeader}`;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
