import os from 'node:os';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connection.ts';
import { startSession } from '../src/platform/auth/sessions.ts';
import { SESSION_COOKIE } from '../src/platform/http/request-context.plugin.ts';
import { freePort, rssMiB, startServer, watchRss, type Server } from './processes.ts';
import packageJson from '../package.json' with { type: 'json' };

/** The Node flags `npm start` and `coalition serve` run the hub with (see scripts/hub.sh). */
const SHIPPED_SERVE_NODE_OPTIONS = packageJson.coalition.serveNodeOptions;

/**
 * The load benchmark: the real `coalition serve` and a bare Fastify hello-world, each in its own
 * child process, measured with autocannon over loopback in the same run, so every page's rate can
 * be read as a fraction of what Fastify itself does on this machine.
 */

export interface LoadOptions {
  durationSec: number;
  warmupSec: number;
  connections: number[];
  startupRuns: number;
  /** Node flags for the hub's process (NODE_OPTIONS), to try GC settings; defaults to the shipped ones. */
  nodeOptions?: string;
  /** Which pages to measure (hello-world always runs): home, principles, directory, organisation. */
  pages?: string[];
}

export interface Measurement {
  target: string;
  connections: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** A public page, held to the ≥ 10 % of hello-world and p99 < 50 ms target. */
  public: boolean;
  /** Requests per second as a fraction of hello-world's at the same concurrency. */
  ratio?: number;
  peakRssMiB?: number;
}

export interface LoadReport {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string; loadAverageBefore: number[]; loadAverageAfter: number[] };
  database: { dialect: string; dataset: unknown; organisations: number; people: number };
  options: LoadOptions;
  skipped: { target: string; status: number }[];
  measurements: Measurement[];
  memory: { idleRssMiB?: number; peakRssMiBAt50?: number };
  startup: { runsMs: number[]; medianMs: number; viaBinCoalitionMs?: number[] };
  targets: { name: string; met: boolean; detail: string }[];
}

interface Target {
  key: string;
  name: string;
  server: 'hello' | 'app';
  path: string;
  headers?: Record<string, string>;
  /** Public pages are held to the ≥ 10 % / p99 < 50 ms target. */
  public: boolean;
}

const HELLO = 'hello-world /';
const HELLO_AGAIN = 'hello-world / (again, at the end)';

/** Hello-world's requests/s at a concurrency: the mean of its runs so far. */
function helloRate(measurements: Measurement[], connections: number): number | undefined {
  const runs = measurements.filter((m) => (m.target === HELLO || m.target === HELLO_AGAIN) && m.connections === connections);
  return runs.length ? runs.reduce((sum, m) => sum + m.requestsPerSec, 0) / runs.length : undefined;
}

/** Runs the whole benchmark against the database the environment points at. */
export async function runLoadBenchmark(opts: LoadOptions, log: (line: string) => void): Promise<LoadReport> {
  const loadAverageBefore = os.loadavg().map((x) => round2(x));
  const config = loadConfig();
  const fixtures = await prepareFixtures(config);
  try {
    return await measure(opts, log, fixtures, loadAverageBefore);
  } finally {
    await fixtures.cleanup();
  }
}

