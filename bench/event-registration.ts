import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { SESSION_COOKIE } from '../src/platform/http/request-context.plugin.ts';
import { ROOT, type Server } from './processes.ts';
import { freshDatabase, insertEvent, insertPool, insertTicketType, loadAverage, nationalOffice, opt, pct, peopleWithSessions, rate, startHello, startHub, PG_ADMIN_DEFAULT, type BenchDatabase } from './event-fixtures.ts';

/**
 * Never oversell, under load: ATTEMPTS registration attempts (1–4 tickets each) for SEATS seats,
 * fired over HTTP at the real API (`POST /api/v1/events/{slug}/orders`, a signed-in person's
 * session cookie and a JSON body) with IN_FLIGHT requests outstanding at any moment, then the
 * database is checked: sold == capacity, never more; sold == tickets issued == active tickets;
 * one invoice (with its own number) per confirmed paid order.
 *
 *   node --import tsx bench/event-registration.ts [--databases sqlite,postgres] [--kinds invoice,free]
 *        [--attempts 10000] [--seats 500] [--people 2000] [--in-flight 300] [--pg postgres://…/postgres]
 *
 * SQLite: one `serve` process. PostgreSQL: two `serve` processes on one database, attempts
 * alternating between them. Each database is made fresh (migrations, the national office, the
 * people and their sessions) and dropped afterwards. A warm-up round of 600 attempts at a
 * 100-seat event runs first and is not reported.
 */

type Db = Kysely<Database>;
const args = process.argv.slice(2);
const DATABASES = opt(args, 'databases', 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const KINDS = opt(args, 'kinds', 'invoice,free').split(',') as ('invoice' | 'free')[];
const ATTEMPTS = Number(opt(args, 'attempts', '10000'));
const SEATS = Number(opt(args, 'seats', '500'));
const PEOPLE = Number(opt(args, 'people', '2000'));
const IN_FLIGHT = Number(opt(args, 'in-flight', '300'));
const PG_ADMIN = opt(args, 'pg', PG_ADMIN_DEFAULT);

/** A small deterministic generator, so every run asks for the same quantities in the same order. */
function quantities(n: number, seed = 4): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return 1 + ((x >>> 16) % 4);
  });
}

interface Fired {
  created: number;
  soldOut: number;
  seatsLimited: number;
  other: Map<string, number>;
  latencies: number[];
  confirmedLatencies: number[];
  firstSoldOutMs: number;
  firstConfirmedMs: number;
  lastConfirmedMs: number;
  wallMs: number;
  invoiceNumbers: Set<string>;
  seatsConfirmed: number;
}

