import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv, UTF8_BOM } from './csv';
import { toMarkdown } from './markdown';
import type { ExportTable } from './table';

const table: ExportTable = {
  title: '対策基準',
  columns: [
    { key: 'control', header: '管理策No', width: 8 },
    { key: 'note', header: '実施内容', width: 40 },
  ],
  rows: [
    { control: '5.12', note: '分類する, "重要" を含む\n二行目' },
    { control: '5.13', note: '=HYPERLINK("http://x")' },
    { control: '5.18', note: 'a | b' },
  ],
};

describe('CSV export', () => {
  it('starts with a BOM, uses CRLF and round-trips quotes, commas and newlines', () => {
    const csv = toCsv(table);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toContain('\r\n');
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['管理策No', '実施内容']);
    expect(rows[1]).toEqual(['5.12', '分類する, "重要" を含む\n二行目']);
  });

  it('neutralises spreadsheet formulas', () => {
    expect(parseCsv(toCsv(table))[2]?.[1]).toBe('\'=HYPERLINK("http://x")');
  });
});

describe('Markdown export', () => {
  it('escapes pipes and keeps line breaks inside cells', () => {
    const md = toMarkdown(table);
    expect(md).toContain('## 対策基準');
    expect(md).toContain('| 管理策No | 実施内容 |');
    expect(md).toContain('二行目');
    expect(md).toContain('<br>');
    expect(md).toContain('a \\| b');
    expect(md.split('\n').filter((line) => line.startsWith('|'))).toHaveLength(5);
  });
});
