import type { DatabaseChanges, Watch } from '../../db/changes.ts';

export interface ReadCacheOptions {
  /** The tables the cached values are read from; a committed change to any of them drops them all. */
  watches: Watch[];
  maxEntries: number;
  /** A bound on age, whatever happens: the changes feed is the rule, this the backstop. */
  maxAgeMs: number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Values read from the database, kept in this process until a watched table changes (see
 * DatabaseChanges). For the reads every request makes and that rarely change: who a session
 * belongs to, a cycle's head row. A read that raced a change is not kept: `generation` moves on
 * every reset, and a value read under an older one is returned but never stored.
 */
export class ReadCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private generation = 0;

  constructor(
    private readonly changes: DatabaseChanges,
    private readonly options: ReadCacheOptions,
  ) {
    changes.subscribe(options.watches, () => this.reset());
  }

  async read(key: K, load: () => Promise<V>): Promise<V> {
    if (this.changes.trusted()) {
      const hit = this.entries.get(key);
      if (hit && hit.expiresAt > Date.now()) return hit.value;
    }
    const generation = this.generation;
    const value = await load();
    // trusted() first: on SQLite it is what notices another connection's commit during the load.
    // Absence is not kept: unknown keys (a guessed cookie) must not push out real ones.
    if (value != null && this.changes.trusted(true) && generation === this.generation) this.store(key, value);
    return value;
  }

  reset() {
    this.generation++;
    this.entries.clear();
  }

  private store(key: K, value: V) {
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, expiresAt: Date.now() + this.options.maxAgeMs });
  }
}

const caches = new WeakMap<DatabaseChanges, Map<string, ReadCache<unknown, unknown>>>();

/** The named cache for one database (tests run several databases in one process). */
export function readCacheFor<K, V>(changes: DatabaseChanges, name: string, options: ReadCacheOptions): ReadCache<K, V> {
  let named = caches.get(changes);
  if (!named) caches.set(changes, (named = new Map()));
  let cache = named.get(name);
  if (!cache) named.set(name, (cache = new ReadCache(changes, options)));
  return cache as ReadCache<K, V>;
}
