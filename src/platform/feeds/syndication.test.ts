import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Parser from 'rss-parser';
import { renderAtom, renderRss, type SyndicationFeed } from './syndication.ts';

const meta: SyndicationFeed = { title: 'Events <&>', description: 'All of them', link: 'https://hub.test/events', rssUrl: 'https://hub.test/events.rss', atomUrl: 'https://hub.test/events.atom', language: 'es', updated: new Date('2026-05-01T00:00:00Z') };
const items = [
  { id: 'https://hub.test/events/b', title: 'B & <b>', link: 'https://hub.test/events/b', description: 'Second <script>', date: new Date('2026-04-02T00:00:00Z'), categories: ['Forum'] },
  { id: 'https://hub.test/events/a', title: 'A', link: 'https://hub.test/events/a', description: 'First', date: new Date('2026-04-01T00:00:00Z') },
];

describe('RSS 2.0 and Atom', () => {
  it('are read back by rss-parser, in the given order, with escaped text', async () => {
    const parser = new Parser();
    for (const body of [renderRss(meta, items), renderAtom(meta, items)]) {
      const feed = await parser.parseString(body);
      assert.equal(feed.title, 'Events <&>');
      assert.deepEqual(feed.items.map((i) => i.link), ['https://hub.test/events/b', 'https://hub.test/events/a']);
      assert.equal(feed.items[0]!.title, 'B & <b>');
      assert.equal(new Date(feed.items[1]!.isoDate!).toISOString(), '2026-04-01T00:00:00.000Z');
    }
  });
});
