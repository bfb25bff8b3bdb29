import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { SESSION_COOKIE } from '../src/platform/http/request-context.plugin.ts';
import { startSession } from '../src/platform/auth/sessions.ts';
import { seedDemo } from '../src/db/seeds/demo.ts';
import { ROOT, type Server } from './processes.ts';
import { freshDatabase, loadAverage, opt, pct, rate, startHello, startHub, PG_ADMIN_DEFAULT } from './event-fixtures.ts';

/**
 * A school's self-assessment page under load, against a bare Fastify hello-world in the same run
 * (hello-world first and last; ratios against the mean of the two).
 *
 *   node --import tsx bench/assessment-page.ts [--databases sqlite,postgres] [--duration 10] [--fresh 40]
 *
 * Each database is made fresh and given the whole demo. Fifty school leaders (copies of the demo's
 * Mission Hill leader, each with their own session) load the school's cycles at 50 connections:
 * the draft they are rating (every benchmark's rating form, evidence and upload forms) and last
 * year's reviewed cycle (both ratings side by side). The page is private and personal, so it is
 * never in the public page store; repeat views by the same browser of an unchanged cycle are served
 * from the private page store (see src/platform/http/private-page-cache.ts), and who the session
 * belongs to and the cycle's head row from memory until they change (src/db/changes.ts), so a
 * repeat view asks nothing of the database. Like browsers, the
 * leaders keep the CSRF cookie their first page set and accept gzip. Fresh renders: the
 * draft is changed (a rating saved) before each of FRESH single requests, so every answer is a
 * first render.
 */

