import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../helpers/database.ts';
import { expectNoAxeViolations, launchBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';

// The page is built from the OpenAPI document, not from stored rows, so one database is enough.
const dialect = testDialects()[0]!;

describe(`API reference in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser({ locale: 'en-US' })]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('/api/docs passes axe in English and Spanish, with no console or CSP errors', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    try {
      const res = await page.goto(`${server.baseUrl}/api/docs`);
      assert.equal(res?.status(), 200);
      assert.deepEqual(await page.locator('h1').allTextContents(), ['API reference']);
      assert.equal(await page.title(), 'API reference · Coalition Hub');
      await expectNoAxeViolations(page, `/api/docs (en, ${dialect})`);

      // Every contents link leads to a heading on the page.
      const targets = await page.locator('nav[aria-labelledby="api-contents"] a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).hash.slice(1)));
      assert.ok(targets.length >= 15, `${targets.length} contents links`);
      for (const id of targets) assert.equal(await page.locator(`[id="${id}"]`).count(), 1, `#${id} exists once`);
      await page.locator(`nav[aria-labelledby="api-contents"] a[href="#${targets[1]}"]`).click();
      assert.equal(new URL(page.url()).hash, `#${targets[1]}`);

      await page.locator('footer a[hreflang="es"]').click();
      await page.waitForURL(`${server.baseUrl}/api/docs`);
      assert.deepEqual(await page.locator('h1').allTextContents(), ['Referencia de la API']);
      await expectNoAxeViolations(page, `/api/docs (es, ${dialect})`);
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it('fits a phone screen without sideways scrolling, and passes axe there', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    try {
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(`${server.baseUrl}/api/docs/`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false, 'no sideways scrolling');
      await expectNoAxeViolations(page, `/api/docs on a phone (en, ${dialect})`);
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
