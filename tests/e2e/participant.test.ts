import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import WebSocket from 'ws';
import {
  type CreateWorkshopResponse,
  SEMINAR4_SCENARIO,
  boardDocName,
  placeControl,
} from '@isms/shared';
import { connectClient, synced } from '../server/harness';
import {
  card,
  joinBoard,
  lane,
  mouseDrag,
  note,
  paletteCard,
  smallTouchTargets,
  waitForNote,
  waitForOnline,
} from './helpers/board';
import {
  ConsoleWatch,
  type Member,
  launchBrowser,
  openMember,
  screenshot,
} from './helpers/browser';
import { waitUntil } from './helpers/poll';
import { E2EServer } from './helpers/server';
import { fillShowcase } from './helpers/showcase';

/**
 * The participant board end to end: real server process, Debian Chromium, several members
 * of one group in separate browser profiles (issue 4's end-to-end list).
 */
const CUSTOMER_DB = 'customer-db';
const CLOUD = 'cloud-contract';
const BCP = 'bcp';
/** Messages Chromium itself prints while the server is down or the network is cut. */
const NETWORK_NOISE = [/WebSocket connection to .* failed/, /net::ERR_/];

let server: E2EServer;
let browser: Browser;
let workshop: CreateWorkshopResponse;
const watch = new ConsoleWatch();
const members: Member[] = [];

async function member(name: string, viewport?: { width: number; height: number }) {
  const opened = await openMember(browser, watch, name, viewport);
  members.push(opened);
  return opened;
}

const code = (groupIndex: number) => workshop.workshop.groups[groupIndex]!.code;
const wsUrl = () => `${server.url.replace('http', 'ws')}/sync`;

beforeAll(async () => {
  server = await E2EServer.start();
  browser = await launchBrowser();
  workshop = await server.createWorkshop(2);
});

afterEach(() => watch.assertClean());

