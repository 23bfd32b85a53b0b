import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PEOPLE_SCENARIO, type CreateWorkshopResponse, type Scenario } from '@isms/shared';
import { card, joinBoard, note, paletteCard } from './helpers/board';
import {
  ConsoleWatch,
  launchBrowser,
  openMember,
  screenshot,
  type Member,
} from './helpers/browser';
import { waitUntil } from './helpers/poll';
import { E2EServer } from './helpers/server';

/**
 * Running the room in Chromium: a people-controls (6.x) scenario with six assets stored in the
 * registry (through the scenario API), a workshop from it, two participants fill a lane, the
 * instructor moves to the presentation phase (boards become read-only), a group marks itself
 * 「完了」 and the instructor sees it, and with take-home allowed a participant downloads the
 * group's XLSX and finds its notes in it.
 */
const scenario: Scenario = {
  ...SAMPLE_PEOPLE_SCENARIO,
  id: 'e2e-people-six',
  sample: undefined,
  title_ja: '人的管理策の演習（6資産）',
  title_en: 'People controls (six assets)',
  instructions_ja: SAMPLE_PEOPLE_SCENARIO.instructions_ja.replace('8つ', '6つ'),
  instructions_en: SAMPLE_PEOPLE_SCENARIO.instructions_en.replace('8 company', '6 company'),
  assets: SAMPLE_PEOPLE_SCENARIO.assets.slice(0, 6),
  example_answer: { ...SAMPLE_PEOPLE_SCENARIO.example_answer!, asset: 'leaver-accounts' },
};
const asset = 'leaver-accounts';
const notes: [string, string][] = [
  ['6.5', '退職時の誓約書で守秘義務の継続を確認する'],
  ['6.2', '就業規則にアカウント停止への協力義務を定める'],
];
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

async function place(page: Page, controlId: string, text: string) {
  await paletteCard(page, controlId)
    .getByRole('button', { name: /資産に追加/ })
    .click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /退職者・異動者/ })
    .click();
  await card(page, asset, controlId).waitFor();
  await note(page, asset, controlId).fill(text);
}

describe('phases, ready check and take-home in the browser', () => {
  let server: E2EServer;
  let browser: Browser;
  let created: CreateWorkshopResponse;
  let first: Member;
  let second: Member;
  let instructor: Page;
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    server = await E2EServer.start();
    await server.api('POST', '/api/scenarios', scenario);
    created = await server.api<CreateWorkshopResponse>('POST', '/api/workshops', {
      title: '第6回 人的管理策',
      date: '2026-12-01',
      scenarioId: scenario.id,
      groups: 2,
    });
    browser = await launchBrowser();
    first = await openMember(browser, watch, '佐藤');
    second = await openMember(browser, watch, '鈴木');
    const context = await browser.newContext({ viewport: VIEWPORTS[1], locale: 'ja-JP' });
    instructor = await context.newPage();
    watch.watch(instructor, 'instructor');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('two participants fill a lane; the presentation phase makes the boards read-only', async () => {
    const code = created.workshop.groups[0]!.code;
    await joinBoard(first.page, server.url, code, '佐藤');
    await joinBoard(second.page, server.url, code, '鈴木');
    await place(first.page, notes[0]![0], notes[0]![1]);
    await place(second.page, notes[1]![0], notes[1]![1]);
    for (const [controlId, text] of notes) {
      await waitUntil(
        async () => (await note(first.page, asset, controlId).inputValue()) === text || null,
        `note ${controlId} reaches both members`,
      );
    }
    await instructor.goto(created.instructorUrl);
    await instructor.getByRole('button', { name: /次のフェーズ/ }).click();
    await first.page.getByText('発表・講評の時間です').waitFor();
    await second.page.getByText('発表・講評の時間です').waitFor();
    expect(await note(first.page, asset, '6.5').getAttribute('readonly')).not.toBeNull();
    await instructor.getByText('（ボードは閲覧のみ）').waitFor();
  });

  it('a group marks itself done and the instructor sees it', async () => {
    await first.page.getByTestId('done-toggle').click();
    await first.page.getByText('このグループは「完了」です').waitFor();
    await instructor.getByTestId('done-g1').waitFor();
    expect(await instructor.getByTestId('ready-summary').textContent()).toContain(
      '完了 1 グループ',
    );
    for (const viewport of VIEWPORTS) {
      await first.page.setViewportSize(viewport);
      await screenshot(first.page, `room-board-done-${viewport.width}`);
      await instructor.setViewportSize(viewport);
      await screenshot(instructor, `room-instructor-${viewport.width}`);
    }
    await first.page.setViewportSize(VIEWPORTS[1]!);
  });

  it('with take-home allowed, a participant downloads the group’s XLSX with its notes', async () => {
    await instructor.getByTestId('take-home-toggle').click();
    const menu = first.page.getByTestId('take-home');
    await menu.waitFor();
    await menu.locator('summary').click();
    await screenshot(first.page, 'room-board-take-home-1440');
    const [download] = await Promise.all([
      first.page.waitForEvent('download'),
      menu.getByRole('link', { name: 'XLSX' }).first().click(),
    ]);
    const file = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))),
    );
    for (const [, text] of notes) expect(cells).toContain(text);
    watch.assertClean();
  });
});
