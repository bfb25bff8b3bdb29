import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../platform/auth/policy.ts';
import { notFound } from '../../platform/errors.ts';
import { viewContext } from '../../platform/http/view.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { fields } from '../../platform/validation.ts';
import { canViewCycle, canViewHistory, canViewSummary, hasNetworkRole } from './assessment.policy.ts';
import { refOfCycle, showsCoachTo } from './assessment.service.ts';
import * as history from './assessment-history.service.ts';
import { HistoryPage } from './views/history-page.tsx';
import { ReportPage } from './views/report-page.tsx';
import { SharedListPage, SummaryPage } from './views/summary-page.tsx';

const hide = { schema: { hide: true } };
// Slugs are lowercase words and digits; anything else (a NUL byte, say) names no page.
const SLUG = /^[a-z0-9-]+$/;
const SchoolParams = z.object({ slug: z.string().min(1).max(200).regex(SLUG) });
const HistoryQuery = z.object({ framework: z.string().min(1).max(120).regex(SLUG).optional() });
const IdParams = z.object({ id: fields.id() });
const PageQuery = z.object({ page: z.coerce.number().int().positive().max(100_000).default(1) });

/** Parses a part of the request, or answers 404: a malformed address names nothing. */
function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw notFound();
  return result.data;
}

/**
 * A school's history across cycles, a cycle's printable report, its level-only summary, and the
 * list of summaries schools share network-wide. Read-only pages; each answers 404 to whoever may
 * not see what it shows.
 */
export async function registerAssessmentHistoryRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  /** Signed-out browsers go to sign in and come back; returns false when it redirected. */
  function signedIn(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.principal) return true;
    void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
    return false;
  }

  app.get('/assessment/schools/:slug/history', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const school = await history.getSchoolBySlug(db, parsed(SchoolParams, request.params).slug);
    authorize(request.principal, canViewHistory(request.principal, school), 'hidden');
    const h = await history.getSchoolHistory(db, request.principal, school, parsed(HistoryQuery, request.query).framework);
    return sendPage(reply, <HistoryPage ctx={viewContext(request, reply)} h={h} />);
  });

  app.get('/assessment/:id/report', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const view = await history.getCycleReport(db, parsed(IdParams, request.params).id);
    authorize(request.principal, canViewCycle(request.principal, refOfCycle(view.cycle, view.school)), 'hidden');
    return sendPage(reply, <ReportPage ctx={viewContext(request, reply)} view={view} progress={history.progressOfReport(view)} showCoach={showsCoachTo(request.principal, view)} />);
  });

  app.get('/assessment/:id/summary', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const view = await history.getCycleReport(db, parsed(IdParams, request.params).id);
    authorize(request.principal, canViewSummary(request.principal, { ...refOfCycle(view.cycle, view.school), visibility: view.cycle.visibility }), 'hidden');
    return sendPage(reply, <SummaryPage ctx={viewContext(request, reply)} s={history.summaryOf(view)} />);
  });

  app.get('/assessment/shared', hide, async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    authorize(request.principal, hasNetworkRole(request.principal), 'hidden');
    const list = await history.listSharedSummaries(db, parsed(PageQuery, request.query).page);
    return sendPage(reply, <SharedListPage ctx={viewContext(request, reply)} {...list} />);
  });
}
