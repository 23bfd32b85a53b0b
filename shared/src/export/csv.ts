import type { ExportTable } from './table';

/** Byte-order mark: without it Excel on Windows opens UTF-8 CSV as Shift_JIS and garbles Japanese. */
export const UTF8_BOM = '\uFEFF';

/**
 * Cells starting with these are formulas to a spreadsheet (CSV injection, OWASP): a note that
 * begins "=HYPERLINK(…)" must stay text. Prefixing an apostrophe is what Excel itself does.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with CRLF line ends and a BOM, so Excel opens it correctly with Japanese. */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((column) => csvCell(column.header)).join(',')];
  for (const row of table.rows) {
    lines.push(table.columns.map((column) => csvCell(row[column.key] ?? '')).join(','));
  }
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}

/** Parses what toCsv writes (used by tests and the import check). Handles quotes and CRLF. */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
