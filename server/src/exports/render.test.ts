import ExcelJS from 'exceljs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  SEMINAR4_SCENARIO,
  initBoard,
  parseCsv,
  placeControl,
  scenarioControlIds,
  setNote,
  setSoaEntry,
} from '@isms/shared';
import type { WorkshopRecord } from '../registry/types';
import { buildExportDocument, renderExport } from './index';
import type {
  DocumentFormat,
  DocumentKind,
  ExportBoard,
  ExportDocument,
  ExportInput,
} from './types';

const scenario = SEMINAR4_SCENARIO;
const ctx = { scenario };
const [asset1, asset2] = scenario.assets.map((asset) => asset.id) as [string, string];
/** A note that tries every CSV/Markdown hazard: comma, quote, pipe, newline, formula start. */
const HOSTILE_NOTE = '=SUM(1)、"重要", a|b\n二行目';

function board(groupId: string, cards: [assetId: string, controlId: string, note: string][]) {
  const doc = new Y.Doc();
  initBoard(doc, { workshopId: 'w1', groupId, scenarioId: scenario.id });
  for (const [assetId, controlId, note] of cards) {
    const placed = placeControl(doc, ctx, { assetId, controlId, placedBy: 'test', now: 1 });
    if (!placed.ok) throw new Error(placed.message);
    setNote(doc, ctx, placed.value.placementId, note);
  }
  return doc;
}

function fixture(): { workshop: WorkshopRecord; boards: ExportBoard[] } {
  const g1 = board('g1', [
    [asset1, '5.12', '個人情報とそれ以外に分類する'],
    [asset1, '5.13', HOSTILE_NOTE],
    [asset2, '5.23', 'クラウド事業者の責任範囲を契約で確認する'],
  ]);
  setSoaEntry(g1, ctx, {
    controlId: '5.1',
    patch: { applicable: 'no', exclusionReason: '小規模のため別途規程で対応' },
    updatedBy: 'test',
  });
  const g2 = board('g2', [
    [asset1, '5.12', '情報を重要度で分類する'],
    [asset1, '5.15', ''],
  ]);
  const workshop: WorkshopRecord = {
    id: 'w1',
    title: '第4回 ISMS構築ワークショップ',
    date: '2026-11-26',
    scenario,
    scenarioVersion: 1,
    phaseIndex: 0,
    takeHome: false,
    status: 'active',
    createdAt: 1,
    groups: [],
  };
  return {
    workshop,
    boards: [
      { groupId: 'g1', groupName: '1班', doc: g1 },
      { groupId: 'g2', groupName: '2班', doc: g2 },
    ],
  };
}

/** What a spreadsheet shows for a cell the CSV writer had to neutralise (a leading "="). */
const csvShown = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

function expectedRows(document: ExportDocument): string[][] {
  return document.sheets.flatMap((sheet) =>
    sheet.blocks.flatMap((block) => [
      block.table.columns.map((c) => c.header),
      ...block.table.rows.map((row) => block.table.columns.map((c) => row[c.key] ?? '')),
    ]),
  );
}

async function xlsxRows(body: Buffer | string): Promise<{ names: string[]; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
    }),
  );
  return { names: workbook.worksheets.map((s) => s.name), rows };
}

/** Does `rows` contain `wanted` in order (each a whole row, trailing empty cells ignored)? */
function containsInOrder(rows: string[][], wanted: string[][]) {
  const trim = (row: string[]) => {
    const copy = [...row];
    while (copy.length > 0 && copy[copy.length - 1] === '') copy.pop();
    return JSON.stringify(copy);
  };
  let at = 0;
  for (const row of wanted) {
    const key = trim(row);
    while (at < rows.length && trim(rows[at] as string[]) !== key) at++;
    if (at === rows.length) return `missing row ${key}`;
    at++;
  }
  return 'ok';
}

const KINDS: DocumentKind[] = ['security-standard', 'soa', 'report'];
const FORMATS: DocumentFormat[] = ['csv', 'xlsx', 'md'];
const SCOPES = [null, 'g1', 'g2'];

describe('renderExport', () => {
  for (const kind of KINDS) {
    for (const format of FORMATS) {
      for (const groupId of SCOPES) {
        it(`${kind}.${format} for ${groupId ?? 'the workshop'} reads back as the tables`, async () => {
          const input: ExportInput = { kind, format, lang: 'ja', groupId, ...fixture() };
          const document = buildExportDocument(input);
          const output = await renderExport(input);
          const wanted = expectedRows(document);
          expect(wanted.length).toBeGreaterThan(1);
          if (format === 'csv') {
            expect(String(output.body).startsWith('\uFEFF')).toBe(true);
            const rows = parseCsv(String(output.body));
            expect(
              containsInOrder(
                rows,
                wanted.map((r) => r.map(csvShown)),
              ),
            ).toBe('ok');
          } else if (format === 'xlsx') {
            const { rows } = await xlsxRows(output.body);
            expect(containsInOrder(rows, wanted)).toBe('ok');
          } else {
            const text = String(output.body);
            for (const row of wanted) {
              for (const cell of row) {
                const escaped = cell.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
                expect(text).toContain(escaped);
              }
            }
          }
          expect(output.asciiFilename).toMatch(/^[A-Za-z0-9._-]+$/);
          expect(output.filename.endsWith(`.${format}`)).toBe(true);
        });
      }
    }
  }
});

