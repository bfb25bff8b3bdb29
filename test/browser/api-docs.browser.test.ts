import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buildApiReference, tagPagePath, type ApiReference, type OpenApiDocument, type TagSectionView } from '../../src/modules/api-docs/api-reference.ts';
import { testDialects } from '../helpers/database.ts';
import { expectNoAxeViolations, launchBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';

// The pages are built from the OpenAPI document, not from stored rows, so one database is enough.
// Every tag's page is made by the same components, so axe scans the overview and the largest tag's
// page (the most tables and headings); the in-process tests check every page's links and anchors.
const dialect = testDialects()[0]!;

/**
 * Waits until the element with this id has its top edge in the window, where following a link to it
 * should bring it (USWDS scrolls smoothly, so not at once); times out, failing, if it never does.
 */
async function expectScrolledTo(page: Page, id: string): Promise<void> {
  await page.waitForFunction((target) => {
    // A fraction of a pixel above the edge still counts: layout rounds.
    const top = document.getElementById(target)?.getBoundingClientRect().top ?? -Infinity;
    return top > -1 && top < window.innerHeight;
  }, id);
}

/** Switches the page to Spanish with the footer's language link, which brings the reader back to `path`. */
async function toSpanish(page: Page, server: TestServer, path: string): Promise<void> {
  await page.locator('footer a[hreflang="es"]').click();
  await page.waitForURL(`${server.baseUrl}${path}`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
}

describe(`API reference in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let reference: ApiReference;
  /** The tag with the most requests: its page is the reference's heaviest. */
  let largest: TagSectionView;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser({ locale: 'en-US' })]);
    reference = buildApiReference((await (await fetch(`${server.baseUrl}/api/openapi.json`)).json()) as OpenApiDocument);
    largest = reference.sections.reduce((a, b) => (b.operations.length > a.operations.length ? b : a));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the overview passes axe in English and Spanish, and its contents links land on their headings', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    try {
      const res = await page.goto(`${server.baseUrl}/api/docs`);
      assert.equal(res?.status(), 200);
      assert.deepEqual(await page.locator('h1').allTextContents(), ['API reference']);
      assert.equal(await page.title(), 'API reference · Coalition Hub');
      await expectNoAxeViolations(page, `/api/docs (en, ${dialect})`);

      const contents = 'nav[aria-labelledby="api-contents"]';
      const links = await page.locator(`${contents} a`).evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      assert.ok(links.length >= 15, `${links.length} contents links`);
      // A request in the middle of the largest page: opening it must scroll, not just load the page.
      const op = largest.operations[Math.floor(largest.operations.length / 2)]!;
      const href = `${tagPagePath(largest)}#${op.id}`;
      assert.ok(links.includes(href), href);
      await page.locator(`${contents} a[href="${href}"]`).click();
      await page.waitForURL(`${server.baseUrl}${href}`);
      assert.equal(await page.locator(`[id="${op.id}"]`).evaluate((el) => el.tagName), 'H2');
      await expectScrolledTo(page, op.id);
      for (const link of links.filter((l) => l.startsWith(`${tagPagePath(largest)}#`))) {
        assert.equal(await page.locator(`h2[id="${link.split('#')[1]}"]`).count(), 1, `${link} lands on a heading`);
      }

      await page.goBack();
      await page.waitForURL(`${server.baseUrl}/api/docs`);
      await toSpanish(page, server, '/api/docs');
      assert.deepEqual(await page.locator('h1').allTextContents(), ['Referencia de la API']);
      await expectNoAxeViolations(page, `/api/docs (es, ${dialect})`);
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it('the largest tag’s page passes axe in English and Spanish, and its side navigation leads to its requests', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    const path = tagPagePath(largest);
    try {
      const res = await page.goto(`${server.baseUrl}${path}`);
      assert.equal(res?.status(), 200);
      assert.equal(await page.locator('h2[id] > code:first-child').count(), largest.operations.length, `${path}: every request of the tag`);
      await expectNoAxeViolations(page, `${path} (en, ${dialect})`);

      const last = largest.operations.at(-1)!;
      await page.locator(`.usa-sidenav__sublist a[href="#${last.id}"]`).click();
      await expectScrolledTo(page, last.id);
      await page.locator('.usa-breadcrumb a[href="/api/docs"]').click();
      await page.waitForURL(`${server.baseUrl}/api/docs`);
      await page.goBack();

      await toSpanish(page, server, path);
      assert.equal(await page.locator('.usa-breadcrumb a').textContent(), 'Referencia de la API');
      await expectNoAxeViolations(page, `${path} (es, ${dialect})`);
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it('fits a phone screen without sideways scrolling, the request before the navigation', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    try {
      await page.setViewportSize({ width: 375, height: 740 });
      for (const path of ['/api/docs', ...reference.sections.map(tagPagePath)]) {
        await page.goto(`${server.baseUrl}${path}`);
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false, `${path}: no sideways scrolling`);
      }
      // The last page loaded is a tag's: on a phone its heading comes first, the side navigation after the requests.
      const top = (selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().top);
      assert.ok((await top('main h1')) < (await top('.usa-sidenav')), 'content first on a phone');
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it('watches for CSP errors for real: an inline script on the page is reported (negative control)', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(`${server.baseUrl}/api/docs`);
      // What Swagger UI's inline code met: the policy blocks it, and the browser says so on the console.
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.append(script);
      });
      await page.waitForTimeout(100);
      assert.equal(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false), false, 'the inline script did not run');
      assert.ok(problems.list.some((p) => /Content Security Policy/i.test(p)), problems.list.join('\n'));
    } finally {
      await page.close();
    }
  });
});
