import { Feed } from 'feed';

export interface SyndicationItem {
  /** A permanent id (the item's URL or a tag: URI). */
  id: string;
  title: string;
  link: string;
  description: string;
  /** The item's date in the feed (RSS pubDate, Atom updated). */
  date: Date;
  categories?: string[];
}

export interface SyndicationFeed {
  title: string;
  description: string;
  /** The page the feed mirrors. */
  link: string;
  /** Absolute URLs of the RSS and Atom documents (self links). */
  rssUrl: string;
  atomUrl: string;
  language: string;
  updated: Date;
}

function build(meta: SyndicationFeed, items: SyndicationItem[]): Feed {
  const feed = new Feed({
    title: meta.title,
    description: meta.description,
    id: meta.link,
    link: meta.link,
    language: meta.language,
    updated: meta.updated,
    generator: 'Coalition Hub',
    copyright: '',
    feedLinks: { rss: meta.rssUrl, atom: meta.atomUrl },
  });
  for (const item of items) {
    feed.addItem({ id: item.id, title: item.title, link: item.link, description: item.description, date: item.date, category: (item.categories ?? []).map((name) => ({ name })) });
  }
  return feed;
}

/** RSS 2.0 of the items, in the order given. */
export const renderRss = (meta: SyndicationFeed, items: SyndicationItem[]): string => build(meta, items).rss2();

/** Atom 1.0 of the items, in the order given. */
export const renderAtom = (meta: SyndicationFeed, items: SyndicationItem[]): string => build(meta, items).atom1();

export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';
