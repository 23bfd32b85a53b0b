import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  SEMINAR4_SCENARIO,
  readBoard,
  removePlacement,
  type CreateWorkshopResponse,
  type HistoryListResponse,
} from '@isms/shared';
import type { TestClient } from '../server/harness';
import { card, joinBoard, note } from './helpers/board';
import {
  ConsoleWatch,
  type Member,
  launchBrowser,
  openMember,
  screenshot,
} from './helpers/browser';
import { waitUntil } from './helpers/poll';
import { E2EServer } from './helpers/server';
import { participant, placeCards, type Card } from './instructorHarness';

/**
 * Board history end to end (issue 15): a participant wipes the board, the instructor opens the
 * group's history, picks the version before the wipe and restores it in three clicks, and the
 * participant's browser shows every card and note again. Then the replay. Screenshots at
 * 390×844, 1440×900 and 1920×1080.
 */
const CARDS: Card[] = [
  [0, '5.12', '顧客情報は機密として分類し、ラベルを付ける'],
  [0, '5.15', 'アクセス権は四半期ごとに見直す'],
  [2, '5.29', 'BCP 訓練を年1回実施する'],
];
/** Versions 300 ms after a change, so the test does not wait for the 2-minute default. */
const HISTORY_ENV = { HISTORY_INTERVAL_MS: '300' };

let server: E2EServer;
let browser: Browser;
const watch = new ConsoleWatch();
const members: Member[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await E2EServer.start(HISTORY_ENV);
  browser = await launchBrowser();
});

afterEach(() => watch.assertClean());

afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const opened of members) await opened.context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function versions(created: CreateWorkshopResponse) {
  const reply = await server.api<HistoryListResponse>(
    'GET',
    `/api/workshops/${created.workshop.id}/groups/g1/history`,
    undefined,
    created.instructorToken,
  );
  return reply.versions;
}

async function openInstructor(
  created: CreateWorkshopResponse,
  viewport?: { width: number; height: number },
) {
  const instructor = await openMember(browser, watch, 'instructor', viewport);
  members.push(instructor);
  const { page } = instructor;
  await page.goto(
    `${server.url}/instructor/${created.workshop.id}#token=${created.instructorToken}`,
  );
  // Open the group's board from the overview (its name), as an instructor does.
  await page.locator('.compact[data-group="g1"] .compact__name').click();
  await page.locator('.group-board[data-group="g1"]').waitFor();
  return page;
}

const CUSTOMER_DB = SEMINAR4_SCENARIO.assets[0]!.id;
const BCP = SEMINAR4_SCENARIO.assets[2]!.id;

describe('board history', () => {
  it('a wiped board comes back in three clicks, on the participant’s screen too', async () => {
    const created = await server.createWorkshop(1);
    const joined = await server.join(created.workshop.groups[0]!.code, '太郎');
    const wsUrl = `${server.url.replace('http', 'ws')}/sync`;
    const taro = await participant(wsUrl, created.workshop.id, 'g1', joined.token, '太郎');
    clients.push(taro);
    const ids = placeCards(taro, CARDS);

    const hanako = await openMember(browser, watch, '花子');
    members.push(hanako);
    await joinBoard(hanako.page, server.url, created.workshop.groups[0]!.code, '花子');
    for (const [assetIndex, controlId, text] of CARDS) {
      const assetId = SEMINAR4_SCENARIO.assets[assetIndex]!.id;
      await waitUntil(
        async () => (await note(hanako.page, assetId, controlId).inputValue()) === text,
        `${controlId} visible to the participant`,
      );
    }
    await waitUntil(
      async () => (await versions(created)).length >= 1,
      'the full board is a version',
    );
    const full = (await versions(created)).length;

    // The wipe: every card removed.
    for (const id of ids)
      removePlacement(taro.doc, { scenario: SEMINAR4_SCENARIO }, { placementId: id });
    await waitUntil(
      async () => (await hanako.page.locator('li.card').count()) === 0,
      'the participant sees the wiped board',
    );
    await waitUntil(async () => (await versions(created)).length > full, 'the wipe is a version');

    const page = await openInstructor(created);
    let clicks = 0;
    const click = async (locator: ReturnType<Page['locator']>) => {
      clicks += 1;
      await locator.click();
    };
    await click(page.getByRole('button', { name: '履歴', exact: true }));
    // The list is newest first: the wipe, then the full board.
    const items = page.locator('.history__version');
    await items.nth(1).waitFor();
    await click(items.nth(1));
    await expect
      .poll(() => page.locator('.version-card--gone').count(), { timeout: 10_000 })
      .toBe(CARDS.length);
    await screenshot(page, 'history-1440x900');
    await click(page.getByRole('button', { name: 'この版に戻す（ボード全体）' }));
    expect(clicks).toBeLessThanOrEqual(3);
    await page.getByRole('status').filter({ hasText: '戻しました' }).waitFor();

    for (const [assetIndex, controlId, text] of CARDS) {
      const assetId = SEMINAR4_SCENARIO.assets[assetIndex]!.id;
      await card(hanako.page, assetId, controlId).waitFor({ timeout: 10_000 });
      await waitUntil(
        async () => (await note(hanako.page, assetId, controlId).inputValue()) === text,
        `${controlId} back on the participant's board`,
      );
    }
    expect(await hanako.page.locator('li.card').count()).toBe(CARDS.length);
    expect(
      readBoard(taro.doc)
        .placements.map((p) => p.id)
        .sort(),
    ).toEqual([...ids].sort());
    // The restored board is the same as the version: nothing is marked gone any more.
    await expect.poll(() => page.locator('.version-card--gone').count()).toBe(0);
    await expect(note(hanako.page, CUSTOMER_DB, '5.12').inputValue()).resolves.toBe(CARDS[0]![2]);
    await expect(card(hanako.page, BCP, '5.29').count()).resolves.toBe(1);

    // The replay plays the timeline and ends on the newest version.
    await page.getByRole('button', { name: /再生/ }).click();
    const clock = page.getByTestId('replay-clock');
    await clock.waitFor();
    const total = (await versions(created)).length;
    await screenshot(page, 'history-replay-1440x900');
    await waitUntil(
      async () => (await clock.textContent())?.endsWith(`${total}/${total}`) === true,
      'the replay reaches the last version',
    );
    await page.getByRole('button', { name: '停止' }).click();

    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1920, height: 1080 },
    ]) {
      const other = await openInstructor(created, viewport);
      await other.getByRole('button', { name: '履歴', exact: true }).click();
      await other.locator('.history__version').nth(2).click();
      await other.locator('.version-card').first().waitFor();
      await screenshot(other, `history-${viewport.width}x${viewport.height}`);
    }
  });
});
