import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { migrations } from '../../src/db/migrations/index.ts';

/** The admin connection for creating per-test PostgreSQL databases. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The dialects this run covers: set by test/run.ts from what the machine has. */
export function testDialects(): DialectName[] {
  const list = (process.env.DIALECTS ?? 'sqlite').split(',').map((s) => s.trim()).filter(Boolean);
  return list.filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');
}

export interface TestDatabase extends DatabaseHandle {
  /** The URL (PostgreSQL) or file (SQLite) — for starting a second process against the same data. */
  location: { databaseUrl?: string; sqlitePath: string };
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file. SQLite: a file in a temp folder. PostgreSQL: a new
 * database cloned from a migrated template (made once per schema version), so files never share
 * state and each costs milliseconds, not a full migration.
 */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  if (dialect === 'sqlite') {
    const sqlitePath = path.join(dataDir, 'test.sqlite');
    const handle = openDatabase({ sqlitePath });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      location: { sqlitePath },
      dataDir,
      drop: async () => {
        await handle.destroy();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const template = await ensureTemplate();
  const name = `hub_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const databaseUrl = withDatabaseName(PG_ADMIN_URL, name);
  const handle = openDatabase({ databaseUrl, sqlitePath: '' , poolSize: 5 });
  return {
    ...handle,
    location: { databaseUrl, sqlitePath: '' },
    dataDir,
    drop: async () => {
      await handle.destroy();
      await withAdmin(async (c) => {
        // pg's pool.end() resolves before its connections have actually closed; forcing the drop
        // while they close kills them mid-way, and the pool reports that as an uncaught error.
        // So wait (briefly) for them to go, and only then force whatever is left.
        for (let i = 0; i < 40; i++) {
          const open = await c.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1', [name]);
          if (!open.rowCount) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function ensureTemplate(): Promise<string> {
  const version = createHash('sha256')
    .update(Object.keys(migrations).join(','))
    .update(fs.readdirSync(path.resolve('src/db/migrations')).map((f) => fs.readFileSync(path.resolve('src/db/migrations', f))).join(''))
    .digest('hex')
    .slice(0, 12);
  const template = `hub_template_${version}`;
  await withAdmin(async (c) => {
    // Test files run in parallel processes: one builds the template while the others wait.
    await c.query('SELECT pg_advisory_lock(424242)');
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return;
      const building = `${template}_building`;
      await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${building}`);
      const handle = openDatabase({ databaseUrl: withDatabaseName(PG_ADMIN_URL, building), sqlitePath: '', poolSize: 1 });
      await migrateToLatest(handle.db);
      await handle.destroy();
      await c.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(424242)');
    }
  });
  return template;
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Whether PostgreSQL answers at the admin URL (used by the runner to decide what to cover). */
export async function postgresReachable(): Promise<boolean> {
  try {
    await withAdmin((c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}