async function measure(opts: LoadOptions, log: (line: string) => void, fixtures: Fixtures, loadAverageBefore: number[]): Promise<LoadReport> {
  log(`Database: ${fixtures.dialect}, ${fixtures.organisations.toLocaleString('en-US')} organisations, ${fixtures.people.toLocaleString('en-US')} people`);

  const childEnv = (port: number): NodeJS.ProcessEnv => ({ ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' });
  const appEnv = (port: number): NodeJS.ProcessEnv => ({ ...childEnv(port), NODE_OPTIONS: opts.nodeOptions ?? SHIPPED_SERVE_NODE_OPTIONS });
  const helloPort = await freePort();
  const hello = await startServer(process.execPath, ['--import', 'tsx', 'bench/hello-world.ts'], { env: childEnv(helloPort), port: helloPort, readyPath: '/' });
  const appPort = await freePort();
  let app: Server | undefined;
  const measurements: Measurement[] = [];
  const skipped: LoadReport['skipped'] = [];
  let idleRss: number | undefined;
  try {
    app = await startServer(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], { env: appEnv(appPort), port: appPort, readyPath: '/healthz' });
    idleRss = rssMiB(app.pid);
    const targets: Target[] = [
      { key: 'hello', name: HELLO, server: 'hello', path: '/', public: false },
      { key: 'home', name: '/', server: 'app', path: '/', public: true },
      { key: 'principles', name: '/principles', server: 'app', path: '/principles', public: true },
      { key: 'directory', name: '/directory/<school>', server: 'app', path: `/directory/${fixtures.schoolSlug}`, public: true },
      {
        key: 'organisation',
        name: '/organisations/<school> (signed-in leader)',
        server: 'app',
        path: `/organisations/${fixtures.schoolSlug}`,
        headers: { cookie: `${SESSION_COOKIE}=${fixtures.sessionToken}` },
        public: false,
      },
    ];
    // Hello-world runs first and again last: other work on the machine shifts both sides, and the
    // ratio is taken against the mean of the two.
    const chosen = targets.filter((x) => x.key === 'hello' || !opts.pages || opts.pages.includes(x.key));
    for (const target of [...chosen, { ...targets[0]!, name: HELLO_AGAIN }]) {
      const server = target.server === 'hello' ? hello : app;
      const url = server.url + target.path;
      const status = await fetch(url, { headers: target.headers, redirect: 'manual' }).then((r) => r.status, () => 0);
      if (status !== 200) {
        log(`skip ${target.name}: answers ${status}, not 200`);
        skipped.push({ target: target.name, status });
        continue;
      }
      if (opts.warmupSec > 0) await cannon(url, target.headers, 10, opts.warmupSec);
      for (const connections of opts.connections) {
        const watch = connections >= 50 ? watchRss(server.pid) : undefined;
        const r = await cannon(url, target.headers, connections, opts.durationSec);
        const peak = watch?.stop();
        const m: Measurement = {
          target: target.name,
          connections,
          requestsPerSec: Math.round(r.requests.average),
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          meanMs: round2(r.latency.average),
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
          public: target.public,
          ...(peak !== undefined && target.server === 'app' && { peakRssMiB: Math.round(peak) }),
        };
        const base = helloRate(measurements, connections);
        if (base && target.server === 'app') m.ratio = m.requestsPerSec / base;
        measurements.push(m);
        log(`${target.name} @${connections}: ${m.requestsPerSec} req/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, mean ${m.meanMs} ms${m.ratio ? `, ${(m.ratio * 100).toFixed(1)}% of hello-world` : ''}${m.peakRssMiB ? `, peak RSS ${m.peakRssMiB} MiB` : ''}`);
      }
    }
  } finally {
    await app?.stop();
    await hello.stop();
  }

  // Start-up is measured with nothing else running, as an operator restarting the hub would see it.
  const runsMs: number[] = [];
  for (let i = 0; i < opts.startupRuns; i++) {
    const port = await freePort();
    const s = await startServer(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], { env: appEnv(port), port, readyPath: '/healthz' });
    runsMs.push(Math.round(s.readyMs));
    await s.stop();
  }
  log(`serve → first 200 on /healthz: ${runsMs.join(', ')} ms`);
  const viaBin: number[] = [];
  for (let i = 0; i < Math.min(3, opts.startupRuns); i++) {
    const port = await freePort();
    const s = await startServer('sh', ['bin/coalition', 'serve'], { env: appEnv(port), port, readyPath: '/healthz' });
    viaBin.push(Math.round(s.readyMs));
    await s.stop();
  }
  log(`bin/coalition serve → first 200: ${viaBin.join(', ')} ms`);

  // Now that hello-world has run twice, every page's ratio is against the mean of both runs.
  for (const m of measurements) {
    const base = helloRate(measurements, m.connections);
    if (m.ratio !== undefined && base) m.ratio = m.requestsPerSec / base;
  }
  const peakRss = Math.max(...measurements.map((m) => m.peakRssMiB ?? 0));
  const report: LoadReport = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverageBefore, loadAverageAfter: os.loadavg().map((x) => round2(x)) },
    database: { dialect: fixtures.dialect, dataset: fixtures.dataset, organisations: fixtures.organisations, people: fixtures.people },
    options: opts,
    skipped,
    measurements,
    memory: { idleRssMiB: idleRss && Math.round(idleRss), peakRssMiBAt50: peakRss || undefined },
    startup: { runsMs, medianMs: median(runsMs), viaBinCoalitionMs: viaBin },
    targets: [],
  };
  report.targets = judge(report);
  return report;
}

function cannon(url: string, headers: Record<string, string> | undefined, connections: number, duration: number) {
  return autocannon({ url, connections, duration, headers, timeout: 10 });
}

type Fixtures = Awaited<ReturnType<typeof prepareFixtures>>;

