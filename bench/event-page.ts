import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, EventKind } from '../src/db/schema.ts';
import { SESSION_COOKIE } from '../src/platform/http/request-context.plugin.ts';
import { OTHER_EVENTS } from '../src/modules/events/events-demo.data.ts';
import { ROOT, type Server } from './processes.ts';
import { freshDatabase, insertEvent, insertFallForum, insertPool, insertTicketType, loadAverage, nationalOffice, opt, pct, peopleWithSessions, rate, startHello, startHub, PG_ADMIN_DEFAULT } from './event-fixtures.ts';

/**
 * The public event page and calendar under load, against a bare Fastify hello-world in the same
 * run (hello-world first and last; ratios against the mean of the two).
 *
 *   node --import tsx bench/event-page.ts [--databases sqlite,postgres] [--duration 10] [--fresh 40]
 *
 * Each database is made fresh: migrations, the national office, a Fall-Forum-like event (the demo's
 * six ticket types, an add-on pool, its tags) and the demo's other convenings, so /events lists a
 * dozen events. Measured at 50 connections for signed-out visitors: /events/fall-forum and /events
 * (both served from the 30-second public-page store after their first render), then the event
 * page for a signed-in person (rendered every time: seats left, their orders, member price).
 * Fresh renders: FRESH copies of the Fall Forum are added while the server runs and each is asked
 * for once, one at a time, after ten warm-up copies — every answer is a first, uncached render;
 * likewise FRESH different /events searches.
 */

