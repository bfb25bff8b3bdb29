import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { translatorFor } from '../../src/platform/i18n/i18n.ts';
import { createOrganisation } from '../factories/organisations.ts';
import { createPerson } from '../factories/people.ts';
import { testDialects } from '../helpers/database.ts';
import { expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';

/** Every public page of the site and the catalogue key of its h1. */
const PUBLIC_PAGES = [
  ['/', 'pages:home.heading'],
  ['/about', 'pages:about.heading'],
  ['/beliefs', 'pages:beliefs.heading'],
  ['/principles', 'pages:principles.heading'],
  ['/network', 'pages:network.heading'],
  ['/directory', 'directory:title'],
  ['/events', 'events:calendar.heading'],
  ['/framework', 'framework:index.heading'],
  ['/library', 'pages:library.heading'],
  ['/volunteer', 'pages:volunteer.heading'],
  ['/news', 'pages:news.heading'],
] as const;

const en = translatorFor('en');
const es = translatorFor('es');

/** The page's language and its only h1. */
async function shown(page: Page): Promise<{ lang: string | null; h1: string[] }> {
  return {
    lang: await page.locator('html').getAttribute('lang'),
    h1: (await page.locator('h1').allTextContents()).map((s) => s.trim()),
  };
}

/** Whether anything sticks out past the right edge of the window (a sideways scroll bar). */
async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

// Both databases, like the rest of the suite: the signed-in header reads sessions and roles. It stays cheap
// (about 20 s of CPU for both) because one browser serves every page of a dialect and axe runs
// inside the page (see expectNoAxeViolations).
for (const dialect of testDialects()) {
  describe(`public pages in Chromium (${dialect})`, () => {
    let server: TestServer;
    let browser: TestBrowser;
    before(async () => {
      [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser({ locale: 'en-US' })]);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    for (const [path, headingKey] of PUBLIC_PAGES) {
      it(`${path}: passes axe in English, switches to Spanish and passes again, with no console errors`, async () => {
        await browser.context.clearCookies();
        const page = await browser.context.newPage();
        const problems = watchPage(page);
        try {
          const res = await page.goto(`${server.baseUrl}${path}`);
          assert.equal(res?.status(), 200);
          assert.deepEqual(await shown(page), { lang: 'en', h1: [en(headingKey)] });
          assert.equal(await page.title(), `${en(headingKey.replace('.heading', '.title'))} · Coalition Hub`);
          await expectNoAxeViolations(page, `${path} (en, ${dialect})`);
          assert.equal(await overflowsSideways(page), false, 'no sideways scrolling');

          await page.locator('footer a[hreflang="es"]').click();
          await page.waitForURL(`${server.baseUrl}${path}`);
          assert.deepEqual(await shown(page), { lang: 'es', h1: [es(headingKey)] });
          await expectNoAxeViolations(page, `${path} (es, ${dialect})`);
          assert.equal(await overflowsSideways(page), false, 'no sideways scrolling in Spanish');

          // The way back is the same link in the other direction: once is enough.
          if (path === '/') {
            await page.locator('footer a[hreflang="en"]').click();
            await page.waitForURL(`${server.baseUrl}${path}`);
            assert.deepEqual(await shown(page), { lang: 'en', h1: [en(headingKey)] });
          }
          assert.deepEqual(problems.list, []);
        } finally {
          await page.close();
        }
      });
    }

    it('the 404 page passes axe in both languages and offers a way on', async () => {
      await browser.context.clearCookies();
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      try {
        const res = await page.goto(`${server.baseUrl}/no-such-page`);
        assert.equal(res?.status(), 404);
        assert.deepEqual(await shown(page), { lang: 'en', h1: [en('errors:titles.404')] });
        await expectNoAxeViolations(page, `404 (en, ${dialect})`);
        await page.locator('footer a[hreflang="es"]').click();
        await page.waitForURL(`${server.baseUrl}/no-such-page`);
        assert.deepEqual(await shown(page), { lang: 'es', h1: [es('errors:titles.404')] });
        await expectNoAxeViolations(page, `404 (es, ${dialect})`);
        await page.locator('main a[href="/directory"]').click();
        await page.waitForURL(`${server.baseUrl}/directory`);
        assert.deepEqual(await shown(page), { lang: 'es', h1: [es('directory:title')] });
        assert.deepEqual(problems.list, []);
      } finally {
        await page.close();
      }
    });

    it('signed in as a network admin with a long name, the Spanish header fits a small desktop and passes axe', async () => {
      const db = server.testApp.db;
      const office = await createOrganisation(db, { kind: 'national_office', name: `National Office ${dialect}` });
      const person = await createPerson(db, { name: 'María Guadalupe Villaseñor-Castellanos de la Fuente', locale: 'es', roles: [['network_admin', office.id]] });
      await signInBrowser(browser, server, person.id);
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      try {
        await page.setViewportSize({ width: 1024, height: 768 });
        await page.goto(`${server.baseUrl}/`);
        assert.deepEqual(await shown(page), { lang: 'es', h1: [es('pages:home.heading')] });
        const header = page.locator('header');
        for (const control of [header.getByRole('link', { name: es('common:nav.admin') }), header.getByRole('link', { name: person.name }), header.getByRole('button', { name: es('common:signOut') })]) {
          const box = await control.boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= 1024, `${await control.textContent()} is on screen`);
        }
        assert.equal(await overflowsSideways(page), false, 'no sideways scrolling');
        // A signed-in person is offered their account, not registration.
        assert.equal(await page.locator('main a[href="/register"]').count(), 0);
        await expectNoAxeViolations(page, `/ signed in (es, ${dialect})`);
        assert.deepEqual(problems.list, []);
      } finally {
        await page.close();
        await browser.context.clearCookies();
      }
    });

    it('on a phone-sized screen the menu opens and closes, and the open menu passes axe', async () => {
      await browser.context.clearCookies();
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      try {
        await page.setViewportSize({ width: 375, height: 740 });
        await page.goto(`${server.baseUrl}/`);
        const nav = page.locator('nav.usa-nav');
        assert.equal(await nav.getByRole('link', { name: en('common:nav.principles') }).isVisible(), false, 'the menu starts closed');
        await page.getByRole('button', { name: en('common:menu') }).click();
        await nav.getByRole('link', { name: en('common:nav.principles') }).waitFor({ state: 'visible' });
        await expectNoAxeViolations(page, `/ with the menu open (en, ${dialect})`);
        await nav.getByRole('button', { name: en('common:close') }).click();
        await nav.getByRole('link', { name: en('common:nav.principles') }).waitFor({ state: 'hidden' });
        assert.deepEqual(problems.list, []);
      } finally {
        await page.close();
      }
    });
  });
}
