import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), and a console
 * watcher: every browser test fails on any console error or warning it did not expect.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOT_DIR = path.join(repo, 'tests/artifacts/screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface ConsoleProblem {
  page: string;
  type: string;
  text: string;
}

/**
 * Collects console errors/warnings and uncaught page errors of every page in a context.
 * `expected` patterns are for messages the browser itself prints in a scenario a test
 * provokes on purpose (e.g. "WebSocket connection … failed" while the server is down).
 *
 * Content-Security-Policy violations are always problems, whatever is tolerated: every watched
 * page reports them through the `securitypolicyviolation` event as well as Chromium's own
 * console message, so a policy that breaks a page (or a page that needs a looser policy) fails
 * the test that opened it. Pages opened later in a watched context are watched too.
 */
const CSP_VIOLATION = /Content Security Policy|CSP violation/i;

/**
 * Always expected: y-websocket logs every permission-denied message, and `missing-dependencies`
 * is the server's documented answer to an honest race (an edit sent before the client's sync
 * step 2, docs/PROTOCOL.md); the server's sync step 1 heals it within one round trip.
 */
const HONEST_RACE = /Permission denied to access .*\s+missing-dependencies/;

/** Runs in every document before its scripts: turns each CSP violation into a console error. */
function reportCspViolations(): void {
  document.addEventListener('securitypolicyviolation', (event) => {
    console.error(
      `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} ` +
        `(${event.sourceFile}:${event.lineNumber})`,
    );
  });
}

export class ConsoleWatch {
  readonly problems: ConsoleProblem[] = [];
  private expected: RegExp[] = [];
  private readonly labels = new WeakMap<Page, string>();
  private readonly contexts = new WeakSet<BrowserContext>();

  /** Watches `page` (again: only renames it); its context's later pages are watched too. */
  watch(page: Page, label: string): void {
    const known = this.labels.has(page);
    this.labels.set(page, label);
    void this.watchContext(page.context(), label);
    if (known) return;
    const name = () => this.labels.get(page) ?? label;
    page.on('console', (message) => {
      const type = message.type();
      if (type !== 'error' && type !== 'warning') return;
      const text = message.text();
      const csp = CSP_VIOLATION.test(text);
      if (!csp && [HONEST_RACE, ...this.expected].some((pattern) => pattern.test(text))) return;
      this.problems.push({ page: name(), type: csp ? 'csp-violation' : type, text });
    });
    page.on('pageerror', (error) =>
      this.problems.push({ page: name(), type: 'pageerror', text: String(error) }),
    );
  }

  /** Every page of `context` reports CSP violations and is watched under `label`-N. */
  watchContext(context: BrowserContext, label: string): Promise<void> {
    if (this.contexts.has(context)) return Promise.resolve();
    this.contexts.add(context);
    const installed = context.addInitScript(reportCspViolations).then(() => undefined);
    let opened = 0;
    context.on('page', (page) => {
      opened += 1;
      if (!this.labels.has(page)) this.watch(page, `${label}-${opened}`);
    });
    return installed;
  }

  /** Allows a message while `during` runs (a scenario that provokes it deliberately). */
  async tolerate<T>(patterns: RegExp[], during: () => Promise<T>): Promise<T> {
    this.expected.push(...patterns);
    try {
      return await during();
    } finally {
      this.expected = this.expected.filter((pattern) => !patterns.includes(pattern));
    }
  }

  /** Throws with every collected problem; call at the end of each test. */
  assertClean(): void {
    if (this.problems.length === 0) return;
    const lines = this.problems.map((p) => `[${p.page}] ${p.type}: ${p.text}`);
    this.problems.length = 0;
    throw new Error(`browser console was not clean:\n${lines.join('\n')}`);
  }
}

export interface Member {
  context: BrowserContext;
  page: Page;
  name: string;
}

/** A participant's own browser profile (separate storage, like a separate laptop). */
export async function openMember(
  browser: Browser,
  watch: ConsoleWatch,
  name: string,
  viewport = { width: 1440, height: 900 },
): Promise<Member> {
  const context = await browser.newContext({ viewport, locale: 'ja-JP' });
  // Before the first page: its init script must be in place when the page loads.
  await watch.watchContext(context, name);
  const page = await context.newPage();
  watch.watch(page, name);
  return { context, page, name };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
