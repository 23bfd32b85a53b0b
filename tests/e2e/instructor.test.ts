import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  SEMINAR4_SCENARIO,
  boardDocName,
  parseCsv,
  placeControl,
  readBoard,
  securityStandardExport,
  securityStandardTable,
  type TokenResponse,
} from '@isms/shared';
import { type TestClient, connectClient, synced } from '../server/harness';
import { card, joinBoard, note, paletteCard } from './helpers/board';
import { ConsoleWatch, type Member, launchBrowser, openMember } from './helpers/browser';
import { waitUntil } from './helpers/poll';
import { E2EServer, E2E_ORGANISER_KEY } from './helpers/server';
import { xlsxRows } from './instructorHarness';

/**
 * The instructor's session end to end (issue 5): set-up in the organiser page, participants
 * joining with the join sheet's codes, the live overview and merged view, feedback, lock,
 * presentation and exports — real server process, Debian Chromium, P's participant board.
 */
const CUSTOMER_DB = SEMINAR4_SCENARIO.assets[0]!.id;
/** The spec's bar for "live": an edit shows on the instructor's screen within a second. */
const LIVE_MS = 1000;

let server: E2EServer;
let browser: Browser;
const watch = new ConsoleWatch();
const members: Member[] = [];
let instructor: Member;
let workshopId = '';
const codes: string[] = [];
let a: Member;
let b: Member;
/** The JSON backup downloaded by the exports test, restored by the organiser test. */
let backupJson = '';

async function member(name: string, viewport?: { width: number; height: number }) {
  const opened = await openMember(browser, watch, name, viewport);
  members.push(opened);
  return opened;
}

const compact = (page: Page, groupId: string) => page.locator(`.compact[data-group="${groupId}"]`);
const chip = (page: Page, groupId: string, assetId: string, controlId: string) =>
  compact(page, groupId)
    .locator(`.compact__asset[data-asset="${assetId}"] .ins-chip`)
    .filter({ hasText: new RegExp(`^${controlId.replace('.', '\\.')}$`) });
const heat = (page: Page, assetId: string, controlId: string) =>
  page.locator(`.heatmap tr[data-asset="${assetId}"] [data-cell="${controlId}"]`);

/** Places a control with the participant board's no-drag menu (palette → 資産に追加…). */
async function addCard(page: Page, controlId: string, assetName: RegExp) {
  await paletteCard(page, controlId)
    .getByRole('button', { name: /資産に追加/ })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: assetName }).click();
}

async function typeNote(page: Page, controlId: string, text: string) {
  await note(page, CUSTOMER_DB, controlId).click();
  await page.keyboard.type(text);
  await waitUntil(
    async () => (await note(page, CUSTOMER_DB, controlId).inputValue()) === text,
    'note typed',
  );
}

async function instructorToken(): Promise<string> {
  const { token } = await server.api<TokenResponse>(
    'POST',
    `/api/workshops/${workshopId}/instructor-token`,
  );
  return token;
}

async function boardClient(groupId: string): Promise<TestClient> {
  const url = `${server.url.replace('http', 'ws')}/sync`;
  const client = connectClient(url, boardDocName(workshopId, groupId), await instructorToken());
  await synced(client);
  return client;
}

async function tab(name: string) {
  await instructor.page.getByRole('tab', { name }).click();
}

beforeAll(async () => {
  server = await E2EServer.start();
  browser = await launchBrowser();
});

afterEach(() => watch.assertClean());

