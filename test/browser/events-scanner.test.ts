import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { CoalitionEvent, Ticket } from '../../src/db/schema.ts';
import { testDialects } from '../helpers/database.ts';
import { expectCleanPage, expectNoAxeViolations, launchBrowser, signInBrowser, startTestServer, watchPage, type TestBrowser, type TestServer } from '../helpers/browser.ts';
import { createOrderWithTickets } from '../factories/event-orders.ts';
import { createEvent, createTicketType } from '../factories/events.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../factories/people-network.ts';

// The door's in-page QR scanner (src/client/check-in-scanner.js). Headless Chromium on Linux has no
// BarcodeDetector, so the page must look exactly as before; a fake detector and camera (a canvas
// stream) then stand in for a phone's, to drive the island itself.
const dialect = testDialects()[0]!;

interface FakeCamera {
  /** What the fake detector reads in every frame (null: no QR code in sight). */
  value: string | null;
  /** getUserMedia rejects with this DOMException name (e.g. NotAllowedError). */
  fail?: string;
}

/** Gives the page a BarcodeDetector that reads `value` and a camera that films a blank canvas. */
async function fakeScannerSupport(page: Page, camera: FakeCamera): Promise<void> {
  await page.addInitScript((cam: FakeCamera) => {
    const w = window as unknown as Record<string, unknown>;
    w.__qrValue = cam.value;
    w.BarcodeDetector = class {
      static async getSupportedFormats() {
        return ['qr_code', 'ean_13'];
      }
      constructor(opts?: { formats?: string[] }) {
        w.__detectorFormats = opts?.formats;
      }
      async detect() {
        return typeof w.__qrValue === 'string' ? [{ rawValue: w.__qrValue, format: 'qr_code' }] : [];
      }
    };
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      sessionStorage.setItem('fakeCameraAsked', JSON.stringify(constraints));
      if (cam.fail) throw new DOMException('fake camera refused', cam.fail);
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      const g = canvas.getContext('2d')!;
      let tick = 0;
      // A canvas stream only has frames while the canvas changes.
      setInterval(() => {
        g.fillStyle = tick++ % 2 ? '#ffffff' : '#fefefe';
        g.fillRect(0, 0, 320, 240);
      }, 50);
      const stream = canvas.captureStream(20);
      w.__stream = stream;
      return stream;
    };
  }, camera);
}