type Db = Kysely<Database>;
const args = process.argv.slice(2);
const DATABASES = opt(args, 'databases', 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const SECONDS = Number(opt(args, 'duration', '10'));
const FRESH = Number(opt(args, 'fresh', '40'));
const PG_ADMIN = opt(args, 'pg', PG_ADMIN_DEFAULT);

async function convenings(db: Db, organiserId: number) {
  await insertFallForum(db, organiserId, 'fall-forum');
  for (const e of OTHER_EVENTS) {
    // Some of the demo's events are past; keep their sign but spread them over the months around now.
    const event = await insertEvent(db, organiserId, { slug: e.slug, title: e.title, kind: e.kind as EventKind, inDays: e.inDays, days: e.days, tags: e.tags, summary: e.summary, description: e.description });
    const pool = await insertPool(db, event.id, e.capacity);
    for (const [k, t] of e.tickets.entries()) await insertTicketType(db, event.id, pool, { name: t.name, priceCents: Math.round(t.priceDollars * 100), memberDiscount: t.memberDiscount }, k);
  }
}

/** Wall time of one GET, each to a URL the server has not rendered before. */
async function firstRenders(urls: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const url of urls) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

const WORDS = ['forum', 'exhibitions', 'students', 'equity', 'teachers', 'assessment', 'movie', 'night', 'workshop', 'advisory', 'mathematics', 'families', 'leaders', 'network', 'portfolio', 'inquiry', 'denver', 'online', 'school', 'principle'];
const KINDS = ['', 'conference', 'forum', 'workshop', 'fundraiser'];

async function main() {
  const lines: string[] = [];
  const report: unknown[] = [];
  for (const kind of DATABASES) {
    const bdb = await freshDatabase(kind, 'page', PG_ADMIN);
    let hello: Server | undefined;
    let hub: Server | undefined;
    try {
      const db = bdb.handle.db;
      const organiserId = await nationalOffice(db);
      await convenings(db, organiserId);
      const [token] = await peopleWithSessions(db, 1);
      hello = await startHello();
      hub = await startHub(bdb.env);
      const load = loadAverage();
      for (const p of ['/events/fall-forum', '/events']) {
        const res = await fetch(hub.url + p);
        if (res.status !== 200) throw new Error(`${p} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      }
      // Warm-up: JIT and the store, at the same concurrency.
      await rate(`${hub.url}/events/fall-forum`, 10, 2);
      await rate(`${hub.url}/events`, 10, 2);
      await rate(`${hub.url}/events/fall-forum`, 10, 2, { cookie: `${SESSION_COOKIE}=${token}` });
      const h1 = await rate(hello.url, 50, SECONDS);
      const page = await rate(`${hub.url}/events/fall-forum`, 50, SECONDS);
      const list = await rate(`${hub.url}/events`, 50, SECONDS);
      const signedIn = await rate(`${hub.url}/events/fall-forum`, 50, SECONDS, { cookie: `${SESSION_COOKIE}=${token}` });
      const h2 = await rate(hello.url, 50, SECONDS);
      const base = (h1.rps + h2.rps) / 2;

      for (let i = 0; i < FRESH + 10; i++) await insertFallForum(db, organiserId, `fall-forum-copy-${i}`, `Fall Forum copy ${i}`);
      await firstRenders(Array.from({ length: 10 }, (_, i) => `${hub!.url}/events/fall-forum-copy-${i}`));
      const freshPage = await firstRenders(Array.from({ length: FRESH }, (_, i) => `${hub!.url}/events/fall-forum-copy-${i + 10}`));
      const searches = Array.from({ length: FRESH + 10 }, (_, i) => `${hub!.url}/events?q=${WORDS[i % WORDS.length]}${KINDS[Math.floor(i / WORDS.length) % KINDS.length] ? `&kind=${KINDS[Math.floor(i / WORDS.length) % KINDS.length]}` : ''}`);
      await firstRenders(searches.slice(0, 10));
      const freshList = await firstRenders(searches.slice(10));
      const after = loadAverage();

      const row = {
        database: bdb.name,
        loadAverageBefore: load,
        loadAverageAfter: after,
        seconds: SECONDS,
        hello: [h1, h2],
        eventPage: { ...page, ratio: page.rps / base },
        eventsList: { ...list, ratio: list.rps / base },
        eventPageSignedIn: { ...signedIn, ratio: signedIn.rps / base },
        freshEventPageMs: { p50: pct(freshPage, 50), p95: pct(freshPage, 95), max: freshPage.at(-1) },
        freshEventsSearchMs: { p50: pct(freshList, 50), p95: pct(freshList, 95), max: freshList.at(-1) },
      };
      report.push(row);
      console.log(JSON.stringify(row));
      const pc = (r: number) => `${(r * 100).toFixed(1)}%`;
      lines.push(
        `${bdb.name}: load average ${load} before, ${after} after; hello-world ${h1.rps.toLocaleString('en-US')} / ${h2.rps.toLocaleString('en-US')} req/s (first / last), ${SECONDS} s runs at 50 connections.`,
        '',
        '| Page (50 connections) | req/s | vs hello-world | p50 ms | p99 ms | non-2xx/errors |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        `| /events/fall-forum, signed out (stored page) | ${page.rps.toLocaleString('en-US')} | ${pc(row.eventPage.ratio)} | ${page.p50} | ${page.p99} | ${page.bad} |`,
        `| /events, signed out (stored page) | ${list.rps.toLocaleString('en-US')} | ${pc(row.eventsList.ratio)} | ${list.p50} | ${list.p99} | ${list.bad} |`,
        `| /events/fall-forum, signed in (rendered every time) | ${signedIn.rps.toLocaleString('en-US')} | ${pc(row.eventPageSignedIn.ratio)} | ${signedIn.p50} | ${signedIn.p99} | ${signedIn.bad} |`,
        '',
        `Fresh (first, uncached) renders, one at a time, client-side wall time: event page p50 ${row.freshEventPageMs.p50.toFixed(1)} ms, p95 ${row.freshEventPageMs.p95.toFixed(1)} ms, max ${row.freshEventPageMs.max!.toFixed(1)} ms (${FRESH} Fall Forum copies); /events searches p50 ${row.freshEventsSearchMs.p50.toFixed(1)} ms, p95 ${row.freshEventsSearchMs.p95.toFixed(1)} ms (${FRESH} different queries).`,
        '',
      );
    } finally {
      await hub?.stop();
      await hello?.stop();
      await bdb.handle.destroy();
      await bdb.drop();
    }
  }
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `event-page-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), report }, null, 2));
  console.log(`\n${lines.join('\n')}\nWrote ${path.relative(ROOT, file)}`);
}

await main();
