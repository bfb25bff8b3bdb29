import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Framework } from '../../db/schema.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { notFound, unauthenticated } from '../../platform/errors.ts';
import type { BenchmarkLevels, Named } from '../assessment/assessment-rollup.service.ts';
import { canViewCycle } from '../assessment/assessment.policy.ts';
import { getCycleView, refOfCycle, showsCoachTo } from '../assessment/assessment.service.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { FocusQuery, FocusResponse, LevelsQuery, LevelsResponse, OverCyclesQuery, OverCyclesResponse, WhatHelpsParams, WhatHelpsResponse } from './improvement-api.schemas.ts';
import { rollupScope, type RollupScope } from './improvement.policy.ts';
import { coachingFocusRollup, levelsRollup, overCyclesRollup } from './improvement.service.ts';
import { percent } from './rollup-tables.ts';
import { reasonOf } from './what-helps-reason.ts';
import { whatHelps, type HelpItem } from './what-helps.service.ts';
import type { WeakBenchmark } from '../assessment/weakest-benchmarks.ts';

const tags = ['improvement'];
const security = [{ bearer: [] }];
const errors = { 400: ApiError, 401: ApiError, 404: ApiError };

async function signedIn(request: FastifyRequest) {
  if (!request.principal) throw unauthenticated();
}

/**
 * The roll-ups are for those who support schools. Checked before the query is validated, so that
 * anyone else gets the same 404 whatever they send (a 400 would tell them the endpoint is theirs).
 */
async function withScope(request: FastifyRequest) {
  await signedIn(request);
  if (!rollupScope(request.principal)) throw notFound();
}

const scopeOf = (request: FastifyRequest): RollupScope => rollupScope(request.principal)!;
const frameworkRef = (f: Framework | null) => (f ? { id: f.id, slug: f.slug, name: f.name } : null);
const atLevels = (levels: Named[], b: BenchmarkLevels) => levels.map((l, i) => ({ level_key: l.key, schools: b.counts[i] ?? 0, percent: percent(b.counts[i] ?? 0, b.total) }));

function helpItem(t: FastifyRequest['t'], b: WeakBenchmark, item: HelpItem) {
  const reason = reasonOf(t, b, item);
  if (item.kind === 'coaching') {
    const c = item.center;
    return { kind: item.kind, reason, center: { id: c.centerId, slug: c.centerSlug, name: c.centerName, own: item.ownCenter, schools: c.schools }, coaches: c.coaches.map((p) => ({ id: p.id, name: p.name })) };
  }
  if (item.kind === 'session') {
    const s = item.session;
    return { kind: item.kind, reason, id: s.id, title: s.title, starts_at: s.starts_at, event: { slug: s.event_slug, title: s.event_title } };
  }
  return { kind: item.kind, reason, slug: item.event.slug, title: item.event.title, starts_at: item.event.starts_at };
}

/**
 * /api/v1/improvement: the network roll-ups of the /improvement page (same filters, same scope:
 * admins the network, center staff their centers, anyone else 404), and a cycle's "what helps".
 */
export async function registerImprovementApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  api.get(
    '/api/v1/improvement/levels',
    {
      preValidation: withScope,
      schema: {
        tags,
        summary: 'Schools at each level per benchmark',
        description:
          'How many schools rated each benchmark at each level in one school year, by their own ratings (frozen at submission) or their coaches\' (frozen when the review is finished). Network admins see the whole network, center directors and coaches their own centers; anyone else gets 404. No school is named.',
        security,
        querystring: LevelsQuery,
        response: { 200: LevelsResponse, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const r = await levelsRollup(db, scopeOf(request), { framework: q.framework, year: q.school_year, source: q.source, center: q.center });
      const d = r.distribution;
      return {
        framework: frameworkRef(r.framework),
        school_year: d?.schoolYear ?? null,
        source: r.source,
        center: r.center,
        levels: d?.levels ?? [],
        benchmarks: (d?.benchmarks ?? []).map((b) => ({ key: b.key, name: b.name, total: b.total, levels: atLevels(d!.levels, b) })),
      };
    },
  );

  api.get(
    '/api/v1/improvement/levels/over-cycles',
    {
      preValidation: withScope,
      schema: {
        tags,
        summary: 'Levels per benchmark over the school years',
        description: 'The same counts as `/levels`, for every school year (oldest first): how each benchmark, or the one asked for, moved over cycles. Same access as `/levels`.',
        security,
        querystring: OverCyclesQuery,
        response: { 200: OverCyclesResponse, ...errors },
      },
    },
    async (request) => {
      const r = await overCyclesRollup(db, scopeOf(request), request.query);
      const o = r.overCycles;
      const benchmarks = (o?.benchmarks ?? []).filter((b) => r.benchmark === null || b.key === r.benchmark);
      return {
        framework: frameworkRef(r.framework),
        source: r.source,
        center: r.center,
        years: o?.years ?? [],
        levels: o?.levels ?? [],
        benchmarks: benchmarks.map((b) => ({ key: b.key, name: b.name, by_year: b.byYear.map((y, i) => ({ school_year: o!.years[i]!, total: y.total, levels: atLevels(o!.levels, y) })) })),
      };
    },
  );

  api.get(
    '/api/v1/improvement/coaching-focus',
    {
      preValidation: withScope,
      schema: {
        tags,
        summary: 'Where coaching concentrates',
        description:
          'Per focus benchmark, in one school year (1 July to 30 June): the active engagements focused on it whose dates overlap the year (paused and closed ones are not counted; one without an end date runs on), and the minutes of their sessions held in the year, most engagements first. Same access as `/levels`.',
        security,
        querystring: FocusQuery,
        response: { 200: FocusResponse, ...errors },
      },
    },
    async (request) => {
      const r = await coachingFocusRollup(db, scopeOf(request), { center: request.query.center, year: request.query.school_year });
      return { center: r.center, school_year: r.schoolYear, data: r.concentration.map((c) => ({ benchmark: { key: c.benchmarkKey, name: c.name }, engagements: c.engagements, minutes: c.minutes })) };
    },
  );

  api.get(
    '/api/v1/assessment/cycles/:id/what-helps',
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "What helps with a cycle's lowest ratings",
        description:
          'For each benchmark the school rated in the lowest levels of the rubric: the centers whose active engagements focus on it (with their coaches), and upcoming sessions and events tagged with it, ranked, each with the reason it is offered (in the `Accept-Language` language). For whoever may view the cycle; 404 for anyone else.',
        security,
        params: WhatHelpsParams,
        response: { 200: WhatHelpsResponse, ...errors },
      },
    },
    async (request) => {
      const view = await getCycleView(db, request.params.id);
      authorize(request.principal, canViewCycle(request.principal, refOfCycle(view.cycle, view.school)), 'hidden');
      const help = await whatHelps(db, view, showsCoachTo(request.principal, view));
      return {
        cycle: { id: view.cycle.id, school: { id: view.school.id, name: view.school.name }, school_year: view.cycle.school_year },
        data: help.map(({ benchmark: b, items }) => ({
          benchmark: { key: b.key, name: b.name },
          level: { key: b.level.key, name: b.level.name },
          coach_level: b.coachLevel && { key: b.coachLevel.key, name: b.coachLevel.name },
          is_lowest: b.isLowest,
          items: items.map((item) => helpItem(request.t, b, item)),
        })),
      };
    },
  );
}
