import type { Locator, Page } from 'playwright-core';
import { waitUntil } from './poll';

/**
 * Page helpers that speak the participant UI's language (Japanese by default): join, find a
 * lane, a card, its note. Selectors use the data-* attributes the board renders for this.
 */
export async function joinBoard(page: Page, baseUrl: string, code: string, name: string) {
  await page.goto(`${baseUrl}/join/${code}`);
  await page.getByLabel('表示名').fill(name);
  await page.getByRole('button', { name: '参加する' }).click();
  await page.waitForURL(/\/board\//);
  await waitForOnline(page);
}

export async function waitForOnline(page: Page, timeoutMs = 15_000) {
  await page.locator('.status[data-status="online"]').waitFor({ timeout: timeoutMs });
}

export function lane(page: Page, assetId: string): Locator {
  return page.locator(`section.lane[data-asset="${assetId}"]`);
}

export function card(page: Page, assetId: string, controlId: string): Locator {
  return lane(page, assetId).locator(`li.card[data-control="${controlId}"]`);
}

export function note(page: Page, assetId: string, controlId: string): Locator {
  return card(page, assetId, controlId).locator('textarea.note');
}

export function paletteCard(page: Page, controlId: string): Locator {
  return page.locator(`.palette li.palette-card[data-control="${controlId}"]`);
}

/** Waits until a note's textarea shows exactly `expected` (or passes `check`). */
export async function waitForNote(
  page: Page,
  assetId: string,
  controlId: string,
  check: (value: string) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<string> {
  return waitUntil(
    async () => {
      const value = await note(page, assetId, controlId).inputValue({ timeout: 1000 });
      return check(value) ? value || ' ' : null;
    },
    what,
    timeoutMs,
  );
}

/** Visible controls smaller than 44×44 CSS px (WCAG 2.5.5 / Apple HIG touch target size). */
export function smallTouchTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, a, select, [role="button"], summary, input')]
      .filter((element) => (element as HTMLElement).offsetParent !== null)
      .map((element) => {
        const rect = element.getBoundingClientRect();
        const text = (element.textContent ?? element.getAttribute('aria-label') ?? '').trim();
        return { text: text.slice(0, 20), width: rect.width, height: rect.height };
      })
      // Half a pixel of tolerance for sub-pixel layout.
      .filter((target) => target.width < 43.5 || target.height < 43.5),
  );
}

/** A real mouse drag: press on the card, move in steps (dnd-kit needs moves), release. */
export async function mouseDrag(page: Page, from: string, to: string) {
  await page.locator(from).first().scrollIntoViewIfNeeded();
  const source = await page.locator(from).first().boundingBox();
  const target = await page.locator(to).first().boundingBox();
  if (!source || !target) throw new Error('drag source or target not visible');
  await page.mouse.move(source.x + source.width / 2, source.y + 12);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 10, source.y + 20, { steps: 3 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}
