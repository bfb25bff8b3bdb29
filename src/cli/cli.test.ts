import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCliTarget, runCli, type CliTarget } from './testing/cli-harness.ts';

const COMMANDS: string[][] = [['serve'], ['migrate'], ['seed', '--demo'], ['create-admin', '--email', 'a@example.org', '--name', 'A'], ['backup'], ['generate', '--scale', 'small']];

describe('coalition: configuration errors', () => {
  it('every command: a bad PORT gives one clear message on stderr and exit code 2', async () => {
    // Run side by side: each is a whole Node process, and they share nothing.
    const runs = await Promise.all(COMMANDS.map((command) => runCli(command, { env: { PORT: 'not-a-port', DATA_DIR: '/nonexistent/never-created' } })));
    runs.forEach((run, i) => {
      const name = COMMANDS[i]!.join(' ');
      assert.equal(run.code, 2, name);
      assert.equal(run.stderr, 'Invalid configuration:\n  PORT: Invalid input: expected number, received NaN\nSee .env.example.\n', name);
      assert.equal(run.stdout, '', name);
    });
  });

  it('names every bad variable in the same message', async () => {
    const run = await runCli(['migrate'], { env: { PORT: '99999', DATABASE_URL: 'mysql://db/hub', LOG_LEVEL: 'loud' } });
    assert.equal(run.code, 2);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines[0], 'Invalid configuration:');
    assert.deepEqual(lines.slice(1, -1).map((l) => l.trim().split(':')[0]).sort(), ['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
});

describe('coalition seed', () => {
  let t: CliTarget;
  before(async () => {
    t = await createCliTarget('sqlite');
  });
  after(() => t.close());

  it('needs --demo, loads the demo network once, and refuses a second time politely unless --force', async () => {
    const bare = await runCli(['seed'], { env: t.env });
    assert.equal(bare.code, 1);
    assert.match(bare.stderr, /coalition seed --demo/);

    const first = await runCli(['seed', '--demo'], { env: t.env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Demo network: added 345 organisations, 64 people and 64 roles, with their memberships and center spaces\./);
    assert.match(first.stdout, /admin@demo\.coalition\.invalid +network admin/);
    assert.match(first.stdout, /password for all: demo-password-2026/);

    const second = await runCli(['seed', '--demo'], { env: t.env });
    assert.equal(second.code, 1);
    assert.match(second.stderr, /already holds 345 organisations, so the demo network was not loaded/);

    const forced = await runCli(['seed', '--demo', '--force'], { env: t.env });
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /added 0 organisations, 0 people and 0 roles/);
    const people = await t.db.selectFrom('people').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(people.n), 64);
  });
});

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('coalition serve --demo', () => {
  let t: CliTarget;
  before(async () => {
    t = await createCliTarget('sqlite');
  });
  after(() => t.close());

  it('seeds the empty database, logs the demo sign-ins, answers /healthz and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--demo'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', ...t.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      let status = 0;
      for (let i = 0; i < 300 && status !== 200; i++) {
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
        if (status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(status, 200, out);
      assert.match(out, /Loaded the demo network/);
      assert.match(out, /leader@demo\.coalition\.invalid/);
      assert.match(out, /password for all: demo-password-2026/);
      const orgs = await t.db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(orgs.n), 345);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, out);
  });
});
