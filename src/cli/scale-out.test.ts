import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../test/helpers/database.ts';
import { freePort, startServer, type Server } from '../../bench/processes.ts';
import { seedDemoNetwork } from '../db/seeds/demo-network.ts';
import { DEMO_PASSWORD } from '../db/seeds/demo-network.data.ts';
import { createCliTarget, type CliTarget } from './testing/cli-harness.ts';

// docs/deploy.md promises that app processes are stateless: two `coalition serve` processes on one
// PostgreSQL must behave as one site to a browser whose requests land on either at random.

/** A browser's cookie jar over fetch, enough for signed cookies and sessions. */
class Browser {
  private readonly jar = new Map<string, string>();
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body: init.form && new URLSearchParams(init.form).toString(),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attrs.some((a) => /^\s*max-age=0$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value.join('=') === '') this.jar.delete(name!.trim());
      else this.jar.set(name!.trim(), value.join('='));
    }
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  }
  async csrf(url: string): Promise<string> {
    const page = await this.request(url);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(token, `a form with a CSRF token at ${url} (status ${page.status})`);
    return token;
  }
  has(cookie: string) {
    return this.jar.has(cookie);
  }
  cookie(name: string) {
    return this.jar.get(name);
  }
}

if (testDialects().includes('postgres')) {
  describe('two app processes against one PostgreSQL', () => {
    let t: CliTarget;
    let a: Server;
    let b: Server;
    before(async () => {
      t = await createCliTarget('postgres');
      await seedDemoNetwork(t.db);
      const env = (port: number) => ({ PATH: process.env.PATH ?? '', ...t.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' });
      const [portA, portB] = [await freePort(), await freePort()];
      // Both boot at once, so both race to create the shared cookie secret.
      [a, b] = await Promise.all([
        startServer(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], { env: env(portA), port: portA, readyPath: '/healthz' }),
        startServer(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], { env: env(portB), port: portB, readyPath: '/healthz' }),
      ]);
    });
    after(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await t.close();
    });

    it('share sign-ins, form tokens and sign-outs as if they were one server', async () => {
      const browser = new Browser();
      // The sign-in form comes from A and is posted to B: B must accept A's CSRF token.
      const token = await browser.csrf(`${a.url}/login`);
      const signIn = await browser.request(`${b.url}/login`, { method: 'POST', form: { email: 'leader@demo.coalition.invalid', password: DEMO_PASSWORD, _csrf: token } });
      assert.equal(signIn.status, 303, signIn.body.slice(0, 500));
      assert.ok(browser.has('hub_session'));

      // A recognises the session B started.
      const account = await browser.request(`${a.url}/account`);
      assert.equal(account.status, 200);
      assert.match(account.body, /Sofia Ramirez/);

      // Sign out on A with a token from B; B no longer knows the session, even from a copy of the
      // cookie kept elsewhere (the browser itself drops it).
      const copied = `hub_session=${browser.cookie('hub_session')}`;
      const onB = async () => (await fetch(`${b.url}/account`, { headers: { cookie: copied }, redirect: 'manual' })).status;
      assert.equal(await onB(), 200, 'negative control: B knows the session (and keeps it in memory) before the sign-out');
      const logoutToken = await browser.csrf(`${b.url}/account`);
      const signOut = await browser.request(`${a.url}/logout`, { method: 'POST', form: { _csrf: logoutToken } });
      assert.equal(signOut.status, 303);
      assert.notEqual((await browser.request(`${b.url}/account`)).status, 200);
      // B drops what it kept when PostgreSQL delivers the sign-out's notice: milliseconds after
      // A's commit, so allow it a moment.
      let status = await onB();
      for (let i = 0; i < 50 && status === 200; i++) {
        await new Promise((r) => setTimeout(r, 20));
        status = await onB();
      }
      assert.notEqual(status, 200, 'the copied cookie is refused on B');

      const secrets = await t.db.selectFrom('settings').select('value').where('key', '=', 'cookie_secret').execute();
      assert.equal(secrets.length, 1, 'one cookie secret, shared');
    });

    it('negative control: a form token from a process with a different secret is refused', async () => {
      const port = await freePort();
      const other = await startServer(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
        env: { PATH: process.env.PATH ?? '', ...t.env, COOKIE_SECRET: 'a-different-secret-of-at-least-32-characters', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
        port,
        readyPath: '/healthz',
      });
      try {
        const browser = new Browser();
        const token = await browser.csrf(`${other.url}/login`);
        const res = await browser.request(`${a.url}/login`, { method: 'POST', form: { email: 'leader@demo.coalition.invalid', password: DEMO_PASSWORD, _csrf: token } });
        assert.equal(res.status, 403);
      } finally {
        await other.stop();
      }
    });
  });
} else {
  it('two app processes against one PostgreSQL', { skip: 'PostgreSQL is not in DIALECTS (not reachable on this machine)' }, () => {});
}