afterAll(async () => {
  for (const opened of members) await opened.context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('participant board', () => {
  let a: Member;
  let b: Member;
  let c: Member;

  it('explains a wrong join code in Japanese, and in English after the switch', async () => {
    const visitor = await member('visitor', { width: 390, height: 844 });
    await watch.tolerate([/status of 404/], async () => {
      await visitor.page.goto(`${server.url}/join/ZZZZ9999`);
      await visitor.page.getByLabel('表示名').fill('迷子');
      await visitor.page.getByRole('button', { name: '参加する' }).click();
      await visitor.page.getByRole('alert').getByText('参加コードが正しくないか').waitFor();
      await screenshot(visitor.page, 'participant-join-error-390x844');
      await visitor.page.getByRole('button', { name: 'English' }).click();
      await visitor.page.getByRole('button', { name: 'Join' }).click();
      await visitor.page.getByRole('alert').getByText('This join code is wrong').waitFor();
    });
    expect(await visitor.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await visitor.context.close();
  });

  it('places cards by mouse drag, keyboard only and the no-drag menu; others see it within 1 s', async () => {
    a = await member('A');
    b = await member('B');
    c = await member('C', { width: 390, height: 844 });
    await joinBoard(a.page, server.url, code(0), '田中');
    await joinBoard(b.page, server.url, code(0), '佐藤');
    await joinBoard(c.page, server.url, code(0), '鈴木');

    // A: real mouse drag of 5.12 onto 顧客データベース.
    await mouseDrag(
      a.page,
      '.palette li.palette-card[data-control="5.12"] .palette-card__title',
      `section.lane[data-asset="${CUSTOMER_DB}"]`,
    );
    await card(a.page, CUSTOMER_DB, '5.12').waitFor({ timeout: 5000 });
    await card(b.page, CUSTOMER_DB, '5.12').waitFor({ timeout: 1000 });

    // B: keyboard only — focus the drag handle, Space, arrow to the second lane, Space.
    // Each step waits for dnd-kit's screen-reader announcement (in Japanese) before the next
    // key, as a screen-reader user would.
    const announced = (text: string) =>
      waitUntil(
        async () => (await b.page.locator('[id^="DndLiveRegion"]').innerText()).includes(text),
        `announcement "${text}"`,
      );
    await paletteCard(b.page, '5.15').locator('.drag-handle').focus();
    await b.page.keyboard.press('Space');
    await announced('持ち上げました');
    await b.page.keyboard.press('ArrowDown');
    await announced('顧客データベース の上にあります');
    await b.page.keyboard.press('ArrowDown');
    await announced('クラウドサービス利用の契約 の上にあります');
    await b.page.keyboard.press('Space');
    await announced('クラウドサービス利用の契約 に置きました');
    await card(b.page, CLOUD, '5.15').waitFor({ timeout: 5000 });
    await card(a.page, CLOUD, '5.15').waitFor({ timeout: 1000 });

    // C (phone): the no-drag menu — open the palette, "資産に追加…", pick the asset.
    await c.page.getByRole('button', { name: /管理策を選ぶ/ }).click();
    await c.page.locator('.palette__filters summary').click();
    expect(await smallTouchTargets(c.page)).toEqual([]);
    await paletteCard(c.page, '5.13')
      .getByRole('button', { name: /資産に追加/ })
      .click();
    await c.page
      .getByRole('dialog')
      .getByRole('button', { name: /顧客データベース/ })
      .click();
    await card(a.page, CUSTOMER_DB, '5.13').waitFor({ timeout: 2000 });
    await c.page.getByRole('button', { name: '閉じる' }).click();
    await card(c.page, CUSTOMER_DB, '5.13').waitFor();
    expect(await lane(a.page, CUSTOMER_DB).locator('.counter').innerText()).toBe('2/3');
  });

  it('keeps both texts when two members type in the same note at once', async () => {
    const textA = 'Aは分類基準を定める。';
    const textB = 'Bは台帳を毎月見直す。';
    await note(a.page, CUSTOMER_DB, '5.12').click();
    await note(b.page, CUSTOMER_DB, '5.12').click();
    // Presence: each sees who else is typing in this note.
    await card(a.page, CUSTOMER_DB, '5.12').getByText('佐藤さんが編集中').waitFor();
    await card(b.page, CUSTOMER_DB, '5.12').getByText('田中さんが編集中').waitFor();
    // A types at the start, B at the end: concurrent inserts at one and the same spot may
    // interleave character by character (a CRDT keeps every character, not every word).
    await a.page.keyboard.press('Control+Home');
    await b.page.keyboard.press('Control+End');
    await Promise.all([
      a.page.keyboard.type(textA, { delay: 25 }),
      b.page.keyboard.type(textB, { delay: 25 }),
    ]);
    const has = (value: string) => value.includes(textA) && value.includes(textB);
    const inA = await waitForNote(a.page, CUSTOMER_DB, '5.12', has, 'both texts in A');
    const inB = await waitForNote(b.page, CUSTOMER_DB, '5.12', has, 'both texts in B');
    expect(inA).toBe(inB);
    expect(inA.length).toBe(textA.length + textB.length);
  });

  it("undoes only the member's own typing", async () => {
    const textOfA = 'Aは分類基準を定める。';
    await note(b.page, CUSTOMER_DB, '5.12').click();
    await b.page.keyboard.press('Control+End');
    await b.page.keyboard.type('【取り消す】');
    await waitForNote(a.page, CUSTOMER_DB, '5.12', (v) => v.includes('【取り消す】'), 'typed');
    // B's undo removes B's own typing (possibly merged with B's earlier burst), never A's.
    const undone = (v: string) => !v.includes('【取り消す】') && v.includes(textOfA);
    await b.page.keyboard.press('Control+z');
    await waitForNote(a.page, CUSTOMER_DB, '5.12', undone, 'undone in A');
    await waitForNote(b.page, CUSTOMER_DB, '5.12', undone, 'undone in B');
    await b.page.keyboard.press('Control+Shift+z');
    await waitForNote(a.page, CUSTOMER_DB, '5.12', (v) => v.includes('【取り消す】'), 'redone');
    await b.page.keyboard.press('Control+z');
    await waitForNote(a.page, CUSTOMER_DB, '5.12', undone, 'undone again');
  });

  it('keeps a Japanese IME composition intact while a teammate edits the same note', async () => {
    const before = await note(a.page, CUSTOMER_DB, '5.13').inputValue();
    expect(before).toBe('');
    const noteA = note(a.page, CUSTOMER_DB, '5.13');
    await noteA.click();
    const cdp = await a.context.newCDPSession(a.page);
    await cdp.send('Input.imeSetComposition', {
      text: 'らべる',
      selectionStart: 3,
      selectionEnd: 3,
    });
    // B types into the same note while A's composition is open.
    await note(b.page, CUSTOMER_DB, '5.13').click();
    await b.page.keyboard.type('B:', { delay: 20 });
    // Then a marker in another note: one socket delivers in order, so once A shows the marker,
    // B's edit of the composed note has reached A too.
    await note(b.page, CUSTOMER_DB, '5.12').click();
    await b.page.keyboard.press('Control+End');
    await b.page.keyboard.type('◆');
    await waitForNote(a.page, CUSTOMER_DB, '5.12', (v) => v.endsWith('◆'), 'marker reached A');
    // Remote text is held back while composing: A's textarea shows only the composition.
    expect(await noteA.inputValue()).toBe('らべる');
    await cdp.send('Input.imeSetComposition', {
      text: 'ラベル',
      selectionStart: 3,
      selectionEnd: 3,
    });
    await cdp.send('Input.insertText', { text: 'ラベル付け' });
    const expected = (value: string) =>
      value.split('ラベル付け').length === 2 &&
      value.split('B:').length === 2 &&
      !value.includes('らべる');
    const inA = await waitForNote(
      a.page,
      CUSTOMER_DB,
      '5.13',
      expected,
      'composition committed in A',
    );
    const inB = await waitForNote(
      b.page,
      CUSTOMER_DB,
      '5.13',
      expected,
      'composition committed in B',
    );
    expect(inA).toBe(inB);
    expect(inA.length).toBe('ラベル付け'.length + 'B:'.length);
    await cdp.detach();
  });

  it('keeps offline edits across a reload and merges them when back online', async () => {
    await waitUntil(
      () => b.page.evaluate(() => document.documentElement.dataset.offlineReady === 'true'),
      'offline shell cached in B',
    );
    await watch.tolerate(NETWORK_NOISE, async () => {
      await b.context.setOffline(true);
      await b.page.locator('.status[data-status="offline"]').waitFor();
      await note(b.page, CLOUD, '5.15').click();
      await b.page.keyboard.type('オフラインで追記', { delay: 10 });
      await b.page.locator('.status__unsynced').waitFor();
      await b.page.reload();
      await waitForNote(
        b.page,
        CLOUD,
        '5.15',
        (v) => v.includes('オフラインで追記'),
        'kept after reload',
      );
      await b.page.locator('.status[data-status="offline"]').waitFor();
      // Meanwhile A keeps working online.
      await note(a.page, CLOUD, '5.15').click();
      await a.page.keyboard.press('Control+Home');
      await a.page.keyboard.type('オンライン側', { delay: 10 });
      await b.context.setOffline(false);
      await waitForOnline(b.page);
    });
    const merged = (v: string) => v.includes('オフラインで追記') && v.includes('オンライン側');
    const inA = await waitForNote(a.page, CLOUD, '5.15', merged, 'merged in A');
    const inB = await waitForNote(b.page, CLOUD, '5.15', merged, 'merged in B');
    expect(inA).toBe(inB);
    await b.page.locator('.status__unsynced').waitFor({ state: 'detached' });
  });

  it('loses nothing when the server is killed and restarted mid-session', async () => {
    await note(a.page, CUSTOMER_DB, '5.13').click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type('（再起動前）', { delay: 10 });
    await waitForNote(
      b.page,
      CUSTOMER_DB,
      '5.13',
      (v) => v.includes('（再起動前）'),
      'before kill in B',
    );
    await watch.tolerate(NETWORK_NOISE, async () => {
      await server.kill();
      await a.page.locator('.status:not([data-status="online"])').waitFor();
      await a.page.keyboard.type('（停止中）', { delay: 10 });
      await server.restart();
      await waitForOnline(a.page, 20_000);
      await waitForOnline(b.page, 20_000);
    });
    const all = (v: string) => v.includes('（再起動前）') && v.includes('（停止中）');
    const inB = await waitForNote(
      b.page,
      CUSTOMER_DB,
      '5.13',
      all,
      'everything in B after restart',
    );
    expect(await note(a.page, CUSTOMER_DB, '5.13').inputValue()).toBe(inB);
    await card(b.page, CUSTOMER_DB, '5.12').waitFor();
  });

  it("does not open another group's board, also by editing the URL", async () => {
    const otherGroup = workshop.workshop.groups[1]!.id;
    await a.page.goto(`${server.url}/board/${workshop.workshop.id}/${otherGroup}`);
    await a.page.getByText('このグループのボードを開く権限がありません').waitFor();
    expect(await a.page.locator('section.lane').count()).toBe(0);
    // The server refuses the group-1 token for group 2 as well.
    const session = await a.page.evaluate(
      (id) => JSON.parse(localStorage.getItem(`isms.session.${id}`) ?? '{}') as { token: string },
      workshop.workshop.id,
    );
    const refused = await new Promise<boolean>((resolve) => {
      const socket = new WebSocket(
        `${wsUrl()}/${boardDocName(workshop.workshop.id, otherGroup)}?token=${session.token}`,
      );
      socket.on('unexpected-response', () => resolve(true));
      socket.on('close', (closeCode) => resolve(closeCode !== 1000));
      socket.on('error', () => resolve(true));
      socket.on('message', () => resolve(false));
    });
    expect(refused).toBe(true);
    await a.page.goBack();
    await waitForOnline(a.page);
  });

  it('shows a locked board read-only and the server rejects writes to it', async () => {
    const d = await member('D');
    await joinBoard(d.page, server.url, code(1), '高橋');
    await server.lock(workshop, workshop.workshop.groups[1]!.id, true);
    await d.page.locator('.banner--locked').waitFor();
    expect(await d.page.locator('.palette-card__add').count()).toBe(0);
    // A participant client that ignores the UI: its write is refused and never reaches D.
    const joined = await server.join(code(1), 'ずる');
    const cheater = connectClient(
      wsUrl(),
      boardDocName(joined.workshopId, joined.groupId),
      joined.token,
    );
    try {
      await synced(cheater);
      placeControl(
        cheater.doc,
        { scenario: SEMINAR4_SCENARIO, bypassLock: true },
        {
          assetId: BCP,
          controlId: '5.29',
          placedBy: 'ずる',
        },
      );
      await waitUntil(() => cheater.denials.length > 0, 'server denies the write');
    } finally {
      cheater.destroy();
    }
    expect(await card(d.page, BCP, '5.29').count()).toBe(0);
    await server.lock(workshop, workshop.workshop.groups[1]!.id, false);
    await d.page.locator('.banner--locked').waitFor({ state: 'detached' });
  });

  it('links two placed cards without dragging, visible on both ends for everyone', async () => {
    await card(a.page, CUSTOMER_DB, '5.12')
      .getByRole('button', { name: /の操作/ })
      .click();
    await a.page.getByRole('dialog').getByRole('button', { name: 'つながりを追加…' }).click();
    await a.page.getByRole('dialog').getByRole('button', { name: /5\.13/ }).click();
    await card(a.page, CUSTOMER_DB, '5.12').getByText('→ 5.13 へつながる').waitFor();
    await card(b.page, CUSTOMER_DB, '5.13').getByText('← 5.12 に基づく').waitFor();
  });

  it('tells a member whose access was revoked to join again', async () => {
    const d = members.find((candidate) => candidate.name === 'D')!;
    await watch.tolerate(NETWORK_NOISE, async () => {
      await server.api(
        'POST',
        `/api/workshops/${workshop.workshop.id}/revoke`,
        { groupId: workshop.workshop.groups[1]!.id },
        workshop.instructorToken,
      );
      await d.page.getByRole('alert').getByText('この参加は取り消されました').waitFor();
    });
    await d.page.getByRole('link', { name: 'もう一度参加する' }).waitFor();
  });

  it('stays smooth with five members typing in the same board at once', async () => {
    const names = ['一郎', '二郎', '三郎', '四郎', '五郎'];
    const typists = [a, b];
    for (const name of names.slice(2)) {
      const extra = await member(name);
      await joinBoard(extra.page, server.url, code(0), name);
      typists.push(extra);
    }
    // Long tasks (> 50 ms main-thread blocks) are what a typist feels as stutter.
    for (const typist of typists) {
      await typist.page.evaluate(() => {
        const durations: number[] = [];
        (window as unknown as { longTasks: number[] }).longTasks = durations;
        new PerformanceObserver((list) =>
          list.getEntries().forEach((entry) => durations.push(entry.duration)),
        ).observe({ type: 'longtask', buffered: false });
      });
    }
    const targets = [
      [CUSTOMER_DB, '5.12'],
      [CUSTOMER_DB, '5.13'],
      [CLOUD, '5.15'],
      [CUSTOMER_DB, '5.12'],
      [CLOUD, '5.15'],
    ] as const;
    const lines = names.map((name) => `${name}：手順書を作成し年1回見直す`);
    await Promise.all(
      typists.map(async (typist, index) => {
        const [assetId, controlId] = targets[index]!;
        await note(typist.page, assetId, controlId).click();
        // Two typists share a note: the first of them types at its start, the other at its end.
        const first = targets.findIndex(([asset, id]) => asset === assetId && id === controlId);
        await typist.page.keyboard.press(first === index ? 'Control+Home' : 'Control+End');
        await typist.page.keyboard.type(lines[index]!, { delay: 40 });
      }),
    );
    for (const [index, line] of lines.entries()) {
      const [assetId, controlId] = targets[index]!;
      for (const typist of typists) {
        await waitForNote(
          typist.page,
          assetId,
          controlId,
          (v) => v.includes(line),
          `${line} everywhere`,
        );
      }
    }
    const longest = Math.max(
      0,
      ...(await Promise.all(
        typists.map((typist) =>
          typist.page.evaluate(() =>
            Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks),
          ),
        ),
      )),
    );
    console.log(`five typists: longest main-thread task ${longest.toFixed(0)} ms`);
    // Logged above: 0 ms on an idle machine, up to ~250 ms when other test suites load the CPU
    // (five renderers compete for cores). The bound catches a real freeze — e.g. a full-board
    // recompute per keystroke gone quadratic — without failing on a busy CI machine.
    expect(longest).toBeLessThan(1000);
    for (const typist of typists.slice(2)) await typist.context.close();
  });

  it('takes screenshots at phone, laptop and projector sizes', async () => {
    // A fresh board filled the way a group would fill it, so the screenshots read like the
    // workshop (the README shows them); the instructor adds feedback on one card.
    const showcase = await server.createWorkshop(1, '第4回 ISMS構築ワークショップ');
    const filler = connectClient(
      wsUrl(),
      boardDocName(showcase.workshop.id, showcase.workshop.groups[0]!.id),
      showcase.instructorToken,
    );
    try {
      await synced(filler);
      fillShowcase(filler.doc);
    } finally {
      filler.destroy();
    }
    const viewer = await member('E');
    await joinBoard(viewer.page, server.url, showcase.workshop.groups[0]!.code, '田中');
    const page = viewer.page;
    await page.getByText('分類のレベル').first().waitFor();
    for (const [width, height] of [
      [360, 740],
      [390, 844],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `participant-${width}x${height}`);
      if (width < 640) expect(await smallTouchTargets(page)).toEqual([]);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Statement of Applicability' }).waitFor();
    await screenshot(page, 'participant-en-1440x900');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('button', { name: '適用宣言書' }).click();
    await page.locator('.soa__row[data-control="5.12"]').waitFor();
    // Exclude 5.7 with a reason: an explicit choice overrides the derived "undecided".
    const row = page.locator('.soa__row[data-control="5.7"]');
    await row.getByRole('radio', { name: '除外' }).click();
    await row.getByLabel('除外の理由').fill('脅威情報の収集は親会社が実施しているため');
    await row.getByLabel('除外の理由').press('Enter');
    await page.locator('.soa__row--no[data-control="5.7"]').waitFor();
    await screenshot(page, 'participant-soa-1440x900');
  });
});
