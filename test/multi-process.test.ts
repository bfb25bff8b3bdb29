import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testDialects, type TestDatabase } from './helpers/database.ts';
import { createOrganisation } from './factories/organisations.ts';
import { createPerson } from './factories/people.ts';
import { startSession } from '../src/platform/auth/sessions.ts';

// App processes keep no state of their own, so several can serve one PostgreSQL behind a load
// balancer. This starts two real `coalition serve` processes on one database and moves a visitor
// between them mid-task.

const enabled = testDialects().includes('postgres');

async function startProcess(db: TestDatabase, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: db.location.databaseUrl, DATA_DIR: db.dataDir, LOG_LEVEL: 'warn', BASE_URL: `http://localhost:${port}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`process on port ${port} did not start`);
}

describe('two app processes on one PostgreSQL', { skip: enabled ? false : 'PostgreSQL not in this run' }, () => {
  let db: TestDatabase;
  let a: ChildProcess;
  let b: ChildProcess;
  const portA = 3400 + (process.pid % 200);
  const portB = portA + 200;

  before(async () => {
    db = await createTestDatabase('postgres');
    [a, b] = await Promise.all([startProcess(db, portA), startProcess(db, portB)]);
  });
  after(async () => {
    a?.kill('SIGTERM');
    b?.kill('SIGTERM');
    await db.drop();
  });

  it('share sign-ins and accept each other\'s forms (same session store, same cookie secret)', async () => {
    const school = await createOrganisation(db.db, { kind: 'school' });
    const person = await createPerson(db.db, { name: 'Roaming Leader', roles: [['school_leader', school.id]] });
    const session = `hub_session=${await startSession(db.db, person.id, { days: 1 })}`;

    const pageOnA = await fetch(`http://127.0.0.1:${portA}/`, { headers: { cookie: session } });
    const html = await pageOnA.text();
    assert.match(html, /Roaming Leader/, 'process A knows the person');
    const csrfCookie = pageOnA.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(token);

    const onB = await fetch(`http://127.0.0.1:${portB}/`, { headers: { cookie: session } });
    assert.match(await onB.text(), /Roaming Leader/, 'process B knows the same person');

    // A form rendered by A is accepted by B: the CSRF secret comes from the shared database.
    const logout = await fetch(`http://127.0.0.1:${portB}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `${session}; ${csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token }).toString(),
    });
    assert.equal(logout.status, 303);
    const afterOnA = await fetch(`http://127.0.0.1:${portA}/`, { headers: { cookie: session } });
    assert.doesNotMatch(await afterOnA.text(), /Roaming Leader/, 'signing out on B signs out on A too');
  });

  it('stops gracefully on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => a.once('exit', (code) => resolve(code)));
    a.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
