import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './browser';

/**
 * axe-core in the e2e browser. The engine's source is evaluated through the DevTools protocol
 * (`page.evaluate`), not added as a <script> tag, so the page's Content-Security-Policy does not
 * block it and the page under test loads nothing it would not load for a person.
 */
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Where every audited state is also photographed (the tour reviewers look at). */
export const AUDIT_SCREENSHOT_DIR = path.join(SCREENSHOT_DIR, 'audit');

/** "board: card menu" → "board-card-menu" (a file name). */
function slug(screen: string): string {
  return screen
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The widths every screen is audited at: a phone, an instructor's laptop, a projector. */
export const AUDIT_VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

export interface AxeFinding {
  screen: string;
  width: number;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeResultShape {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: unknown[] }[];
  }[];
}

/** Runs axe-core once on the page as it is now (WCAG 2.x A/AA + best practices). */
async function runAxe(page: Page): Promise<AxeResultShape> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const engine = (
      window as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<AxeResultShape> };
      }
    ).axe;
    const result = await engine.run(document, { resultTypes: ['violations'] });
    return {
      violations: result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({ target: node.target })),
      })),
    };
  });
}

/**
 * Audits one screen at every audit width (the viewport is resized in place, so the state —
 * an open dialog, a selected tab — stays), photographs it at each width into
 * AUDIT_SCREENSHOT_DIR, and restores the page's own viewport afterwards.
 * `ready` runs after every resize, for screens that re-render on width.
 */
export async function auditScreen(
  page: Page,
  screen: string,
  options: {
    widths?: readonly { width: number; height: number }[];
    ready?: () => Promise<void>;
  } = {},
): Promise<AxeFinding[]> {
  const original = page.viewportSize();
  const findings: AxeFinding[] = [];
  try {
    for (const viewport of options.widths ?? AUDIT_VIEWPORTS) {
      await page.setViewportSize(viewport);
      await options.ready?.();
      const result = await runAxe(page);
      mkdirSync(AUDIT_SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({
        path: path.join(AUDIT_SCREENSHOT_DIR, `${slug(screen)}-${viewport.width}.png`),
      });
      for (const violation of result.violations) {
        findings.push({
          screen,
          width: viewport.width,
          rule: violation.id,
          impact: violation.impact ?? 'unknown',
          help: violation.help,
          targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
        });
      }
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
  return findings;
}

/** The findings that fail the suite: every critical and serious one. */
export function blocking(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter(
    (finding) => finding.impact === 'critical' || finding.impact === 'serious',
  );
}

/** One line per finding, for failure messages and the run's log. */
export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings
    .map(
      (f) =>
        `${f.impact} ${f.rule} [${f.screen} @${f.width}] ${f.help}: ${f.targets.slice(0, 4).join(' | ')}`,
    )
    .join('\n');
}
