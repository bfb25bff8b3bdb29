import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Callback = (err: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A @fastify/rate-limit store that counts in the database, so a limit (say ten sign-in attempts)
 * holds across all app processes behind a load balancer rather than per process. Written here
 * because the package ships only memory and Redis stores, and we keep no Redis.
 *
 * One upsert per counted request: it starts a new window when the old one has ended, otherwise
 * adds one, atomically on both SQLite and PostgreSQL.
 */
export function databaseRateLimitStore(db: Kysely<Database>) {
  class DatabaseStore implements FastifyRateLimitStore {
    private readonly prefix: string;
    /** The plugin constructs the store with its options; children pass the route's key prefix. */
    constructor(_options?: unknown, prefix = 'global') {
      this.prefix = prefix;
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const now = Date.now();
      const fullKey = `${this.prefix}|${key}`.slice(0, 400);
      const expired = sql<boolean>`rate_limits.expires_ms <= ${now}`;
      db.insertInto('rate_limits')
        .values({ key: fullKey, hits: 1, expires_ms: now + timeWindow })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            hits: sql`CASE WHEN ${expired} THEN 1 ELSE rate_limits.hits + 1 END`,
            expires_ms: sql`CASE WHEN ${expired} THEN ${now + timeWindow} ELSE rate_limits.expires_ms END`,
          }),
        )
        .returning(['hits', 'expires_ms'])
        .executeTakeFirstOrThrow()
        .then(
          (row) => cb(null, { current: Number(row.hits), ttl: Math.max(0, Number(row.expires_ms) - now) }),
          (err: Error) => cb(err),
        );
    }

    /** One store per limited route, so each route counts on its own. */
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): DatabaseStore {
      // At run time the plugin passes its merged options with the route under `routeInfo`.
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: string } }).routeInfo ?? routeOptions;
      return new DatabaseStore(undefined, route?.url ? `${String(route.method)} ${route.url}` : this.prefix);
    }
  }
  return DatabaseStore;
}

/** Deletes counters whose window has ended (run now and then; they are tiny and harmless meanwhile). */
export function deleteExpiredRateLimits(db: Kysely<Database>, now = Date.now()) {
  return db.deleteFrom('rate_limits').where('expires_ms', '<=', now).execute();
}
