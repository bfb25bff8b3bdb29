import { createTestApp } from '../test/helpers/app.ts';
import { seedDemo } from '../src/db/seeds/demo.ts';
import { signIn } from '../test/factories/people.ts';
const t = await createTestApp((process.env.D ?? 'sqlite') as 'sqlite');
await seedDemo(t.db);
const leader = await t.db.selectFrom('people').select('id').where('email', '=', 'leader@demo.coalition.invalid').executeTakeFirstOrThrow();
const c = t.client();
await signIn(t.db, c, leader.id);
const mh = (await t.db.selectFrom('assessment_cycles').selectAll().execute()).filter((x) => x.status === 'draft');
const url = `/assessment/${mh[0]!.id}`;
await c.get(url); await c.get(url);
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect();
await s.post('Profiler.enable'); await s.post('Profiler.start');
for (let i = 0; i < 3000; i++) await c.get(url);
const { profile } = await s.post('Profiler.stop') as any;
// self time by function
const self = new Map<string, number>();
const dt = profile.timeDeltas as number[]; const samples = profile.samples as number[];
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const counts = new Map<number, number>();
for (let i = 0; i < samples.length; i++) counts.set(samples[i], (counts.get(samples[i]) ?? 0) + (dt[i] ?? 0));
for (const [id, us] of counts) { const n: any = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + us); }
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / total * 100).toFixed(1).padStart(5), k);
await t.close();