afterAll(async () => {
  for (const opened of members) await opened.context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('instructor console', () => {
  it('creates a workshop in the organiser page and shows its join sheet', async () => {
    instructor = await member('instructor');
    const { page } = instructor;
    await page.goto(`${server.url}/organiser#key=${E2E_ORGANISER_KEY}`);
    // The key is kept on this device and taken out of the address bar.
    await waitUntil(() => !page.url().includes('key='), 'key stripped from the URL');
    await page.getByLabel('タイトル').fill('第4回 ISMS構築ワークショップ');
    await page.locator('select[name="scenario"] option').first().waitFor({ state: 'attached' });
    expect(await page.getByLabel('グループ数').inputValue()).toBe('8');
    await page.getByRole('button', { name: '作成する' }).click();
    await page.locator('.join-card').nth(7).waitFor();
    for (let index = 1; index <= 8; index++) {
      codes.push(await page.getByTestId(`join-code-g${index}`).innerText());
    }
    expect(new Set(codes).size).toBe(8);
    expect(await page.locator('.join-card .qr svg').count()).toBe(8);

    await page.getByRole('button', { name: /ワークショップ管理/ }).click();
    const row = page.locator('.workshop-list[data-bucket="live"] .workshop-row').first();
    await row.getByRole('button', { name: 'コンソールを開く' }).click();
    await page.waitForURL(/\/instructor\//);
    workshopId = new URL(page.url()).pathname.split('/')[2]!;
    await compact(page, 'g8').waitFor();
  });

  it('shows participants who joined with the printed codes and their edits within a second', async () => {
    a = await member('A');
    b = await member('B');
    await joinBoard(a.page, server.url, codes[0]!, '田中');
    await joinBoard(b.page, server.url, codes[1]!, '佐藤');
    const page = instructor.page;
    await waitUntil(
      async () => (await page.getByTestId('online-g1').innerText()).includes('1人'),
      'g1 online in the overview',
    );

    await addCard(a.page, '5.12', /顧客データベース/);
    await card(a.page, CUSTOMER_DB, '5.12').waitFor();
    await chip(page, 'g1', CUSTOMER_DB, '5.12').waitFor({ timeout: LIVE_MS });
    await typeNote(a.page, '5.12', '個人情報とそれ以外に分類する');
    await page
      .locator(`.compact[data-group="g1"] .ins-chip--noted`)
      .filter({ hasText: '5.12' })
      .waitFor({ timeout: LIVE_MS });
    expect(await page.getByTestId('progress-g1').innerText()).toContain('1/24');

    await tab('比較');
    await addCard(b.page, '5.12', /顧客データベース/);
    await card(b.page, CUSTOMER_DB, '5.12').waitFor();
    await waitUntil(
      async () => (await heat(page, CUSTOMER_DB, '5.12').innerText()) === '2',
      'merged count 2',
      LIVE_MS,
    );
    await addCard(b.page, '5.15', /顧客データベース/);
    await card(b.page, CUSTOMER_DB, '5.15').waitFor();
    await heat(page, CUSTOMER_DB, '5.15').waitFor({ timeout: LIVE_MS });
    // Chosen by one group only: outlined in the heat map.
    expect(
      await page
        .locator(`tr[data-asset="${CUSTOMER_DB}"] .heat--unique [data-cell="5.15"]`)
        .count(),
    ).toBe(1);
    await heat(page, CUSTOMER_DB, '5.12').click();
    const notes = page.getByTestId('merged-notes');
    await notes.locator('li[data-group="g1"]').getByText('個人情報とそれ以外に分類する').waitFor();
    expect(await notes.locator('li').count()).toBe(2);
  });

  it('sends feedback and a good-example mark to the participant, and resolves it', async () => {
    const page = instructor.page;
    await tab('グループ');
    const card512 = page.locator(
      `.group-board[data-group="g1"] .group-lane[data-asset="${CUSTOMER_DB}"] .group-card[data-control="5.12"]`,
    );
    await card512.getByRole('button', { name: /5\.12 コメント/ }).click();
    await card512.getByPlaceholder('この管理策についてのコメント').fill('分類の基準を具体的に');
    await card512.getByRole('button', { name: '送る' }).click();
    const received = a.page.locator('.feedback__text', { hasText: '分類の基準を具体的に' });
    await received.waitFor({ timeout: 2000 });
    await card512.getByRole('button', { name: /良い例にする/ }).click();
    await a.page.locator('.feedback__badge', { hasText: '★' }).waitFor({ timeout: 2000 });
    await card512
      .locator('.ins-feedback', { hasText: '分類の基準を具体的に' })
      .getByRole('button', { name: '解決済みにする' })
      .click();
    await received.waitFor({ state: 'detached', timeout: 2000 });
  });

  it("edits a group's board in the participants' own board view", async () => {
    const page = instructor.page;
    await page.getByLabel('参加者と同じ画面で編集').check();
    const target = note(page, CUSTOMER_DB, '5.12');
    await target.waitFor();
    await target.click();
    await page.keyboard.press('End');
    await page.keyboard.type('（講師）');
    await waitUntil(
      async () => (await note(a.page, CUSTOMER_DB, '5.12').inputValue()).endsWith('（講師）'),
      "the instructor's edit on the participant's screen",
      2000,
    );
    await page.getByLabel('参加者と同じ画面で編集').uncheck();
  });

  it("types into a note from the instructor's group view while the participant types in it too", async () => {
    const page = instructor.page;
    const instructorNote = page.locator(
      `.group-lane[data-asset="${CUSTOMER_DB}"] .group-card[data-control="5.12"] textarea.group-card__note`,
    );
    await instructorNote.waitFor();
    const participantNote = note(a.page, CUSTOMER_DB, '5.12');
    const before = await participantNote.inputValue();
    // Both type at once at opposite ends of the same note: both texts must survive everywhere.
    await instructorNote.click();
    await page.keyboard.press('End');
    await participantNote.click();
    await a.page.keyboard.press('Home');
    await Promise.all([page.keyboard.type('【確認】'), a.page.keyboard.type('※')]);
    const expected = (value: string) =>
      value.startsWith('※') && value.endsWith('【確認】') && value.includes(before);
    await waitUntil(
      async () =>
        expected(await participantNote.inputValue()) && expected(await instructorNote.inputValue()),
      "both edits in both the instructor's group view and the participant's board",
      3000,
    );
    // Put the note back as it was: later tests compare the exports with it.
    await page.keyboard.press('End');
    for (let i = 0; i < '【確認】'.length; i++) await page.keyboard.press('Backspace');
    await a.page.keyboard.press('Home');
    await a.page.keyboard.press('Delete');
    await waitUntil(
      async () =>
        (await instructorNote.inputValue()) === before &&
        (await participantNote.inputValue()) === before,
      'the note restored on both screens',
      3000,
    );
  });

  it('locks one group and all groups; the server refuses the locked group’s writes', async () => {
    const page = instructor.page;
    await tab('全体');
    await compact(page, 'g2').getByRole('button', { name: 'ロック' }).click();
    await b.page.locator('.banner--locked').waitFor({ timeout: 2000 });
    expect(await a.page.locator('.banner--locked').count()).toBe(0);
    // A client that ignores the UI: the server denies its write, nobody sees it.
    const joined = await server.join(codes[1]!, 'ずる');
    const url = `${server.url.replace('http', 'ws')}/sync`;
    const cheater = connectClient(url, boardDocName(workshopId, 'g2'), joined.token);
    try {
      await synced(cheater);
      placeControl(
        cheater.doc,
        { scenario: SEMINAR4_SCENARIO, bypassLock: true },
        { assetId: CUSTOMER_DB, controlId: '5.29', placedBy: 'ずる' },
      );
      await waitUntil(() => cheater.denials.length > 0, 'server denies the locked write');
    } finally {
      cheater.destroy();
    }
    expect(await chip(page, 'g2', CUSTOMER_DB, '5.29').count()).toBe(0);

    await page.getByRole('button', { name: '全グループをロック' }).click();
    await a.page.locator('.banner--locked').waitFor({ timeout: 2000 });
    await page.getByRole('button', { name: /全グループのロック解除/ }).click();
    await a.page.locator('.banner--locked').waitFor({ state: 'detached', timeout: 2000 });
    await b.page.locator('.banner--locked').waitFor({ state: 'detached', timeout: 2000 });
  });

  it('runs the shared timer that every board shows', async () => {
    await instructor.page.getByRole('button', { name: '開始' }).click();
    await instructor.page.getByRole('button', { name: '一時停止' }).waitFor();
    // Running: the participant's badge drops its "paused" state.
    await a.page.locator('.timer .timer__state').waitFor({ state: 'detached', timeout: 2000 });
    await instructor.page.getByRole('button', { name: '一時停止' }).click();
    await a.page.locator('.timer .timer__state').waitFor({ timeout: 2000 });
  });

  it('presents with keyboard and clicker keys; the viewer link follows', async () => {
    const present = await instructor.context.newPage();
    watch.watch(present, 'present');
    await present.setViewportSize({ width: 1920, height: 1080 });
    await present.goto(`${server.url}/present/${workshopId}`);
    const counter = present.locator('.slide__counter');
    await counter.filter({ hasText: '資産 1/8' }).waitFor();
    expect(await present.locator('.slide__group-name').innerText()).toBe('グループ1');
    expect(await present.locator('.slide__table tbody tr').first().innerText()).toContain(
      '個人情報とそれ以外に分類する',
    );
    await present.keyboard.press('PageDown');
    await counter.filter({ hasText: '資産 2/8' }).waitFor();
    await present.keyboard.press('ArrowLeft');
    await counter.filter({ hasText: '資産 1/8' }).waitFor();
    await present.keyboard.press('ArrowDown');
    await present.locator('.slide__group-name', { hasText: 'グループ2' }).waitFor();
    await present.keyboard.press('c');
    await present.locator('.slide--compare .slide__group').nth(1).waitFor();
    await present.keyboard.press('c');

    await present.getByRole('button', { name: /閲覧用リンク/ }).click();
    const link = await present.getByTestId('viewer-link').inputValue();
    expect(link).toContain('?viewer=');
    const projector = await member('projector', { width: 1920, height: 1080 });
    await projector.page.goto(link);
    await projector.page.locator('.slide__group-name', { hasText: 'グループ2' }).waitFor();
    await present.keyboard.press(' ');
    await projector.page
      .locator('.slide__counter', { hasText: '資産 2/8' })
      .waitFor({ timeout: 2000 });
    await present.close();
  });

  it('downloads every export and the files match the boards', async () => {
    const page = instructor.page;
    await tab('出力');
    const download = async (scope: string, name: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`tr[data-scope="${scope}"] a[data-export="${name}"]`).click(),
      ]);
      return readFileSync((await file.path())!);
    };
    const g1 = await boardClient('g1');
    try {
      const expected = securityStandardExport(
        securityStandardTable(readBoard(g1.doc), SEMINAR4_SCENARIO),
        'ja',
        '',
      );
      const expectedRows = expected.rows.map((row) => expected.columns.map((c) => row[c.key]));
      expect(expectedRows.length).toBeGreaterThan(0);

      const csv = parseCsv((await download('g1', 'security-standard.csv')).toString('utf8'));
      expect(csv[0]).toEqual(expected.columns.map((c) => c.header));
      expect(csv.slice(1)).toEqual(expectedRows);

      const xlsx = await xlsxRows(await download('g1', 'security-standard.xlsx'));
      expect(xlsx.sheets).toEqual(['グループ1']);
      for (const row of expectedRows) expect(xlsx.rows).toContainEqual(row);

      const markdown = (await download('g1', 'report.md')).toString('utf8');
      expect(markdown).toContain('| 5.12 | 情報の分類 | 個人情報とそれ以外に分類する（講師） |');

      const soa = await xlsxRows(await download('all', 'soa.xlsx'));
      const row512 = soa.rows.find((row) => row[0] === '5.12');
      expect(row512?.[2]).toBe('○');
      expect(row512?.[7]).toBe('グループ1、グループ2');

      const report = await xlsxRows(await download('all', 'report.xlsx'));
      expect(report.sheets).toContain('グループ比較');
      const merged = report.rows.find((row) => row[1] === '5.12' && row[3] === '2/8');
      expect(merged?.[4]).toBe('個人情報とそれ以外に分類する（講師）');

      for (const name of ['soa.csv', 'report.csv', 'security-standard.md']) {
        expect((await download('all', name)).length).toBeGreaterThan(100);
      }
      const [backup] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('a[data-export="backup.json"]').click(),
      ]);
      backupJson = readFileSync((await backup.path())!, 'utf8');
      expect(backupJson).toContain(workshopId);
    } finally {
      g1.destroy();
    }
  });

  it('prints the documents without UI chrome', async () => {
    const print = await instructor.context.newPage();
    watch.watch(print, 'print');
    await print.goto(`${server.url}/print/${workshopId}`);
    await print.locator('[data-ready="true"]').waitFor();
    // The workshop's export document (shared/src/export/document.ts): each group's report,
    // the comparison, the consolidated SoA and the all-groups security standard.
    expect(await print.locator('.print__section').count()).toBe(8 + 3);
    await print.emulateMedia({ media: 'print' });
    expect(await print.locator('.print__toolbar').isVisible()).toBe(false);
    const sections = await print.locator('.print__section').count();
    const pdf = await print.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    // Every section starts on its own A4 page.
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(sections);
    await print.close();
  });

  it('rotates a join code: the old code no longer joins', async () => {
    const page = instructor.page;
    // A stale instructor token in this tab is replaced from the organiser key.
    await page.evaluate(
      (id) => sessionStorage.setItem(`isms.instructorToken.${id}`, 'expired-or-forged'),
      workshopId,
    );
    await watch.tolerate([/401/], async () => {
      await page.goto(`${server.url}/instructor/${workshopId}`);
      await compact(page, 'g8').waitFor();
    });
    await tab('参加シート');
    const old = codes[7]!;
    page.once('dialog', (dialog) => void dialog.accept());
    await page
      .locator('.join-card[data-group="g8"]')
      .getByRole('button', { name: 'コードを再発行' })
      .click();
    await waitUntil(
      async () => (await page.getByTestId('join-code-g8').innerText()) !== old,
      'a new code on the join sheet',
    );
    const fresh = await page.getByTestId('join-code-g8').innerText();
    await expect(server.join(old, '古いコード')).rejects.toThrow(/40[134]/);
    expect((await server.join(fresh, '新しいコード')).groupId).toBe('g8');
  });

  it('restores a backup, archives and deletes workshops in the organiser page', async () => {
    const page = instructor.page;
    await page.goto(`${server.url}/organiser`);
    const rows = page.locator('.workshop-row');
    await rows.first().waitFor();
    const before = await rows.count();
    await page.locator('.restore input[type="file"]').setInputFiles({
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(backupJson),
    });
    await waitUntil(async () => (await rows.count()) === before + 1, 'restored workshop listed');
    const restored = page.locator(`.workshop-row:not([data-workshop="${workshopId}"])`).first();
    const restoredId = (await restored.getAttribute('data-workshop'))!;
    const client = connectClient(
      `${server.url.replace('http', 'ws')}/sync`,
      boardDocName(restoredId, 'g1'),
      (await server.api<TokenResponse>('POST', `/api/workshops/${restoredId}/instructor-token`))
        .token,
    );
    try {
      await synced(client);
      expect(readBoard(client.doc).placements.map((p) => p.note)).toContain(
        '個人情報とそれ以外に分類する（講師）',
      );
    } finally {
      client.destroy();
    }

    const row = page.locator(`.workshop-row[data-workshop="${restoredId}"]`);
    await row.getByRole('button', { name: 'アーカイブする' }).click();
    await page
      .locator(
        `.workshop-list[data-bucket="archived"] .workshop-row[data-workshop="${restoredId}"]`,
      )
      .waitFor();
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('削除');
      void dialog.accept();
    });
    await row.getByRole('button', { name: '削除' }).click();
    await row.waitFor({ state: 'detached' });
    await expect(
      server.api('POST', `/api/workshops/${restoredId}/instructor-token`),
    ).rejects.toThrow(/404/);
  });
});
