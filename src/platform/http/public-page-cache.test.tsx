import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { createPerson, signIn } from '../../../test/factories/people.ts';
import { TestClient } from '../../../test/helpers/client.ts';
import { buildApp } from '../../app.ts';
import { sendPublicPage } from './public-page-cache.ts';

// The network's own pages are rendered once per language for signed-out visitors. These tests
// make sure nothing personal is ever stored or served from that cache.

for (const dialect of testDialects()) {
  describe(`public page cache (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('serves signed-out visitors the same page each time, per language', async () => {
      const first = await t.client().get('/principles');
      const second = await t.client().get('/principles?utm=x');
      assert.equal(first.body, second.body);
      const spanish = await t.client().get('/principles', { 'accept-language': 'es' });
      assert.match(spanish.body, /<html lang="es"/);
      assert.notEqual(spanish.body, first.body);
    });

    it('never serves a stored page to someone signed in, nor stores theirs', async () => {
      await t.client().get('/');
      const person = await createPerson(t.db, { name: 'Priya Personal' });
      const signedIn = t.client();
      await signIn(t.db, signedIn, person.id);
      const mine = await signedIn.get('/');
      assert.match(mine.body, /Priya Personal/);
      assert.match(mine.body, /name="_csrf"/, 'the sign-out form carries a personal token');
      const anonymous = await t.client().get('/');
      assert.doesNotMatch(anonymous.body, /Priya Personal|name="_csrf"/);
    });

    it('renders afresh once a page\'s time is up', async () => {
      const app = await buildApp({ config: t.config, database: t.database, mailer: t.app.deps.mailer });
      let renders = 0;
      app.get('/brief', (request, reply) => sendPublicPage(request, reply, () => ((renders += 1), <p>{renders}</p>), { maxAgeMs: 40 }));
      await app.ready();
      try {
        const client = new TestClient(app);
        await client.get('/brief');
        await client.get('/brief');
        assert.equal(renders, 1, 'stored');
        await new Promise((r) => setTimeout(r, 60));
        await client.get('/brief');
        assert.equal(renders, 2, 'rendered again after its time');
      } finally {
        await app.close();
      }
    });

    it('stores one page per variant (a normalised query), and none for an oversized variant', async () => {
      const app = await buildApp({ config: t.config, database: t.database, mailer: t.app.deps.mailer });
      let renders = 0;
      app.get('/find', (request, reply) => {
        const q = String((request.query as Record<string, unknown>).q ?? '').trim().toLowerCase();
        return sendPublicPage(request, reply, () => ((renders += 1), <p>{`${q} ${renders}`}</p>), { maxAgeMs: 60_000, variant: q });
      });
      await app.ready();
      try {
        const client = new TestClient(app);
        const a = await client.get('/find?q=Lincoln');
        const b = await client.get('/find?q=lincoln&utm=x');
        assert.equal(renders, 1, 'one entry for the same normalised query');
        assert.equal(a.body, b.body);
        const other = await client.get('/find?q=parks');
        assert.equal(renders, 2, 'negative control: another query is another page');
        assert.match(other.body, /parks 2/);
        const long = `/find?q=${'x'.repeat(600)}`;
        await client.get(long);
        await client.get(long);
        assert.equal(renders, 4, 'an oversized variant is never stored');
      } finally {
        await app.close();
      }
    });

    it('renders afresh when a one-time notice is waiting', async () => {
      const person = await createPerson(t.db);
      const client = t.client();
      await signIn(t.db, client, person.id);
      const out = await client.submit('/account', {}, '/logout');
      assert.equal(out.statusCode, 303);
      const page = await client.get('/');
      assert.match(page.body, /usa-alert/, 'the "signed out" notice shows');
      assert.doesNotMatch((await t.client().get('/')).body, /usa-alert--success/, 'and is not stored for others');
    });
  });
}
