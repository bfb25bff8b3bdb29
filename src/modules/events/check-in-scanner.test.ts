import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ticketPathFromScan } from '../../client/check-in-ticket-url.js';
import type { CoalitionEvent } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createEvent } from '../../../test/factories/events.ts';
import { signIn } from '../../../test/factories/people.ts';
import { createPeopleNetwork, type PeopleNetwork } from '../../../test/factories/people-network.ts';
import { checkInUrl } from './ticket-qr.ts';

// The door scanner follows only this event's check-in addresses on this site (pure, no database),
// and the search page carries the scanner hidden, for the island to reveal (both databases).

const site = 'https://hub.example.org';
const expected = { origins: [site], slug: 'fall-forum' };
const code = 'Qm9vbXNoYWthbGFrYWxha2E';
const scan = (text: unknown) => ticketPathFromScan(text, expected);

describe('which scanned QR codes the door follows', () => {
  it("follows this event's check-in address on this site, to its path", () => {
    assert.equal(scan(`${site}/events/fall-forum/check-in/${code}`), `/events/fall-forum/check-in/${code}`);
    assert.equal(scan(`  ${site}/events/fall-forum/check-in/${code}\n`), `/events/fall-forum/check-in/${code}`, 'whitespace around the text');
    assert.equal(scan(`${site}/events/fall-forum/check-in/AbC-_0123456789xy`), '/events/fall-forum/check-in/AbC-_0123456789xy', 'older 16-character codes');
    assert.equal(ticketPathFromScan(`http://localhost:3000/events/fall-forum/check-in/${code}`, { origins: ['http://localhost:3000'], slug: 'fall-forum' }), `/events/fall-forum/check-in/${code}`);
  });

  it('refuses other events, other sites and other schemes', () => {
    for (const text of [
      `${site}/events/spring-forum/check-in/${code}`,
      `${site}/events/fall-forum-2/check-in/${code}`,
      `https://evil.example.org/events/fall-forum/check-in/${code}`,
      `https://hub.example.org.evil.example/events/fall-forum/check-in/${code}`,
      `http://hub.example.org/events/fall-forum/check-in/${code}`,
      `https://hub.example.org:8443/events/fall-forum/check-in/${code}`,
      `javascript:location='/events/fall-forum/check-in/${code}'`,
      `data:text/html,${site}/events/fall-forum/check-in/${code}`,
      `//hub.example.org/events/fall-forum/check-in/${code}`,
      `/events/fall-forum/check-in/${code}`,
    ]) assert.equal(scan(text), null, text);
  });

  it('refuses extra segments, query and fragment tricks, credentials and rewritten forms', () => {
    for (const text of [
      `${site}/events/fall-forum/check-in/${code}/undo`,
      `${site}/events/fall-forum/check-in/${code}/`,
      `${site}/events/fall-forum/check-in`,
      `${site}/events/fall-forum/check-in/`,
      `${site}/x/events/fall-forum/check-in/${code}`,
      `${site}/events/fall-forum/check-in/${code}?next=https://evil.example.org`,
      `${site}/events/fall-forum/check-in/${code}?`,
      `${site}/events/fall-forum/check-in/${code}#x`,
      `${site}/events/other/../fall-forum/check-in/${code}`,
      `${site}/events/fall-forum/check-in/%2e%2e`,
      `${site}/events/fall-forum/check-in/${code}%2Fundo`,
      `https://user:pw@hub.example.org/events/fall-forum/check-in/${code}`,
      `https://HUB.example.org/events/fall-forum/check-in/${code}`,
      `${site}/EVENTS/fall-forum/check-in/${code}`,
    ]) assert.equal(scan(text), null, text);
  });

  it('refuses codes outside the ticket-code alphabet or length, and what is not text', () => {
    for (const bad of ['short', 'a'.repeat(65), 'abc def ghi jkl mno', 'abcdefghijklmnop.q', 'abcdefghijklmnop~', 'abcdefghijklmnop%20'])
      assert.equal(scan(`${site}/events/fall-forum/check-in/${bad}`), null, bad);
    for (const text of [null, undefined, 42, {}, '', 'not a url', `${site}/${'a'.repeat(3000)}`]) assert.equal(scan(text), null, String(text));
  });

  it("follows exactly what a ticket's QR code holds (ticket-qr.ts)", () => {
    const printed = checkInUrl('fall-forum', code);
    assert.equal(ticketPathFromScan(printed, { origins: [new URL(printed).origin], slug: 'fall-forum' }), `/events/fall-forum/check-in/${code}`);
  });
});

for (const dialect of testDialects()) {
  describe(`the door scanner on the check-in page (${dialect})`, () => {
    let t: TestApp;
    let n: PeopleNetwork;
    let event: CoalitionEvent;
    before(async () => {
      t = await createTestApp(dialect);
      n = await createPeopleNetwork(t.db);
      event = await createEvent(t.db, n.center.id, { title: `Scanner Test ${dialect}` });
    });
    after(() => t.close());

    it('renders the scanner hidden, with its island script and the event it accepts', async () => {
      const c = t.client();
      await signIn(t.db, c, n.coachC.id);
      const res = await c.get(`/events/${event.slug}/check-in`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<button type="button" class="[^"]*" data-scan-start="true" hidden>Scan a ticket<\/button>/);
      assert.match(res.body, /<div data-scan-viewer="true" hidden>/);
      assert.match(res.body, new RegExp(`id="door-scanner"[^>]*data-slug="${event.slug}"`));
      assert.match(res.body, /<script type="module" src="\/assets\/client\/check-in-scanner\.js"><\/script>/);
      assert.match(res.body, /role="status" aria-live="polite"/);
      // The camera needs no CSP change (getUserMedia is not a fetch). The app sends no
      // Permissions-Policy, so the browser's default (camera for this origin only) applies; a policy
      // added later must keep camera=(self) for this page, and this line will say so.
      const policy = res.headers['permissions-policy'];
      assert.ok(policy === undefined || /camera=\(self\)/.test(String(policy)), String(policy));
      // The search stays first: the scanner comes after the search form.
      assert.ok(res.body.indexOf('id="door-q"') < res.body.indexOf('id="door-scanner"'));
      for (const file of ['check-in-scanner.js', 'check-in-ticket-url.js', 'check-in-scanner.css']) {
        const asset = await t.client().get(`/assets/client/${file}`);
        assert.equal(asset.statusCode, 200, file);
        assert.match(String(asset.headers['content-type']), file.endsWith('.css') ? /text\/css/ : /javascript/, file);
      }
    });

    it('is not shown to a school leader, who cannot check in (negative control)', async () => {
      const c = t.client();
      await signIn(t.db, c, n.leaderA.id);
      const res = await c.get(`/events/${event.slug}/check-in`);
      assert.equal(res.statusCode, 404);
      assert.doesNotMatch(res.body, /door-scanner/);
    });
  });
}
