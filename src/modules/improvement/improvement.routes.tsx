import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../platform/auth/policy.ts';
import { sendCsv } from '../../platform/csv/csv-export.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { fieldErrors, formInput } from '../../platform/validation.ts';
import { canViewCycle } from '../assessment/assessment.policy.ts';
import { getCycleView, refOfCycle, showsCoachTo } from '../assessment/assessment.service.ts';
import { registerImprovementApi } from './improvement-api.routes.ts';
import { rollupScope } from './improvement.policy.ts';
import { CycleParams, RollupQuery } from './improvement.schemas.ts';
import { networkRollup, type NetworkRollup } from './improvement.service.ts';
import { distributionCsv } from './rollup-tables.ts';
import { RollupPage } from './views/rollup-page.tsx';
import { WhatHelpsPage } from './views/what-helps-page.tsx';
import { whatHelps } from './what-helps.service.ts';

const hide = { schema: { hide: true } };

/** The form's values as shown: what was asked for, with the defaults the roll-up chose filled in. */
const chosen = (r: NetworkRollup, asked: Record<string, unknown>) => ({
  ...asked,
  ...(r.framework && { framework: String(r.framework.id) }),
  source: r.source,
  ...(r.benchmark && { benchmark: r.benchmark }),
});

/** The improvement loop: what helps with a cycle's lowest ratings, and the network roll-ups. */
export async function registerImprovementRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  await registerImprovementApi(app);

  function signedIn(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.principal) return true;
    void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
    return false;
  }

  app.get('/assessment/:id/what-helps', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const params = CycleParams.safeParse(request.params);
    if (!params.success) throw notFound();
    const view = await getCycleView(db, params.data.id);
    authorize(request.principal, canViewCycle(request.principal, refOfCycle(view.cycle, view.school)), 'hidden');
    return sendPage(reply, <WhatHelpsPage ctx={viewContext(request, reply)} view={view} help={await whatHelps(db, view, showsCoachTo(request.principal, view))} />);
  });

  app.get('/improvement', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const scope = rollupScope(request.principal);
    if (!scope) throw notFound();
    const values = formInput(request.query);
    const ctx = viewContext(request, reply);
    const parsed = RollupQuery.safeParse(values);
    const fallback = async (errors: Record<string, string[]>, status: number) => {
      // The pickers still need their options: show them for the defaults, with the message on the bad field.
      const rollup = await networkRollup(db, scope, {});
      return sendPage(reply, <RollupPage ctx={ctx} form={{ values, errors }} rollup={{ ...rollup, distribution: null, overCycles: null, concentration: [] }} />, status);
    };
    if (!parsed.success) return fallback(fieldErrors(parsed.error), 400);
    try {
      const rollup = await networkRollup(db, scope, parsed.data);
      return sendPage(reply, <RollupPage ctx={ctx} form={{ values: chosen(rollup, values), errors: {} }} rollup={rollup} />);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return fallback(failure.errors, failure.status);
    }
  });

  app.get('/improvement/levels.csv', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const scope = rollupScope(request.principal);
    if (!scope) throw notFound();
    const parsed = RollupQuery.safeParse(formInput(request.query));
    if (!parsed.success) throw badRequest(fieldErrors(parsed.error));
    const rollup = await networkRollup(db, scope, parsed.data);
    if (!rollup.framework || !rollup.distribution) throw notFound();
    const center = rollup.center === null ? 'all' : `center-${rollup.center}`;
    return sendCsv(reply, `levels-${rollup.framework.slug}-${rollup.distribution.schoolYear ?? 'none'}-${rollup.source}-${center}`, distributionCsv(rollup.distribution, request.t));
  });
}