describe('export content matches the boards', () => {
  it("the group's security standard holds its cards and notes per asset", async () => {
    const output = await renderExport({
      kind: 'security-standard',
      format: 'csv',
      lang: 'ja',
      groupId: 'g1',
      ...fixture(),
    });
    const [header, ...rows] = parseCsv(String(output.body));
    expect(header).toEqual([
      '情報資産',
      'リスク',
      '管理策No',
      '管理策',
      '実施内容',
      '関連（前提となる管理策）',
    ]);
    expect(rows.map((r) => [r[2], r[4]])).toEqual([
      ['5.12', '個人情報とそれ以外に分類する'],
      ['5.13', `'${HOSTILE_NOTE}`],
      ['5.23', 'クラウド事業者の責任範囲を契約で確認する'],
    ]);
    expect(rows[0]?.[0]).toBe(scenario.assets[0]?.name_ja);
  });

  it('the SoA lists every control of the theme with ○/✕ and the exclusion reason', async () => {
    const output = await renderExport({
      kind: 'soa',
      format: 'xlsx',
      lang: 'ja',
      groupId: 'g1',
      ...fixture(),
    });
    const { names, rows } = await xlsxRows(output.body);
    expect(names).toEqual(['1班']);
    const controls = rows.filter((r) => /^5\.\d+$/.test(r[0] ?? ''));
    expect(controls.map((r) => r[0])).toEqual(scenarioControlIds(scenario));
    const byId = new Map(controls.map((r) => [r[0], r]));
    expect(byId.get('5.1')?.[2]).toBe('✕');
    expect(byId.get('5.1')?.[5]).toBe('小規模のため別途規程で対応');
    expect(byId.get('5.12')?.[2]).toBe('○');
    expect(byId.get('5.2')?.[2]).toBe('—');
  });

  it("the workshop report has each group's sheet, the comparison and the consolidated SoA", async () => {
    const output = await renderExport({
      kind: 'report',
      format: 'xlsx',
      lang: 'ja',
      groupId: null,
      ...fixture(),
    });
    const { names, rows } = await xlsxRows(output.body);
    expect(names).toEqual(['1班', '2班', 'グループ比較', '適用宣言書（統合）']);
    const merged = rows.find((r) => r[1] === '5.12' && r[3] === '2/2');
    expect(merged?.slice(4)).toEqual(['個人情報とそれ以外に分類する', '情報を重要度で分類する']);
    const unique = rows.find((r) => r[1] === '5.15');
    expect(unique?.slice(3)).toEqual(['1/2', '', '（実施内容なし）']);
  });

  it('the Markdown report has one table per asset like the seed report', async () => {
    const output = await renderExport({
      kind: 'report',
      format: 'md',
      lang: 'ja',
      groupId: 'g2',
      ...fixture(),
    });
    const text = String(output.body);
    expect(text).toContain(`### 資産 1: ${scenario.assets[0]?.name_ja}`);
    expect(text).toContain('| 管理策No | 管理策 | 実施内容 |');
    expect(text).toContain('| 5.12 | 情報の分類 | 情報を重要度で分類する |');
    expect(text).not.toContain('クラウド事業者');
  });

  it('English exports use English headers and titles', async () => {
    const output = await renderExport({
      kind: 'security-standard',
      format: 'csv',
      lang: 'en',
      groupId: null,
      ...fixture(),
    });
    const [header] = parseCsv(String(output.body));
    expect(header?.slice(0, 4)).toEqual(['Group', 'Asset', 'Risk', 'Control No.']);
  });

  it('rejects a group that is not in the workshop', async () => {
    const input = { kind: 'soa', format: 'md', lang: 'ja', groupId: 'g9', ...fixture() } as const;
    await expect(renderExport(input)).rejects.toThrow(/g9/);
  });

  it('gives a Japanese filename and an ASCII fallback', async () => {
    const input = { kind: 'soa', format: 'xlsx', lang: 'ja', groupId: 'g1', ...fixture() } as const;
    const output = await renderExport(input);
    expect(output.filename).toBe('2026-11-26_第4回-ISMS構築ワークショップ_soa_1班.xlsx');
    expect(output.asciiFilename).toBe('2026-11-26_w1_soa_g1.xlsx');
  });
});
