import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LINE_HEIGHT_PT } from './rowHeight';
import { documentToXlsx, sheetName } from './writeXlsx';

describe('sheetName', () => {
  it('keeps names within Excel’s 31 characters, without forbidden characters, unique', () => {
    const taken = new Set<string>();
    const long = '情報セキュリティ対策基準（全グループ統合版）— 第4回ワークショップ/最終';
    const first = sheetName(long, taken);
    const second = sheetName(long, taken);
    expect(first.length).toBeLessThanOrEqual(31);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(first).not.toMatch(/[[\]:*?/\\]/);
    expect(second).not.toBe(first);
    expect(second.endsWith('(2)')).toBe(true);
    expect(sheetName('', taken)).toBe('Sheet');
  });
});

describe('documentToXlsx', () => {
  it('writes a title row, a bold frozen header and wrapped cells', async () => {
    const buffer = await documentToXlsx({
      title: 'テスト',
      subtitle: '2026-11-26 · 第4回',
      sheets: [
        {
          id: 'standard-g1',
          name: 'グループ1',
          title: 'セキュリティ対策基準 — グループ1',
          blocks: [
            {
              table: {
                title: 't',
                columns: [
                  { key: 'control', header: '管理策No', width: 10 },
                  { key: 'implementation', header: '実施内容', width: 200 },
                ],
                rows: [{ control: '5.12', implementation: '一行目\n二行目' }],
              },
            },
          ],
        },
      ],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('グループ1')!;
    expect(sheet.getCell('A1').value).toBe('セキュリティ対策基準 — グループ1');
    expect(sheet.getRow(3).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.getColumn(2).width).toBe(60);
    expect(sheet.getCell('B4').alignment?.wrapText).toBe(true);
    expect(sheet.getCell('B4').value).toBe('一行目\n二行目');
    // Two lines of text: the row is set at least two lines high (not Calc's default one).
    expect(sheet.getRow(4).height).toBeGreaterThanOrEqual(2 * LINE_HEIGHT_PT);
  });
});
