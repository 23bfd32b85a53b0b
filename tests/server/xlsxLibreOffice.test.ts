import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEMINAR4_SCENARIO,
  boardDocName,
  placeControl,
  setNote,
  type CreateWorkshopResponse,
} from '@isms/shared';
import { connectClient, startTestServer, synced, type TestServer } from './harness';

const run = promisify(execFile);

/**
 * The XLSX exports opened by a real spreadsheet: LibreOffice Calc (headless, Debian's
 * libreoffice-calc-nogui, installed by .ci/run) prints the security standard to PDF, and every
 * implementation note must be in that PDF whole. Calc does not grow rows to wrapped text on
 * open, so a row left one line high prints the first line of a note and cuts the rest.
 */
const ctx = { scenario: SEMINAR4_SCENARIO };
/** Long notes as groups write them: several wrapped lines in the 62-character column. */
const NOTES: [assetIndex: number, controlId: string, note: string][] = [
  [
    0,
    '5.12',
    '顧客データを「社外秘」に分類し、分類基準を情報セキュリティ規程に定める。分類は年1回、情報セキュリティ委員会で見直し、結果を全従業員に周知する。',
  ],
  [
    0,
    '5.15',
    '顧客データベースへのアクセス権は営業部と管理者に限定し、四半期ごとに見直す。退職者・異動者のアカウントは当日中に削除し、削除記録を保管する。',
  ],
  [
    1,
    '5.23',
    'クラウド利用時のデータ保存場所と責任分界を契約前に確認する。\n障害時の連絡窓口と復旧目標時間（RTO）を契約書に明記する。',
  ],
  [2, '5.29', '障害時の連絡網と代替手段を文書化し、年1回訓練する。'],
];
/**
 * Why the suite cannot run here, or null: LibreOffice Calc and poppler's pdftotext (Debian
 * libreoffice-calc-nogui, poppler-utils; .ci/run installs both). Under CI=true a missing tool
 * fails the run instead of skipping it.
 */
function missingTools(): string | null {
  for (const tool of ['soffice', 'pdftotext']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      const reason = `${tool} not installed (apt-get install libreoffice-calc-nogui poppler-utils)`;
      if (process.env.CI === 'true') throw new Error(`CI=true requires ${reason}`);
      console.warn(`skipped: ${reason}`);
      return reason;
    }
  }
  return null;
}

/** LibreOffice's first start builds its profile: generous, on a shared 2-core machine, ms. */
const CONVERT_TIMEOUT_MS = 120_000;

interface PdfWord {
  page: number;
  x: number;
  y: number;
  text: string;
}

/** Every word of a PDF with its page and position (poppler's pdftotext -bbox). */
async function pdfWords(file: string): Promise<PdfWord[]> {
  const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  const words: PdfWord[] = [];
  for (const [index, page] of stdout.split('<page ').slice(1).entries()) {
    for (const match of page.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g,
    )) {
      words.push({ page: index, x: Number(match[1]), y: Number(match[2]), text: match[3]! });
    }
  }
  return words;
}

/**
 * The printed text of one column, top to bottom: the words between the left edges of its
 * header and of the next column's header. Reading the column alone keeps a wrapped note's
 * lines together (plain pdftotext interleaves the lines of neighbouring wrapped cells).
 */
function columnText(words: PdfWord[], header: string, nextHeader: string): string {
  const left = words.find((word) => word.text === header);
  const right = words.find((word) => word.text.startsWith(nextHeader));
  if (!left || !right) throw new Error(`headers ${header} / ${nextHeader} not in the PDF`);
  return words
    .filter((word) => word.x >= left.x - 1 && word.x < right.x - 1)
    .sort((a, b) => a.page - b.page || a.y - b.y || a.x - b.x)
    .map((word) => word.text)
    .join('');
}

describe.skipIf(missingTools() !== null)('XLSX exports in LibreOffice Calc', () => {
  let harness: TestServer;
  let created: CreateWorkshopResponse;
  const work = mkdtempSync(path.join(tmpdir(), 'isms-xlsx-lo-'));

  beforeAll(async () => {
    harness = await startTestServer();
    created = await harness.createWorkshop(2);
    const board = connectClient(
      harness.wsUrl,
      boardDocName(created.workshop.id, 'g1'),
      created.instructorToken,
    );
    try {
      await synced(board);
      for (const [assetIndex, controlId, note] of NOTES) {
        const assetId = SEMINAR4_SCENARIO.assets[assetIndex]!.id;
        const placed = placeControl(board.doc, ctx, { assetId, controlId, placedBy: 'e2e' });
        if (!placed.ok) throw new Error(placed.message);
        setNote(board.doc, ctx, placed.value.placementId, note);
      }
      await synced(board);
    } finally {
      board.destroy();
    }
  });

  afterAll(async () => {
    await harness?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it(
    'prints every implementation note whole from the security standard',
    async () => {
      const response = await fetch(
        `${harness.server.url}/api/workshops/${created.workshop.id}/export/security-standard.xlsx?group=g1&lang=ja&token=${encodeURIComponent(created.instructorToken)}`,
      );
      expect(response.status).toBe(200);
      const xlsx = path.join(work, 'standard.xlsx');
      writeFileSync(xlsx, Buffer.from(await response.arrayBuffer()));
      await run(
        'soffice',
        [
          `-env:UserInstallation=file://${path.join(work, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          work,
          xlsx,
        ],
        { timeout: CONVERT_TIMEOUT_MS },
      );
      const pdf = path.join(work, 'standard.pdf');
      expect(readFileSync(pdf).subarray(0, 4).toString()).toBe('%PDF');
      const notes = columnText(await pdfWords(pdf), '実施内容', '関連');
      for (const [, controlId, note] of NOTES) {
        expect(notes, `${controlId}'s note whole`).toContain(note.replace(/\s+/g, ''));
      }
    },
    CONVERT_TIMEOUT_MS + 30_000,
  );
});
