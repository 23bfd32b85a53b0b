import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import * as encoding from 'lib0/encoding';
import {
  AuthMessageType,
  type CreateWorkshopResponse,
  DenyReason,
  MessageType,
} from '@isms/shared';
import { joinBoard } from './helpers/board';
import {
  ConsoleWatch,
  type Member,
  launchBrowser,
  openMember,
  screenshot,
} from './helpers/browser';
import { E2EServer } from './helpers/server';

/**
 * The board tells a participant why the server refused a write, in Japanese and English, and
 * that the typed text stays on the device (docs/PROTOCOL.md "What the server checks on every
 * write"). An honest client never provokes a refusal (tests/server/authority.test.ts proves the
 * server side with a modified client), so the refusal frame is put on the board's real socket
 * (Playwright's WebSocket route forwards everything else unchanged), exactly as the server
 * encodes it: auth / permission denied + reason.
 */
let server: E2EServer;
let browser: Browser;
let workshop: CreateWorkshopResponse;
const watch = new ConsoleWatch();
const members: Member[] = [];

function deniedFrame(reason: string): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  encoding.writeVarUint(encoder, AuthMessageType.permissionDenied);
  encoding.writeVarString(encoder, reason);
  return Buffer.from(encoding.toUint8Array(encoder));
}

beforeAll(async () => {
  server = await E2EServer.start();
  browser = await launchBrowser();
  workshop = await server.createWorkshop(1);
});

afterEach(() => watch.assertClean());

afterAll(async () => {
  for (const opened of members) await opened.context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('refused writes', () => {
  const sizes = [
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
    { width: 1920, height: 1080 },
  ];
  for (const viewport of sizes) {
    it(`shows why at ${viewport.width}x${viewport.height} (ja, then en), and can be dismissed`, async () => {
      const opened = await openMember(browser, watch, `m${viewport.width}`, viewport);
      members.push(opened);
      const { page } = opened;
      const boardSockets: { send(message: Buffer): void }[] = [];
      await page.routeWebSocket(/\/sync\/[^/]+\/g1/, (socket) => {
        socket.connectToServer();
        boardSockets.push(socket);
      });
      await joinBoard(page, server.url, workshop.workshop.groups[0]!.code, '山田');
      expect(boardSockets.length).toBeGreaterThan(0);
      boardSockets.at(-1)!.send(deniedFrame(DenyReason.noteTooLong));
      const alert = page.getByRole('alert').filter({ hasText: '実施内容は5000文字までです' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('入力した内容はこの端末に残っています');
      await screenshot(page, `participant-denied-${viewport.width}x${viewport.height}`);
      await page.getByRole('button', { name: 'English' }).click();
      const english = page.getByRole('alert').filter({ hasText: 'A note holds at most 5000' });
      await english.waitFor();
      if (viewport.width === 1440) await screenshot(page, 'participant-denied-en-1440x900');
      await english.getByRole('button', { name: 'Dismiss' }).click();
      await english.waitFor({ state: 'detached' });
      // Another reason shows again; the self-healing missing-dependencies never does.
      boardSockets.at(-1)!.send(deniedFrame(DenyReason.missingDependencies));
      boardSockets.at(-1)!.send(deniedFrame(DenyReason.laneFull));
      await page
        .getByRole('alert')
        .filter({ hasText: 'already holds the most cards (12)' })
        .waitFor();
      expect(await page.getByRole('alert').filter({ hasText: 'missing' }).count()).toBe(0);
    });
  }
});
