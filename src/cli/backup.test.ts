import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../test/helpers/database.ts';
import { generateNetwork } from '../../bench/generate.ts';
import { backupSqlite, defaultBackupFile } from './backup.service.ts';
import { createCliTarget, runCli, type CliTarget } from './testing/cli-harness.ts';

/**
 * A second connection that keeps writing, like the running server: each step inserts a person and
 * their role in one transaction, so any consistent snapshot has exactly as many roles as people.
 */
function startWriter(file: string, organisationId: number) {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA busy_timeout = 5000');
  let written = 0;
  let running = true;
  const person = db.prepare("INSERT INTO people (email, name, created_at, updated_at) VALUES (?, 'Live Writer', '2026-01-01', '2026-01-01') RETURNING id");
  const role = db.prepare("INSERT INTO roles (person_id, organisation_id, role, created_at) VALUES (?, ?, 'school_staff', '2026-01-01')");
  const loop = () => {
    if (!running) return;
    db.exec('BEGIN IMMEDIATE');
    const { id } = person.get(`live-${written}@example.org`) as { id: number };
    role.run(id, organisationId);
    db.exec('COMMIT');
    written += 1;
    setImmediate(loop);
  };
  setImmediate(loop);
  return {
    get written() {
      return written;
    },
    stop() {
      running = false;
      db.close();
    },
    db,
  };
}

function countIn(file: string, table: string): number {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return Number(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()!.n);
  } finally {
    db.close();
  }
}

describe('backup of a live SQLite database', () => {
  let t: CliTarget;
  let file: string;
  let orgId: number;
  before(async () => {
    t = await createCliTarget('sqlite');
    file = path.join(t.dataDir, 'coalition.sqlite');
    await generateNetwork(t.db, { scale: 'small', seed: 7 });
    orgId = (await t.db.selectFrom('organisations').select('id').where('kind', '=', 'school').executeTakeFirstOrThrow()).id;
    // 20 MB of ballast, so the copy takes long enough (~100 ms) for the writer to commit meanwhile.
    t.sqlite!.exec('CREATE TABLE ballast (b BLOB); BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) INSERT INTO ballast SELECT randomblob(4000) FROM n; COMMIT;');
  });
  after(() => t.close());

  it('copies a consistent snapshot that passes integrity_check while writes continue', async () => {
    const writer = startWriter(file, orgId);
    try {
      await new Promise((r) => setTimeout(r, 50));
      const writtenBefore = writer.written;
      const target = path.join(t.dataDir, 'backups', 'live.sqlite');
      const report = await backupSqlite(t.sqlite!, target);
      const writtenAfter = writer.written;
      assert.ok(writtenBefore > 0, 'the writer was busy before the backup began');
      assert.ok(writtenAfter > writtenBefore, 'and committed more while the backup ran');

      assert.deepEqual(report.integrity, ['ok']);
      const people = countIn(target, 'people');
      const roles = countIn(target, 'roles');
      assert.equal(people, roles, 'a consistent snapshot: every person copied has their role');
      assert.ok(people >= 2000 + writtenBefore && people <= 2000 + writtenAfter, `copy holds ${people - 2000} of the live writes`);
      assert.equal(report.counts.people, people);
      assert.equal(report.counts.organisations, 500);
      assert.ok(!fs.existsSync(`${target}.partial`));
      assert.ok(!fs.existsSync(`${target}-wal`), 'the copy is one self-contained file');
    } finally {
      writer.stop();
    }
  });

  it('negative control: copying the file itself misses rows that still sit in the WAL', () => {
    const writer = new DatabaseSync(file);
    writer.exec('PRAGMA wal_autocheckpoint = 0'); // keep new commits in the -wal file, as a busy server often does
    writer.exec("INSERT INTO people (email, name, created_at, updated_at) VALUES ('in-wal@example.org', 'In WAL', '2026-01-01', '2026-01-01')");
    const naive = path.join(t.dataDir, 'naive-copy.sqlite');
    fs.copyFileSync(file, naive);
    const live = Number(writer.prepare('SELECT count(*) AS n FROM people').get()!.n);
    writer.close();
    assert.ok(countIn(naive, 'people') < live, 'the plain copy lost committed rows');
  });

  it('coalition backup: writes the default file, prints the check and row counts, refuses to overwrite', async () => {
    const run = await runCli(['backup'], { env: t.env });
    assert.equal(run.code, 0, run.stderr);
    const written = /to (\S+\.sqlite) \(/.exec(run.stdout)?.[1];
    assert.ok(written && written.startsWith(path.join(t.dataDir, 'backups', 'coalition-')), run.stdout);
    assert.ok(fs.existsSync(written));
    assert.match(run.stdout, /Integrity check: ok/);
    assert.match(run.stdout, /organisations\s+500/);
    assert.match(run.stdout, /people\s+\d{1},\d{3}/);

    const again = await runCli(['backup', '--to', written], { env: t.env });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists; choose another --to/);
    assert.match(defaultBackupFile('/data', new Date('2026-11-22T10:54:00.123Z')), /\/data\/backups\/coalition-2026-11-22T10-54-00-123Z\.sqlite$/);
  });

  it('refuses to back up a database that is not there (instead of creating an empty one)', async () => {
    const run = await runCli(['backup'], { env: { DATA_DIR: path.join(t.dataDir, 'nowhere') } });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /No database at .*nowhere\/coalition\.sqlite/);
    assert.ok(!fs.existsSync(path.join(t.dataDir, 'nowhere', 'coalition.sqlite')));
  });
});

if (testDialects().includes('postgres')) {
  describe('backup on PostgreSQL', () => {
    let t: CliTarget;
    before(async () => {
      t = await createCliTarget('postgres');
    });
    after(() => t.close());

    it('explains pg_dump and pg_restore without --to', async () => {
      const run = await runCli(['backup'], { env: t.env });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /pg_dump --format=custom/);
      assert.match(run.stdout, /pg_restore/);
    });

    it('runs pg_dump with --to when it is installed', async (ctx) => {
      const target = path.join(t.dataDir, 'hub.dump');
      const run = await runCli(['backup', '--to', target], { env: t.env });
      assert.equal(run.code, 0, run.stderr);
      if (/pg_dump is not on PATH/.test(run.stdout)) return ctx.skip('pg_dump is not installed here');
      assert.match(run.stdout, /pg_dump custom format/);
      assert.equal(fs.readFileSync(target).subarray(0, 5).toString(), 'PGDMP');
    });
  });
} else {
  it('backup on PostgreSQL', { skip: 'PostgreSQL is not in DIALECTS (not reachable on this machine)' }, () => {});
}
