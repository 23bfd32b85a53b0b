import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type CreateWorkshopResponse, boardDocName } from '@isms/shared';
import { connectClient, synced } from '../server/harness';
import { type AxeFinding, auditScreen, blocking, describeFindings } from './helpers/axe';
import { card, joinBoard, note, paletteCard } from './helpers/board';
import {
  ConsoleWatch,
  type Member,
  SCREENSHOT_DIR,
  launchBrowser,
  openMember,
} from './helpers/browser';
import { E2EServer, E2E_ORGANISER_KEY } from './helpers/server';
import { fillShowcase } from './helpers/showcase';

/**
 * axe-core on every screen, tab, dialog and menu of the participant board and the instructor
 * console at 390, 1440 and 1920 px (issue 13). One browser, one workshop with 8 groups and a
 * realistic group 1; a screen's state (an open dialog, a tab) is audited at each width by
 * resizing in place. Critical and serious findings fail; every finding is written to
 * tests/artifacts/axe-findings.json, and the moderate ones we accept are listed with their
 * reason in docs/client.md.
 */
const CUSTOMER_DB = 'customer-db';
/** One test audits up to ~12 screens × 3 widths on a shared 2-core machine, ms. */
const AUDIT_TIMEOUT_MS = 360_000;

let server: E2EServer;
let browser: Browser;
let created: CreateWorkshopResponse;
const watch = new ConsoleWatch();
const members: Member[] = [];
const findings: AxeFinding[] = [];

async function audit(page: Page, screen: string, widths?: { width: number; height: number }[]) {
  const found = await auditScreen(page, screen, widths ? { widths } : {});
  findings.push(...found);
  return found;
}

/**
 * The projector promise of docs/instructor.md: all 8 join cards on one screen without
 * scrolling, four across (two rows), codes at least 30 px and QR codes at least 120 px (4 px a module).
 */
async function expectJoinSheetFits(page: Page, viewport: { width: number; height: number }) {
  await page.setViewportSize(viewport);
  await page.evaluate(() => window.scrollTo(0, 0));
  const layout = await page.evaluate(() => ({
    cards: [...document.querySelectorAll('.join-card')].map((card) => {
      const box = card.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, left: box.left, right: box.right };
    }),
    codePx: [...document.querySelectorAll('.join-card__code')].map((code) =>
      parseFloat(getComputedStyle(code).fontSize),
    ),
    qrPx: [...document.querySelectorAll('.join-card .qr')].map(
      (qr) => qr.getBoundingClientRect().width,
    ),
    scrollable: document.documentElement.scrollHeight > window.innerHeight,
  }));
  const where = `${viewport.width}×${viewport.height}: ${JSON.stringify(layout)}`;
  expect(layout.cards, where).toHaveLength(8);
  for (const card of layout.cards) {
    expect(card.top, where).toBeGreaterThanOrEqual(0);
    expect(card.left, where).toBeGreaterThanOrEqual(0);
    expect(card.bottom, where).toBeLessThanOrEqual(viewport.height);
    expect(card.right, where).toBeLessThanOrEqual(viewport.width);
  }
  expect(new Set(layout.cards.map((card) => Math.round(card.top))).size, where).toBe(2);
  expect(Math.min(...layout.codePx), where).toBeGreaterThanOrEqual(30);
  expect(Math.min(...layout.qrPx), where).toBeGreaterThanOrEqual(120);
  expect(layout.scrollable, where).toBe(false);
}

/**
 * Phone (390 px): the folded task shows its ▸/▾ like a lane's risk; the floating
 * 「管理策を選ぶ」 button shares no column with any card's ⋯ menu and steps aside while a note
 * is being typed.
 */
async function expectPhoneLayout(page: Page) {
  const marker = await page
    .locator('.instructions summary')
    .evaluate((summary) => getComputedStyle(summary, '::before').content);
  expect(marker).toMatch(/[▸▾]/);
  const fab = page.locator('.palette-fab');
  const fabBox = await fab.boundingBox();
  if (!fabBox) throw new Error('no floating palette button on the phone');
  const menus = await page.locator('.card__menu').evaluateAll((buttons) =>
    buttons.map((button) => {
      const box = button.getBoundingClientRect();
      return { left: box.left, right: box.right };
    }),
  );
  expect(menus.length).toBeGreaterThan(0);
  for (const menu of menus) {
    const apart = menu.right <= fabBox.x || menu.left >= fabBox.x + fabBox.width;
    expect(apart, `⋯ ${JSON.stringify(menu)} vs ＋ ${JSON.stringify(fabBox)}`).toBe(true);
  }
  await note(page, CUSTOMER_DB, '5.12').click();
  await fab.waitFor({ state: 'hidden' });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await fab.waitFor({ state: 'visible' });
}