describe(`the door's QR scanner in Chromium (${dialect})`, () => {
  let server: TestServer;
  let browser: TestBrowser;
  let n: PeopleNetwork;
  let event: CoalitionEvent;
  let other: CoalitionEvent;
  let ticket: Ticket;
  let otherTicket: Ticket;
  const doorPath = () => `/events/${event.slug}/check-in`;
  before(async () => {
    [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
    const db = server.testApp.db;
    n = await createPeopleNetwork(db);
    event = await createEvent(db, n.center.id, { title: 'Scanner Night' });
    other = await createEvent(db, n.center.id, { title: 'Another Night' });
    const type = await createTicketType(db, event.id, { capacity: 5, name: 'Adult' });
    ticket = (await createOrderWithTickets(db, event, type, { attendees: [{ name: 'Maya Okafor', email: 'maya@example.org' }] })).tickets[0]!;
    const otherType = await createTicketType(db, other.id, { capacity: 5, name: 'Adult' });
    otherTicket = (await createOrderWithTickets(db, other, otherType, { attendees: [{ name: 'Eli Elsewhere', email: 'eli@example.org' }] })).tickets[0]!;
    await signInBrowser(browser, server, n.coachC.id);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const checkedIn = async (id: number) => (await server.testApp.db.selectFrom('tickets').select('checked_in_at').where('id', '=', id).executeTakeFirstOrThrow()).checked_in_at;

  it('changes nothing where the browser cannot read QR codes: the button stays hidden, the page is clean', async () => {
    await expectCleanPage(browser, server, doorPath(), 'Check-in');
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    try {
      const script = page.waitForResponse((res) => res.url().endsWith('/assets/client/check-in-scanner.js'));
      const helper = page.waitForResponse((res) => res.url().endsWith('/assets/client/check-in-ticket-url.js'));
      await page.goto(`${server.baseUrl}${doorPath()}`);
      assert.equal((await script).status(), 200);
      assert.equal((await helper).status(), 200, 'the island module loaded its import');
      assert.equal(await page.evaluate(() => 'BarcodeDetector' in window), false, 'this Chromium has no BarcodeDetector');
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByRole('button', { name: 'Scan a ticket' }).count(), 0, 'no visible scan button');
      assert.equal(await page.locator('[data-scan-start]').isHidden(), true);
      assert.equal(await page.locator('video').isHidden(), true);
      await expectNoAxeViolations(page, 'check-in without scanner support');
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it('stays hidden when the detector cannot read QR codes (negative control of the support check)', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      (window as unknown as Record<string, unknown>).BarcodeDetector = class {
        static async getSupportedFormats() {
          return ['ean_13'];
        }
      };
    });
    try {
      await page.goto(`${server.baseUrl}${doorPath()}`);
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('[data-scan-start]').isHidden(), true);
    } finally {
      await page.close();
    }
  });

  it("opens this event's ticket when it sees its QR code, and leaves the check-in to staff", async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await fakeScannerSupport(page, { value: `${server.baseUrl}/events/${event.slug}/check-in/${ticket.code}` });
    try {
      await page.goto(`${server.baseUrl}${doorPath()}`);
      const scan = page.getByRole('button', { name: 'Scan a ticket' });
      await scan.waitFor();
      await expectNoAxeViolations(page, 'check-in with the scan button');
      await scan.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.baseUrl}/events/${event.slug}/check-in/${ticket.code}`);
      assert.deepEqual((await page.locator('h1').allTextContents()).map((s) => s.trim()), ['Maya Okafor']);
      await page.getByRole('button', { name: /Check in/ }).waitFor();
      assert.deepEqual(JSON.parse((await page.evaluate(() => sessionStorage.getItem('fakeCameraAsked'))) ?? 'null'), { video: { facingMode: 'environment' }, audio: false });
      assert.equal(await checkedIn(ticket.id), null, 'scanning alone checks no one in');
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it("says politely that another event's QR code is not a ticket here, stays put, and stops the camera on request", async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    const foreign = `${server.baseUrl}/events/${other.slug}/check-in/${otherTicket.code}`;
    await fakeScannerSupport(page, { value: foreign });
    try {
      await page.goto(`${server.baseUrl}${doorPath()}`);
      await page.getByRole('button', { name: 'Scan a ticket' }).click();
      const status = page.getByRole('status');
      await status.getByText('That QR code is not a ticket for this event.').waitFor();
      assert.equal(new URL(page.url()).pathname, doorPath());
      const stop = page.getByRole('button', { name: 'Stop scanning' });
      assert.equal(await stop.evaluate((el) => el === document.activeElement), true, 'focus moves to Stop scanning');
      assert.equal(await page.getByLabel(/Camera view/).isVisible(), true);
      await expectNoAxeViolations(page, 'check-in while scanning');
      // A poster's link and a javascript: text are refused alike; neither is followed.
      await page.evaluate(() => ((window as unknown as Record<string, unknown>).__qrValue = 'javascript:alert(1)'));
      await page.waitForTimeout(600);
      assert.equal(new URL(page.url()).pathname, doorPath());
      await stop.click();
      await status.getByText('Scanning stopped.').waitFor();
      assert.equal(await page.evaluate(() => ((window as unknown as Record<string, unknown>).__stream as MediaStream).getTracks().every((t) => t.readyState === 'ended')), true, 'the camera is off');
      assert.equal(await page.locator('video').isHidden(), true);
      const scan = page.getByRole('button', { name: 'Scan a ticket' });
      assert.equal(await scan.evaluate((el) => el === document.activeElement), true, 'focus returns to Scan a ticket');
      assert.equal(await checkedIn(otherTicket.id), null);
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it('says when the camera is refused, and the search still works', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await fakeScannerSupport(page, { value: null, fail: 'NotAllowedError' });
    try {
      await page.goto(`${server.baseUrl}${doorPath()}`);
      await page.getByRole('button', { name: 'Scan a ticket' }).click();
      await page.getByRole('status').getByText(/The camera was not allowed/).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Scan a ticket' }).isVisible(), true);
      await page.getByRole('searchbox', { name: 'Find an attendee' }).fill('maya');
      await page.getByRole('button', { name: 'Find' }).click();
      await page.getByRole('link', { name: 'Maya Okafor' }).waitFor();
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });
});