/** A session for a generated school leader, and the school whose private page they may see. */
async function prepareFixtures(config: ReturnType<typeof loadConfig>) {
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: 2 });
  const db = database.db;
  const count = async (table: 'organisations' | 'people') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  // A school from the middle of the table, not the first row a scan would find.
  const middle = Math.floor((await count('organisations')) / 2);
  const school = await db.selectFrom('organisations').select(['id', 'slug']).where('kind', '=', 'school').where('id', '>=', middle).orderBy('id').limit(1).executeTakeFirst();
  const leader = school
    ? await db.selectFrom('roles').select('person_id').where('organisation_id', '=', school.id).where('role', '=', 'school_leader').limit(1).executeTakeFirst()
    : undefined;
  if (!school || !leader) {
    await database.destroy();
    throw new Error('No school leader in this database: run `sh scripts/hub.sh bench generate --scale national` first.');
  }
  const token = await startSession(db, leader.person_id, { days: 1, userAgent: 'coalition-bench' });
  const setting = await db.selectFrom('settings').select('value').where('key', '=', 'bench.generated').executeTakeFirst();
  return {
    dialect: database.dialect,
    dataset: setting ? (JSON.parse(setting.value) as unknown) : 'not generated by bench (no bench.generated setting)',
    organisations: await count('organisations'),
    people: await count('people'),
    schoolSlug: school.slug,
    sessionToken: token,
    cleanup: async () => {
      await db.deleteFrom('sessions').where('user_agent', '=', 'coalition-bench').execute();
      await database.destroy();
    },
  };
}

/** The issue's targets, each with whether this run met it. */
function judge(r: LoadReport): LoadReport['targets'] {
  const out: LoadReport['targets'] = [];
  const publicAt50 = r.measurements.filter((m) => m.connections === 50 && m.public);
  for (const m of publicAt50) {
    const ratioOk = (m.ratio ?? 0) >= 0.1;
    const p99Ok = m.p99Ms < 50;
    out.push({ name: `${m.target} at 50 connections: ≥ 10% of hello-world, p99 < 50 ms`, met: ratioOk && p99Ok, detail: `${((m.ratio ?? 0) * 100).toFixed(1)}%, p99 ${m.p99Ms} ms` });
  }
  for (const s of r.skipped) out.push({ name: `${s.target}`, met: false, detail: `not measured: answers ${s.status}` });
  const peak = r.memory.peakRssMiBAt50;
  out.push({ name: 'server RSS under 50-connection load < 250 MB', met: peak !== undefined && peak * 1.048576 < 250, detail: peak ? `peak ${peak} MiB (${Math.round(peak * 1.048576)} MB)` : 'not sampled' });
  if (r.startup.runsMs.length) {
    out.push({ name: 'coalition serve → first 200 < 2 s', met: r.startup.medianMs < 2000, detail: `median ${r.startup.medianMs} ms of ${r.startup.runsMs.length}` });
  }
  return out;
}

/** The report as Markdown, for the terminal and docs/benchmarks.md. */
export function toMarkdown(r: LoadReport): string {
  const lines = [
    `Machine: ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.platform}`,
    `Database: ${r.database.dialect}, ${r.database.organisations.toLocaleString('en-US')} organisations, ${r.database.people.toLocaleString('en-US')} people (${JSON.stringify(r.database.dataset)})`,
    `Date: ${r.date}; ${r.options.durationSec} s per run after a ${r.options.warmupSec} s warm-up; load average before ${r.machine.loadAverageBefore.join(' ')}, after ${r.machine.loadAverageAfter.join(' ')}` +
      `; hub run with NODE_OPTIONS="${r.options.nodeOptions ?? SHIPPED_SERVE_NODE_OPTIONS}"`,
    '',
    '| Page | Connections | Requests/s | p50 (ms) | p99 (ms) | mean (ms) | vs hello-world | Non-2xx | Peak RSS (MiB) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.measurements.map(
      (m) =>
        `| ${m.target} | ${m.connections} | ${m.requestsPerSec.toLocaleString('en-US')} | ${m.p50Ms} | ${m.p99Ms} | ${m.meanMs} | ${m.ratio === undefined ? '—' : `${(m.ratio * 100).toFixed(1)}%`} | ${m.non2xx + m.errors + m.timeouts} | ${m.peakRssMiB ?? '—'} |`,
    ),
    '',
    `Idle RSS after start: ${r.memory.idleRssMiB ?? '?'} MiB. ` +
      (r.startup.runsMs.length
        ? `Start-up (serve → first 200 on /healthz): median ${r.startup.medianMs} ms (runs: ${r.startup.runsMs.join(', ')} ms; via bin/coalition: ${r.startup.viaBinCoalitionMs?.join(', ') || '—'} ms).`
        : 'Start-up not measured.'),
    '',
    '| Target | Met | Measured |',
    '| --- | --- | --- |',
    ...r.targets.map((t) => `| ${t.name} | ${t.met ? 'yes' : '**no**'} | ${t.detail} |`),
  ];
  return lines.join('\n');
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}
