import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import type { DatabaseChanges } from '../../db/changes.ts';
import { ReadCache } from './read-cache.ts';

/** A stand-in for the changes feed: resets on demand, trusted or not as the test says. */
function fakeChanges() {
  const resets: (() => void)[] = [];
  const feed = {
    isTrusted: true,
    subscribe: (_watches: unknown, reset: () => void) => (resets.push(reset), () => undefined),
    trusted: () => feed.isTrusted,
    change: () => resets.forEach((r) => r()),
  };
  return feed;
}

const options = { watches: [{ table: 'people' as const }], maxEntries: 3, maxAgeMs: 1_000 };

describe('ReadCache', () => {
  it('answers repeat reads from memory until a watched change, then reads again', async () => {
    const feed = fakeChanges();
    const cache = new ReadCache<string, string>(feed as unknown as DatabaseChanges, options);
    let loads = 0;
    const load = async () => `value ${++loads}`;
    assert.equal(await cache.read('a', load), 'value 1');
    assert.equal(await cache.read('a', load), 'value 1');
    feed.change();
    assert.equal(await cache.read('a', load), 'value 2');
  });

  it('does not keep a value read while a change landed (the read may have seen the old rows)', async () => {
    const feed = fakeChanges();
    const cache = new ReadCache<string, string>(feed as unknown as DatabaseChanges, options);
    let release!: () => void;
    const slow = cache.read('a', () => new Promise<string>((resolve) => (release = () => resolve('old'))));
    feed.change(); // a write commits while the read is in flight
    release();
    assert.equal(await slow, 'old', 'the caller still gets what was read');
    assert.equal(await cache.read('a', async () => 'new'), 'new', 'but it was not kept');
  });

  it('negative control: without a change in flight the same read is kept', async () => {
    const feed = fakeChanges();
    const cache = new ReadCache<string, string>(feed as unknown as DatabaseChanges, options);
    let release!: () => void;
    const slow = cache.read('a', () => new Promise<string>((resolve) => (release = () => resolve('old'))));
    release();
    await slow;
    assert.equal(await cache.read('a', async () => 'new'), 'old');
  });

  it('neither answers nor keeps anything while the feed cannot be trusted', async () => {
    const feed = fakeChanges();
    const cache = new ReadCache<string, string>(feed as unknown as DatabaseChanges, options);
    await cache.read('a', async () => 'kept before');
    feed.isTrusted = false;
    assert.equal(await cache.read('a', async () => 'from the database'), 'from the database');
    await cache.read('b', async () => 'not kept');
    feed.isTrusted = true;
    assert.equal(await cache.read('b', async () => 'read again'), 'read again');
  });

  it('keeps no absent values, forgets the oldest beyond its size and everything past its age', async () => {
    const feed = fakeChanges();
    const cache = new ReadCache<string, string | null>(feed as unknown as DatabaseChanges, options);
    let nullLoads = 0;
    await cache.read('guessed', async () => (nullLoads++, null));
    await cache.read('guessed', async () => (nullLoads++, null));
    assert.equal(nullLoads, 2, 'an unknown key is asked of the database every time');

    for (const k of ['a', 'b', 'c', 'd']) await cache.read(k, async () => k);
    assert.equal(await cache.read('a', async () => 'a again'), 'a again', 'the oldest of four went (three fit)');
    assert.equal(await cache.read('d', async () => 'd again'), 'd');

    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      await cache.read('e', async () => 'e');
      mock.timers.tick(1_001);
      assert.equal(await cache.read('e', async () => 'e later'), 'e later');
    } finally {
      mock.timers.reset();
    }
  });
});
