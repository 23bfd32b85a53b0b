import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Window } from 'happy-dom';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  type DocumentKind,
  type Locale,
  SEMINAR4_SCENARIO,
  initBoard,
  placeControl,
  readBoard,
  setNote,
  setSoaEntry,
} from '@isms/shared';
import { PrintDocument } from '../../client/src/print/PrintDocument';
import { printSections } from '../../client/src/print/printSections';
import { renderExport } from '../../server/src/exports/index';
import type { ExportBoard } from '../../server/src/exports/types';
import type { WorkshopRecord } from '../../server/src/registry/types';

/**
 * One export document, two renderings: the server's Markdown file and the print page's HTML,
 * for the same boards, kind, scope and language, must show the same sections, headings and rows.
 */
const scenario = SEMINAR4_SCENARIO;
const ctx = { scenario };
const [asset1, asset2] = scenario.assets.map((asset) => asset.id) as [string, string];

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

const g1 = board('g1', [
  [asset1, '5.12', '個人情報とそれ以外に分類する'],
  [asset1, '5.13', 'ラベル <重要> & 取扱区分'],
  [asset2, '5.23', 'クラウド事業者の責任範囲を契約で確認する'],
]);
setSoaEntry(g1, ctx, {
  controlId: '5.1',
  patch: { applicable: 'no', exclusionReason: '小規模のため別途規程で対応' },
  updatedBy: 'test',
});
const boards: ExportBoard[] = [
  { groupId: 'g1', groupName: '1班', doc: g1 },
  { groupId: 'g2', groupName: '2班', doc: board('g2', [[asset1, '5.12', '重要度で分類する']]) },
];
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

/** A rendering reduced to what a reader sees: headings (level + text) and table rows. */
type Line = string;

/**
 * A table with a header and no rows is one `empty` line: the print page says 「まだ管理策が
 * 選ばれていません。」 instead of printing a header over nothing (issue 13), the file keeps the
 * header row.
 */
/** The Markdown export escapes HTML in text (markdown.ts); the print page shows the text itself. */
function unescapeHtml(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function markdownLines(markdown: string): Line[] {
  const lines: Line[] = [];
  const source = markdown.split('\n');
  for (const [index, line] of source.entries()) {
    const heading = /^(#{2,3}) (.*)$/.exec(line);
    if (heading) lines.push(`h${heading[1]!.length} ${unescapeHtml(heading[2]!)}`);
    else if (line.startsWith('| ') && !/^\| (---)( \| ---)* \|$/.test(line)) {
      const isHeader = /^\| (---)( \| ---)* \|$/.test(source[index + 1] ?? '');
      if (isHeader && !(source[index + 2] ?? '').startsWith('| ')) {
        lines.push('empty');
        continue;
      }
      const cells = line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        // Undo markdownCell (shared/src/export/markdown.ts) in reverse order: <br> for a line
        // break, then the HTML escapes, then \| and \\.
        .map((cell) =>
          unescapeHtml(cell.replace(/<br>/g, '\n')).replace(/\\\|/g, '|').replace(/\\\\/g, '\\'),
        );
      lines.push(`row ${JSON.stringify(cells)}`);
    }
  }
  return lines;
}

function printLines(html: string): Line[] {
  const window = new Window();
  window.document.body.innerHTML = html;
  const lines: Line[] = [];
  for (const element of window.document.body.querySelectorAll('h2, h3, tr, .print__empty')) {
    if (element.classList.contains('print__empty')) lines.push('empty');
    else if (element.tagName === 'TR') {
      const cells = [...element.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '');
      lines.push(`row ${JSON.stringify(cells)}`);
    } else lines.push(`${element.tagName.toLowerCase()} ${element.textContent}`);
  }
  void window.happyDOM.close();
  return lines;
}

const KINDS: DocumentKind[] = ['report', 'security-standard', 'soa'];
const LANGS: Locale[] = ['ja', 'en'];
const SCOPES = [null, 'g1'] as const;

describe('the print page renders the export document the server writes', () => {
  for (const lang of LANGS) {
    for (const kind of KINDS) {
      for (const groupId of SCOPES) {
        it(`${kind} (${lang}) for ${groupId ?? 'the workshop'}`, async () => {
          const output = await renderExport({
            kind,
            format: 'md',
            lang,
            workshop,
            groupId,
            boards,
          });
          const groups = boards
            .filter((b) => groupId === null || b.groupId === groupId)
            .map((b) => ({ groupId: b.groupId, groupName: b.groupName, board: readBoard(b.doc) }));
          const sections = printSections(
            groups,
            scenario,
            lang,
            new Set([kind]),
            workshop,
            groupId === null ? 'workshop' : 'group',
          );
          const html = renderToStaticMarkup(createElement(PrintDocument, { sections }));
          const fromFile = markdownLines(String(output.body));
          expect(fromFile.length).toBeGreaterThan(3);
          expect(printLines(html)).toEqual(fromFile);
        });
      }
    }
  }

  it('shows one asset heading per asset, as the seed report does', async () => {
    const output = await renderExport({
      kind: 'report',
      format: 'md',
      lang: 'ja',
      workshop,
      groupId: 'g1',
      boards,
    });
    const headings = markdownLines(String(output.body)).filter((line) => line.startsWith('h3'));
    expect(headings[0]).toBe(`h3 資産 1: ${scenario.assets[0]!.name_ja}`);
    expect(headings).toHaveLength(scenario.assets.length);
  });
});
