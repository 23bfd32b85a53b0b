import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEMINAR4_SCENARIO, type CreateWorkshopResponse, type Scenario } from '@isms/shared';
import { card, joinBoard, lane, paletteCard } from './helpers/board';
import { ConsoleWatch, launchBrowser, openMember, type Member } from './helpers/browser';
import { waitUntil } from './helpers/poll';
import { E2EServer } from './helpers/server';

/**
 * A scenario is data, not code: an organiser drops a JSON file into DATA_DIR/scenarios, creates
 * a workshop from it, and participants get its lanes and its controls — also after a reload
 * while the venue Wi-Fi is down (the scenario is cached on the device).
 */
const people: Scenario = {
  ...SEMINAR4_SCENARIO,
  id: 'seminar6-people',
  title_ja: '第6回ワークショップ：人的管理策',
  title_en: 'Workshop 6: people controls',
  theme: 'people',
  controls_per_asset: 2,
  assets: [
    {
      id: 'new-hires',
      name_ja: '新入社員の受け入れ',
      name_en: 'Onboarding new hires',
      risk_ja: '入社時の教育が不十分だと、情報の取扱いを誤るリスクがあります。',
      risk_en: 'Insufficient onboarding leads to mishandled information.',
    },
    {
      id: 'leavers',
      name_ja: '退職者の管理',
      name_en: 'Leavers',
      risk_ja: '退職後もアクセス権が残ると、情報が持ち出されるリスクがあります。',
      risk_en: 'Access that outlives employment lets information leave with people.',
    },
  ],
  example_answer: undefined,
};
const NETWORK_NOISE = [/WebSocket connection to .* failed/, /net::ERR_/];

describe('custom scenario in the browser', () => {
  let server: E2EServer;
  let browser: Browser;
  let member: Member;
  let workshop: CreateWorkshopResponse;
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    server = await E2EServer.start();
    await server.kill();
    mkdirSync(path.join(server.dataDir, 'scenarios'), { recursive: true });
    writeFileSync(path.join(server.dataDir, 'scenarios', 'people.json'), JSON.stringify(people));
    await server.restart();
    workshop = await server.api<CreateWorkshopResponse>('POST', '/api/workshops', {
      title: '第6回',
      date: '2026-12-08',
      scenarioId: people.id,
      groups: 1,
    });
    browser = await launchBrowser();
    member = await openMember(browser, watch, '山田');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the scenario’s lanes and only its theme’s controls, and places one', async () => {
    const { page } = member;
    await joinBoard(page, server.url, workshop.workshop.groups[0]!.code, '山田');
    await lane(page, 'leavers').getByText('退職者の管理').waitFor();
    expect(await lane(page, 'customer-db').count()).toBe(0);
    await paletteCard(page, '6.5').waitFor();
    expect(await page.locator('.palette li.palette-card').count()).toBe(8);
    await paletteCard(page, '6.5')
      .getByRole('button', { name: /資産に追加/ })
      .click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /退職者の管理/ })
      .click();
    await card(page, 'leavers', '6.5').waitFor();
    watch.assertClean();
  });

  it('still opens the board after a reload while offline', async () => {
    const { page, context } = member;
    await waitUntil(
      () => page.evaluate(() => document.documentElement.dataset.offlineReady === 'true'),
      'offline shell cached',
    );
    await watch.tolerate(NETWORK_NOISE, async () => {
      await context.setOffline(true);
      await page.reload();
      await card(page, 'leavers', '6.5').waitFor();
      await context.setOffline(false);
    });
    watch.assertClean();
  });
});