/** Fires every attempt with at most IN_FLIGHT outstanding, spreading them over the servers. */
async function fire(servers: Server[], slug: string, typeId: number, tokens: string[], qty: number[]): Promise<Fired> {
  const out: Fired = { created: 0, soldOut: 0, seatsLimited: 0, other: new Map(), latencies: [], confirmedLatencies: [], firstSoldOutMs: Infinity, firstConfirmedMs: Infinity, lastConfirmedMs: 0, wallMs: 0, invoiceNumbers: new Set(), seatsConfirmed: 0 };
  const count = (k: string) => out.other.set(k, (out.other.get(k) ?? 0) + 1);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < qty.length; i = next++) {
      const n = qty[i]!;
      // Person i mod PEOPLE: with the defaults each of 2,000 people makes 5 attempts.
      const token = tokens[i % tokens.length]!;
      const body = {
        items: [{ ticket_type_id: typeId, quantity: n }],
        ...(n > 1 && { attendees: Array.from({ length: n }, (_, k) => ({ name: `Guest ${i}-${k}`, email: `guest-${i}-${k}@bench.example.org` })) }),
        payment_method: 'invoice',
      };
      const t0 = performance.now();
      try {
        const res = await fetch(`${servers[i % servers.length]!.url}/api/v1/events/${slug}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        const json = (await res.json().catch(() => ({}))) as { invoice_number?: string | null; tickets?: unknown[]; error?: { code?: string } };
        const t1 = performance.now();
        out.latencies.push(t1 - t0);
        if (res.status === 201) {
          out.created++;
          out.confirmedLatencies.push(t1 - t0);
          out.seatsConfirmed += json.tickets?.length ?? 0;
          if (json.invoice_number) out.invoiceNumbers.add(json.invoice_number);
          out.firstConfirmedMs = Math.min(out.firstConfirmedMs, t1 - started);
          out.lastConfirmedMs = Math.max(out.lastConfirmedMs, t1 - started);
        } else if (res.status === 409 && json.error?.code === 'sold_out') {
          out.soldOut++;
          out.firstSoldOutMs = Math.min(out.firstSoldOutMs, t1 - started);
        }
        else if (res.status === 409 && json.error?.code === 'seats_limited') out.seatsLimited++;
        else count(`${res.status} ${json.error?.code ?? ''}`.trim());
      } catch (err) {
        count(`network: ${(err as Error).name}`);
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  out.wallMs = performance.now() - started;
  out.latencies.sort((a, b) => a - b);
  out.confirmedLatencies.sort((a, b) => a - b);
  return out;
}

/** What the database says after the storm. */
async function audit(db: Db, eventId: number, poolId: number) {
  const pool = await db.selectFrom('capacity_pools').select(['capacity', 'sold']).where('id', '=', poolId).executeTakeFirstOrThrow();
  const n = async (q: Promise<{ n: unknown } | undefined>) => Number((await q)?.n ?? 0);
  const activeTickets = await n(db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).where('event_id', '=', eventId).where('status', '=', 'active').executeTakeFirst());
  const allTickets = await n(db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).where('event_id', '=', eventId).executeTakeFirst());
  // One ticket per seat: the seats confirmed orders hold are their active tickets.
  const seatsOfConfirmed = await n(
    db.selectFrom('tickets').innerJoin('event_orders', 'event_orders.id', 'tickets.order_id').select((eb) => eb.fn.countAll().as('n')).where('tickets.event_id', '=', eventId).where('tickets.status', '=', 'active').where('event_orders.status', '=', 'confirmed').executeTakeFirst(),
  );
  const orders = await db.selectFrom('event_orders').select(['status', (eb) => eb.fn.countAll().as('n')]).where('event_id', '=', eventId).groupBy('status').execute();
  const confirmed = Number(orders.find((o) => o.status === 'confirmed')?.n ?? 0);
  const invoices = await n(db.selectFrom('invoices').select((eb) => eb.fn.countAll().as('n')).where('purpose', '=', 'event').where('purpose_id', 'in', db.selectFrom('event_orders').select('id').where('event_id', '=', eventId)).executeTakeFirst());
  const distinctNumbers = await n(db.selectFrom('invoices').select(sql<number>`COUNT(DISTINCT number)`.as('n')).where('purpose', '=', 'event').executeTakeFirst());
  const jobs = await db.selectFrom('jobs').select(['kind', 'state', (eb) => eb.fn.countAll().as('n')]).groupBy(['kind', 'state']).execute();
  return { capacity: pool.capacity, sold: pool.sold, activeTickets, allTickets, seatsOfConfirmed, orders: Object.fromEntries(orders.map((o) => [o.status, Number(o.n)])), confirmed, invoices, distinctNumbers, jobs: jobs.map((j) => `${j.kind}/${j.state}: ${Number(j.n)}`) };
}

/** A first, unreported round at a small event, so the measured one does not pay for the servers' JIT warm-up. */
async function warmUp(db: Db, servers: Server[], organiserId: number, tokens: string[]) {
  const event = await insertEvent(db, organiserId, { slug: `bench-warm-up-${Date.now()}`, title: 'Warm-up' });
  const typeId = await insertTicketType(db, event.id, await insertPool(db, event.id, 100), { name: 'Warm-up', priceCents: 1000, maxPerOrder: 4 }, 0);
  const f = await fire(servers, event.slug, typeId, tokens, quantities(Math.min(ATTEMPTS, 600), 99));
  console.log(`warm-up: ${f.created} orders, ${f.soldOut + f.seatsLimited} refused, ${[...f.other.values()].reduce((s, x) => s + x, 0)} errors in ${Math.round(f.wallMs)} ms`);
}

async function runOne(bdb: BenchDatabase, kind: 'invoice' | 'free', tokens: string[], servers: Server[], organiserId: number, lines: string[], report: unknown[]) {
  const db = bdb.handle.db;
  const slug = `bench-${kind}-${Date.now()}`;
  const event = await insertEvent(db, organiserId, { slug, title: kind === 'free' ? 'Bench movie night (free)' : 'Bench Fall Forum (invoice)', kind: kind === 'free' ? 'fundraiser' : 'conference' });
  const poolId = await insertPool(db, event.id, SEATS);
  const typeId = await insertTicketType(db, event.id, poolId, { name: kind === 'free' ? 'Free seat' : 'Full Forum', priceCents: kind === 'free' ? 0 : 39_500, maxPerOrder: 4 }, 0);
  const qty = quantities(ATTEMPTS);
  const load = loadAverage();
  const f = await fire(servers, slug, typeId, tokens, qty);
  const a = await audit(db, event.id, poolId);
  const oversold = Math.max(0, a.sold - a.capacity, a.activeTickets - a.capacity);
  const errors = [...f.other.values()].reduce((s, x) => s + x, 0);
  const checks = {
    exactlyCapacitySold: a.sold === SEATS,
    noOversell: oversold === 0,
    soldEqualsTickets: a.sold === a.activeTickets && a.activeTickets === a.allTickets && a.seatsOfConfirmed === a.activeTickets,
    confirmedEqualsCreated: a.confirmed === f.created && f.seatsConfirmed === a.activeTickets,
    invoicesMatch: kind === 'free' ? a.invoices === 0 : a.invoices === a.confirmed && f.invoiceNumbers.size === a.confirmed && a.distinctNumbers >= a.invoices,
    noErrors: errors === 0,
  };
  const ok = Object.values(checks).every(Boolean);
  const sellOutS = f.lastConfirmedMs / 1000;
  const row = {
    database: `${bdb.name} (${servers.length} serve process${servers.length > 1 ? 'es' : ''})`,
    kind,
    loadAverageBefore: load,
    attempts: ATTEMPTS,
    seats: SEATS,
    inFlight: IN_FLIGHT,
    wallS: +(f.wallMs / 1000).toFixed(2),
    attemptsPerS: Math.round(ATTEMPTS / (f.wallMs / 1000)),
    confirmed: f.created,
    confirmedPerS: +(f.created / sellOutS).toFixed(1),
    sellOutS: +sellOutS.toFixed(2),
    soldOut: f.soldOut,
    seatsLimited: f.seatsLimited,
    errors,
    errorKinds: Object.fromEntries(f.other),
    p50Ms: Math.round(pct(f.latencies, 50)),
    p99Ms: Math.round(pct(f.latencies, 99)),
    confirmedP50Ms: Math.round(pct(f.confirmedLatencies, 50)),
    confirmedP99Ms: Math.round(pct(f.confirmedLatencies, 99)),
    firstSoldOutS: Number.isFinite(f.firstSoldOutMs) ? +(f.firstSoldOutMs / 1000).toFixed(2) : null,
    audit: { ...a, oversold },
    checks,
    ok,
  };
  report.push(row);
  console.log(JSON.stringify(row));
  lines.push(
    `| ${row.database} | ${kind} | ${load} | ${row.wallS} | ${row.attemptsPerS} | ${f.created} (${row.confirmedPerS}/s: last confirmed at ${row.sellOutS} s, first sold-out answer at ${row.firstSoldOutS} s) | ${f.soldOut} + ${f.seatsLimited} | ${errors} | ${a.sold} / ${a.activeTickets} / ${kind === 'free' ? '—' : a.invoices} | ${oversold} | ${row.p50Ms} / ${row.p99Ms} | ${row.confirmedP50Ms} / ${row.confirmedP99Ms} | ${ok ? 'yes' : '**NO**'} |`,
  );
  return ok;
}

async function main() {
  const lines = [
    `Attempts ${ATTEMPTS.toLocaleString('en-US')} (1–4 tickets each, same sequence every run) for ${SEATS} seats; ${PEOPLE.toLocaleString('en-US')} people; ${IN_FLIGHT} requests in flight.`,
    '',
    '| Database | Payment | Load avg before | Wall s | Attempts/s | Confirmed orders | Refused (sold out + too few left) | Errors | Sold / active tickets / invoices | Oversold | All: p50 / p99 ms | Confirmed: p50 / p99 ms | All checks |',
    '| --- | --- | --- | ---: | ---: | --- | ---: | ---: | --- | ---: | --- | --- | --- |',
  ];
  const report: unknown[] = [];
  let allOk = true;
  const hello = await startHello();
  const h = await rate(hello.url, 50, 5);
  await hello.stop();
  const header = `Hello-world in the same run: ${h.rps.toLocaleString('en-US')} req/s at 50 connections (5 s); load average ${loadAverage()}.`;
  console.log(header);
  for (const kind of DATABASES) {
    const bdb = await freshDatabase(kind, 'reg', PG_ADMIN);
    const servers: Server[] = [];
    try {
      const organiserId = await nationalOffice(bdb.handle.db);
      const t0 = performance.now();
      const tokens = await peopleWithSessions(bdb.handle.db, PEOPLE);
      console.log(`${bdb.name}: ${PEOPLE} people and sessions in ${Math.round(performance.now() - t0)} ms`);
      // Migrations ran above, so the servers start without racing each other to migrate.
      for (let i = 0; i < (kind === 'postgres' ? 2 : 1); i++) servers.push(await startHub(bdb.env));
      await warmUp(bdb.handle.db, servers, organiserId, tokens);
      for (const k of KINDS) allOk = (await runOne(bdb, k, tokens, servers, organiserId, lines, report)) && allOk;
    } finally {
      for (const s of servers) await s.stop();
      await bdb.handle.destroy();
      await bdb.drop();
    }
  }
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `event-registration-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), hello: h, report }, null, 2));
  console.log(`\n${header}\n\n${lines.join('\n')}\n\nWrote ${path.relative(ROOT, file)}`);
  if (!allOk) process.exitCode = 1;
}

await main();
