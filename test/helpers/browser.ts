import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { DialectName } from '../../src/db/connection.ts';
import { startSession } from '../../src/platform/auth/sessions.ts';
import { SESSION_COOKIE } from '../../src/platform/http/request-context.plugin.ts';
import { createTestApp, type TestApp } from './app.ts';

/** Debian's chromium (or CHROMIUM_PATH); null when the machine has none. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

export interface TestBrowser {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh, empty profile, so no cookie or cache carries over between runs.
 * The flags keep it from reaching the network on its own (updates, sync, QUIC probes), which would
 * be slow and noisy in CI.
 */
export async function launchBrowser(opts: { locale?: string } = {}): Promise<TestBrowser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found: install Debian\'s chromium or set CHROMIUM_PATH.');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    locale: opts.locale ?? 'en-US',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // A broken page should fail its test in seconds, not hang the suite on Playwright's defaults.
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface TestServer {
  /** http://localhost:<port>: `localhost` is a secure context, so the app's Secure cookies work over http. */
  baseUrl: string;
  testApp: TestApp;
  close(): Promise<void>;
}

/** A free TCP port on loopback, asked of the OS (the app's BASE_URL must name it before it starts). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The whole app on a fresh database, listening on 127.0.0.1 at a random port for a real browser. */
export async function startTestServer(dialect: DialectName): Promise<TestServer> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const testApp = await createTestApp(dialect, { env: { BASE_URL: baseUrl } });
  await testApp.app.listen({ host: '127.0.0.1', port });
  return { baseUrl, testApp, close: () => testApp.close() };
}

/** What went wrong in the browser while a page was open: console errors (CSP reports among them), uncaught exceptions, failed loads. */
export interface PageProblems {
  list: string[];
}

/**
 * Records console errors, uncaught exceptions and failed subresource loads on a page. A Content
 * Security Policy violation reaches the console as an error, so it lands here too.
 */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { list: [] };
  page.on('console', (msg) => {
    // Chromium also logs every HTTP error status here; the 'response' listener below judges those.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.list.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.list.push(`exception: ${err.message}`));
  page.on('requestfailed', (req) => problems.list.push(`failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    // The page itself may be a deliberate 404; its stylesheets, scripts and images may not.
    if (res.status() >= 400 && res.request().resourceType() !== 'document') problems.list.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** The WCAG 2.2 AA rule sets every page must pass. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core on the page as it stands and fails with every violation, its help text and where it is. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  // Only violations (axe then skips recording every passing node), and axe.run in the page itself:
  // the default mode finishes each scan in a fresh blank page, which costs a second a scan, and is
  // only needed for cross-origin frames, which these pages do not have.
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).options({ resultTypes: ['violations'] }).setLegacyMode(true).analyze();
  if (violations.length === 0) return;
  const report = violations.map((v) => {
    const targets = v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`);
    const more = v.nodes.length > 5 ? [`      … and ${v.nodes.length - 5} more`] : [];
    return [`  ${v.id} (${v.impact ?? 'unknown'}): ${v.help}`, ...targets, ...more].join('\n');
  });
  throw new Error(`${violations.length} accessibility violation(s) on ${label}:\n${report.join('\n')}`);
}

/** Signs the browser in as a person (a fresh session cookie, other cookies cleared), skipping the form. */
export async function signInBrowser(browser: TestBrowser, server: TestServer, personId: number): Promise<void> {
  await browser.context.clearCookies();
  const token = await startSession(server.testApp.db, personId, { days: 1 });
  await browser.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.baseUrl, httpOnly: true, secure: true, sameSite: 'Lax' }]);
}

/**
 * Opens a page in a new tab and checks what every page template must be: 200, exactly the given
 * h1, no axe violations, and no console errors or failed loads.
 */
export async function expectCleanPage(browser: TestBrowser, server: TestServer, path: string, h1: string, label = path): Promise<void> {
  const page = await browser.context.newPage();
  const problems = watchPage(page);
  try {
    const res = await page.goto(`${server.baseUrl}${path}`);
    assert.equal(res?.status(), 200, path);
    assert.deepEqual((await page.locator('h1').allTextContents()).map((s) => s.trim()), [h1]);
    await expectNoAxeViolations(page, label);
    assert.deepEqual(problems.list, [], path);
  } finally {
    await page.close();
  }
}