/** Fails the test with every critical or serious finding among `found`. */
function expectNoBlocking(found: readonly AxeFinding[]) {
  const bad = blocking(found);
  expect(bad, describeFindings(bad)).toEqual([]);
}

beforeAll(async () => {
  server = await E2EServer.start();
  browser = await launchBrowser();
  created = await server.createWorkshop(8, '第4回 ISMS構築ワークショップ');
  const filler = connectClient(
    `${server.url.replace('http', 'ws')}/sync`,
    boardDocName(created.workshop.id, created.workshop.groups[0]!.id),
    created.instructorToken,
  );
  try {
    await synced(filler);
    fillShowcase(filler.doc);
  } finally {
    filler.destroy();
  }
});

afterEach(() => watch.assertClean());

afterAll(async () => {
  for (const opened of members) await opened.context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  writeFileSync(
    path.join(SCREENSHOT_DIR, '..', 'axe-findings.json'),
    JSON.stringify(findings, null, 2),
  );
  if (findings.length > 0)
    console.info(`axe findings (none blocking):\n${describeFindings(findings)}`);
});

describe('accessibility (axe-core) on every screen', () => {
  it(
    'participant: start page, join page, board, dialogs, menus, SoA tab, English',
    async () => {
      const member = await openMember(browser, watch, 'participant');
      members.push(member);
      const { page } = member;
      const found: AxeFinding[] = [];
      await page.goto(server.url);
      await page.getByLabel('表示名').waitFor();
      found.push(...(await audit(page, 'start')));
      await page.goto(`${server.url}/join/${created.workshop.groups[0]!.code}`);
      await page.getByLabel('表示名').waitFor();
      found.push(...(await audit(page, 'join')));

      await joinBoard(page, server.url, created.workshop.groups[0]!.code, '鈴木');
      await card(page, CUSTOMER_DB, '5.12').waitFor();
      await page.getByText('分類のレベル').first().waitFor();
      found.push(...(await audit(page, 'board')));

      await paletteCard(page, '5.1')
        .getByRole('button', { name: /資産に追加/ })
        .click();
      await page.getByRole('dialog').waitFor();
      // At 390 px the desktop palette is hidden: the phone's dialog is audited from its sheet below.
      found.push(
        ...(await audit(page, 'board: add-to-asset dialog', [
          { width: 1440, height: 900 },
          { width: 1920, height: 1080 },
        ])),
      );
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await card(page, CUSTOMER_DB, '5.12')
        .getByRole('button', { name: /の操作/ })
        .click();
      await page.getByRole('dialog').waitFor();
      found.push(...(await audit(page, 'board: card menu')));
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /つながりを追加/ })
        .click();
      await page.getByRole('dialog').getByRole('button').nth(1).waitFor();
      found.push(...(await audit(page, 'board: link picker')));
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      // The phone's palette is a sheet opened by the floating button.
      await page.setViewportSize({ width: 390, height: 844 });
      await expectPhoneLayout(page);
      await page.getByRole('button', { name: /管理策を選ぶ/ }).click();
      await paletteCard(page, '5.1').waitFor();
      found.push(...(await audit(page, 'board: phone palette', [{ width: 390, height: 844 }])));
      await paletteCard(page, '5.1')
        .getByRole('button', { name: /資産に追加/ })
        .click();
      await page.getByRole('dialog').waitFor();
      found.push(...(await audit(page, 'board: phone add dialog', [{ width: 390, height: 844 }])));
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.reload();
      await card(page, CUSTOMER_DB, '5.12').waitFor();

      await page.getByRole('button', { name: '適用宣言書' }).click();
      await page.locator('.soa').first().waitFor();
      found.push(...(await audit(page, 'SoA tab')));
      // Without the column headers (phone), the reason box and status select keep a visible label.
      await page.setViewportSize({ width: 390, height: 844 });
      const soaRow = page.locator('.soa__row[data-control="5.1"]');
      for (const label of ['理由', '実施状況']) {
        const box = await soaRow.locator('.soa__field-label', { hasText: label }).boundingBox();
        expect(box?.width ?? 0, label).toBeGreaterThan(20);
      }
      await page.setViewportSize({ width: 1440, height: 900 });

      await server.lock(created, created.workshop.groups[0]!.id, true);
      await page.locator('.banner--locked').waitFor();
      found.push(...(await audit(page, 'SoA tab, locked', [{ width: 390, height: 844 }])));
      await page.getByRole('button', { name: 'ボード' }).click();
      found.push(...(await audit(page, 'board, locked', [{ width: 1440, height: 900 }])));
      await server.lock(created, created.workshop.groups[0]!.id, false);
      await page.locator('.banner--locked').waitFor({ state: 'detached' });

      await page.getByRole('button', { name: /English/ }).click();
      await page.getByRole('button', { name: 'Statement of Applicability' }).waitFor();
      found.push(...(await audit(page, 'board (English)', [{ width: 1440, height: 900 }])));
      expectNoBlocking(found);
    },
    AUDIT_TIMEOUT_MS,
  );

  it(
    'instructor: organiser page, console tabs, group view, feedback, join sheet, exports',
    async () => {
      const member = await openMember(browser, watch, 'instructor');
      members.push(member);
      const { page } = member;
      const found: AxeFinding[] = [];
      await page.goto(`${server.url}/organiser#key=${E2E_ORGANISER_KEY}`);
      await page.locator('.workshop-row').first().waitFor();
      found.push(...(await audit(page, 'organiser')));

      await page.goto(`${server.url}/instructor/${created.workshop.id}`);
      await page.locator('.compact[data-group="g8"]').waitFor();
      found.push(...(await audit(page, 'instructor overview')));

      const tab = (name: string) => page.getByRole('tab', { name }).click();
      await tab('比較');
      await page.locator('.heatmap').waitFor();
      await page.locator(`.heatmap tr[data-asset="${CUSTOMER_DB}"] [data-cell="5.12"]`).click();
      await page.getByTestId('merged-notes').waitFor();
      found.push(...(await audit(page, 'merged view')));

      await tab('グループ');
      const groupCard = page.locator('.group-card[data-control="5.12"]');
      await groupCard.waitFor();
      await groupCard.getByRole('button', { name: /5\.12 コメント/ }).click();
      await groupCard.getByPlaceholder('この管理策についてのコメント').waitFor();
      found.push(...(await audit(page, 'group view with feedback form')));

      await page.getByLabel('参加者と同じ画面で編集').check();
      await card(page, CUSTOMER_DB, '5.12').waitFor();
      found.push(...(await audit(page, 'group view as participant')));
      await page.getByLabel('参加者と同じ画面で編集').uncheck();

      await page.getByRole('button', { name: '開始' }).click();
      await page.getByRole('button', { name: '一時停止' }).waitFor();
      await tab('参加シート');
      await page.locator('.join-card').nth(7).waitFor();
      found.push(...(await audit(page, 'join sheet, timer running')));
      await expectJoinSheetFits(page, { width: 1920, height: 1080 });
      await expectJoinSheetFits(page, { width: 1440, height: 900 });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.getByRole('button', { name: '一時停止' }).click();

      await tab('出力');
      await page.locator('a[data-export="backup.json"]').waitFor();
      found.push(...(await audit(page, 'exports')));
      expectNoBlocking(found);
    },
    AUDIT_TIMEOUT_MS,
  );

  it(
    'instructor: presentation (single, compare, viewer link) and print',
    async () => {
      const member = await openMember(browser, watch, 'presenter', { width: 1920, height: 1080 });
      members.push(member);
      const { page } = member;
      const found: AxeFinding[] = [];
      await page.goto(`${server.url}/organiser#key=${E2E_ORGANISER_KEY}`);
      await page.locator('.workshop-row').first().waitFor();
      await page.goto(`${server.url}/present/${created.workshop.id}`);
      await page.locator('.slide__table tbody tr').first().waitFor();
      found.push(...(await audit(page, 'presentation')));
      // The footer's controls are at least 24 px (WCAG 2.5.8) at every width; contrast is axe's.
      for (const { width, height } of [
        { width: 1440, height: 900 },
        { width: 1920, height: 1080 },
      ]) {
        await page.setViewportSize({ width, height });
        const sizes = await page.locator('.present__toolbar').evaluate((toolbar) =>
          [...toolbar.querySelectorAll('select, button, input')].map((control) => {
            const box = control.getBoundingClientRect();
            return { width: box.width, height: box.height };
          }),
        );
        expect(sizes.length).toBeGreaterThanOrEqual(3);
        for (const size of sizes) {
          expect(Math.min(size.width, size.height), JSON.stringify(sizes)).toBeGreaterThanOrEqual(
            24,
          );
        }
      }
      await page.keyboard.press('c');
      await page.locator('.slide--compare .slide__group').nth(1).waitFor();
      found.push(...(await audit(page, 'presentation, compare')));
      await page.keyboard.press('c');
      await page.getByRole('button', { name: /閲覧用リンク/ }).click();
      await page.getByTestId('viewer-link').waitFor();
      found.push(...(await audit(page, 'presentation, viewer link')));

      await page.goto(`${server.url}/print/${created.workshop.id}`);
      await page.locator('[data-ready="true"]').waitFor();
      found.push(...(await audit(page, 'print')));
      // Groups 2–8 chose nothing: a sentence says so, no table prints a header over nothing.
      expect(await page.locator('.print__empty').count()).toBeGreaterThan(0);
      const emptyTables = await page
        .locator('.print-table')
        .evaluateAll((tables) => tables.filter((table) => !table.querySelector('tbody tr')).length);
      expect(emptyTables).toBe(0);
      expectNoBlocking(found);
    },
    AUDIT_TIMEOUT_MS,
  );
});
