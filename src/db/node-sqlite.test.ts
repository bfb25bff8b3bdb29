import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { openSqlite } from './node-sqlite.ts';

describe('node:sqlite adapter for Kysely', () => {
  const { db: raw, kysely } = openSqlite(':memory:');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: kysely }) });

  it('turns on foreign keys', async () => {
    const { rows } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
    assert.equal(rows[0]?.foreign_keys, 1);
  });

  it('binds booleans, dates and undefined (node:sqlite itself refuses undefined, and booleans before Node 24)', async () => {
    await sql`CREATE TABLE t (id INTEGER PRIMARY KEY, flag BOOLEAN, at TEXT, note TEXT)`.execute(db);
    const when = new Date('2026-01-02T03:04:05.000Z');
    await db.insertInto('t').values({ flag: true, at: when, note: undefined }).execute();
    const row = await db.selectFrom('t').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { id: 1, flag: 1, at: when.toISOString(), note: null });
    assert.throws(() => raw.prepare('SELECT ? AS x').all(undefined as never), 'negative control: raw node:sqlite refuses undefined');
  });

  it('returns rows from INSERT … RETURNING and counts from UPDATE', async () => {
    const inserted = await db.insertInto('t').values({ flag: false }).returning('id').executeTakeFirstOrThrow();
    assert.equal(inserted.id, 2);
    const updated = await db.updateTable('t').set({ note: 'x' }).executeTakeFirstOrThrow();
    assert.equal(Number(updated.numUpdatedRows), 2);
  });

  it('runs transactions and rolls them back on error', async () => {
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ note: 'lost' }).execute();
        throw new Error('boom');
      }),
    );
    const lost = await db.selectFrom('t').select('id').where('note', '=', 'lost').execute();
    assert.equal(lost.length, 0);
  });
});