const args = process.argv.slice(2);
const DATABASES = opt(args, 'databases', 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const SECONDS = Number(opt(args, 'duration', '10'));
const FRESH = Number(opt(args, 'fresh', '40'));
const PG_ADMIN = opt(args, 'pg', PG_ADMIN_DEFAULT);
const LEADERS = 50;

async function main() {
  const lines: string[] = [];
  const report: unknown[] = [];
  for (const kind of DATABASES) {
    const bdb = await freshDatabase(kind, 'assessment', PG_ADMIN);
    let hello: Server | undefined;
    let hub: Server | undefined;
    try {
      const db = bdb.handle.db;
      await seedDemo(db);
      const leader = await db.selectFrom('people').select('id').where('email', '=', 'leader@demo.coalition.invalid').executeTakeFirstOrThrow();
      const role = await db.selectFrom('roles').selectAll().where('person_id', '=', leader.id).where('role', '=', 'school_leader').executeTakeFirstOrThrow();
      const cycles = await db.selectFrom('assessment_cycles').select(['id', 'status', 'school_year']).where('school_id', '=', role.organisation_id).orderBy('school_year', 'desc').execute();
      const draft = cycles.find((c) => c.status === 'draft');
      const reviewed = cycles.find((c) => c.status === 'reviewed');
      if (!draft || !reviewed) throw new Error('the demo should give the leader a draft and a reviewed cycle');
      // Fifty leaders of the same school, each with a session: fifty people viewing, not one.
      const now = new Date().toISOString();
      const cookies: string[] = [];
      for (let i = 0; i < LEADERS; i++) {
        const p = await db.insertInto('people').values({ email: `bench-leader-${i}@bench.example.org`, name: `Bench Leader ${i}`, locale: 'en', password_hash: null, email_verified_at: now, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('roles').values({ person_id: p.id, organisation_id: role.organisation_id, role: 'school_leader', title: null, created_at: now }).execute();
        cookies.push(`${SESSION_COOKIE}=${await startSession(db, p.id, { days: 1, userAgent: 'coalition-bench-assessment' })}`);
      }
      hello = await startHello();
      hub = await startHub(bdb.env);
      const load = loadAverage();
      const draftUrl = `${hub.url}/assessment/${draft.id}`;
      const reviewedUrl = `${hub.url}/assessment/${reviewed.id}`;
      // Like a browser, each leader keeps the CSRF cookie their first page set (and asks for gzip).
      for (let i = 0; i < LEADERS; i++) {
        const res = await fetch(draftUrl, { headers: { cookie: cookies[i]! } });
        if (res.status !== 200) throw new Error(`${draftUrl} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        const csrf = res.headers.getSetCookie().find((c) => c.startsWith('_csrf='))?.split(';')[0];
        if (csrf) cookies[i] = `${cookies[i]}; ${csrf}`;
      }
      // Each of the 50 connections is a different leader with their own session.
      const asLeaders = async (url: string) => {
        let next = 0;
        const r = await autocannon({ url, connections: LEADERS, duration: SECONDS, timeout: 10, setupClient: (client) => client.setHeaders({ cookie: cookies[next++ % LEADERS]!, 'accept-encoding': 'gzip, deflate, br' }) });
        return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts };
      };
      await rate(draftUrl, 10, 2, { cookie: cookies[0]! });
      await rate(reviewedUrl, 10, 2, { cookie: cookies[0]! });
      const h1 = await rate(hello.url, 50, SECONDS);
      const draftPage = await asLeaders(draftUrl);
      const reviewedPage = await asLeaders(reviewedUrl);
      // For comparison, a signed-in request that does one database round trip: /healthz identifies
      // the person (from memory after the first request) and pings the database.
      const signedInFloor = await asLeaders(`${hub.url}/healthz`);
      const h2 = await rate(hello.url, 50, SECONDS);
      const base = (h1.rps + h2.rps) / 2;

      // Fresh renders: the cycle changes before every request (raising its revision is what every
      // save does besides its own write).
      const fresh: number[] = [];
      for (let i = 0; i < FRESH + 10; i++) {
        await db.updateTable('assessment_cycles').set((eb) => ({ revision: eb('revision', '+', 1) })).where('id', '=', draft.id).execute();
        const t0 = performance.now();
        const res = await fetch(draftUrl, { headers: { cookie: cookies[i % LEADERS]! } });
        await res.arrayBuffer(); // fetch asks for gzip and decompresses, as a browser does
        if (res.status !== 200) throw new Error(`fresh render answered ${res.status}`);
        if (i >= 10) fresh.push(performance.now() - t0);
      }
      fresh.sort((a, b) => a - b);
      const after = loadAverage();
      const row = {
        database: bdb.name,
        loadAverageBefore: load,
        loadAverageAfter: after,
        seconds: SECONDS,
        hello: [h1, h2],
        draftPage: { ...draftPage, ratio: draftPage.rps / base },
        reviewedPage: { ...reviewedPage, ratio: reviewedPage.rps / base },
        signedInFloor: { ...signedInFloor, ratio: signedInFloor.rps / base },
        freshDraftMs: { p50: pct(fresh, 50), p95: pct(fresh, 95), max: fresh.at(-1) },
      };
      report.push(row);
      console.log(JSON.stringify(row));
      const pc = (r: number) => `${(r * 100).toFixed(1)}%`;
      lines.push(
        `${bdb.name}: load average ${load} before, ${after} after; hello-world ${h1.rps.toLocaleString('en-US')} / ${h2.rps.toLocaleString('en-US')} req/s (first / last), ${SECONDS} s runs at 50 connections.`,
        '',
        '| Page (50 connections, signed in) | req/s | vs hello-world | p50 ms | p99 ms | non-2xx/errors |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        `| /assessment/<draft> (rating forms) | ${draftPage.rps.toLocaleString('en-US')} | ${pc(row.draftPage.ratio)} | ${draftPage.p50} | ${draftPage.p99} | ${draftPage.bad} |`,
        `| /assessment/<reviewed> (side by side) | ${reviewedPage.rps.toLocaleString('en-US')} | ${pc(row.reviewedPage.ratio)} | ${reviewedPage.p50} | ${reviewedPage.p99} | ${reviewedPage.bad} |`,
        `| /healthz signed in (the person known, one database ping) | ${signedInFloor.rps.toLocaleString('en-US')} | ${pc(row.signedInFloor.ratio)} | ${signedInFloor.p50} | ${signedInFloor.p99} | ${signedInFloor.bad} |`,
        '',
        `Fresh renders after a change, one at a time, client-side wall time: p50 ${row.freshDraftMs.p50.toFixed(1)} ms, p95 ${row.freshDraftMs.p95.toFixed(1)} ms, max ${row.freshDraftMs.max!.toFixed(1)} ms (${FRESH} requests).`,
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
  const file = path.join(dir, `assessment-page-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), report }, null, 2));
  console.log(`\n${lines.join('\n')}\nWrote ${path.relative(ROOT, file)}`);
}

await main();
