import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Organisation } from '../../db/schema.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { notFound, type FieldErrors } from '../../platform/errors.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { getCenterBySlug } from '../centers/center-space.service.ts';
import { getServiceRequest } from '../centers/service-requests.service.ts';
import { getOrganisationsByIds } from '../organisations/organisations.service.ts';
import { taxonomyTerms } from '../framework/taxonomy.service.ts';
import { centerIdsOf, coachingPolicy as policy, schoolIdsOf } from './coaching.policy.ts';
import { CenterSlugParams, EditToken, EngagementInput, EngagementListQuery, EngagementParams, NextStepInput, SessionInput, SessionParams, STEP_ROWS, StepParams } from './coaching.schemas.ts';
import { registerCoachingApi } from './coaching-api.routes.ts';
import * as coaching from './coaching.service.ts';
import { CaseloadPage } from './views/caseload-pages.tsx';
import { CenterSummaryPage, EngagementFormPage, EngagementListPage, EngagementPage } from './views/engagement-pages.tsx';
import { SessionEditPage, sessionFormValues } from './views/session-edit-page.tsx';

const hide = { schema: { hide: true } };

const redirectToSignIn = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);

/** One next-step row of a session form (`<prefix><n>_<field>`), or null when nothing was typed in it; errors named after its fields. */
function parseStepRow(body: Record<string, unknown>, prefix: string, n: number, errors: FieldErrors): NextStepInput | null {
  const row = Object.fromEntries(['description', 'owner', 'owner_name', 'due'].map((f) => [f, body[`${prefix}${n}_${f}`]]).filter(([, v]) => v !== undefined));
  if (Object.keys(row).length === 0) return null;
  const parsed = NextStepInput.safeParse(row);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) errors[`${prefix}${n}_${String(issue.path[0])}`] = [issue.message.includes(':') ? issue.message : issue.code === 'too_small' || issue.code === 'invalid_type' ? 'validation:required' : 'validation:invalid'];
  return null;
}

/** The new next-step rows of a session form that have anything typed, validated; errors named `step<N>_<field>`. */
function parseSteps(body: Record<string, unknown>): { steps: NextStepInput[]; errors: FieldErrors } {
  const steps: NextStepInput[] = [];
  const errors: FieldErrors = {};
  for (let n = 1; n <= STEP_ROWS; n++) {
    const step = parseStepRow(body, 'step', n, errors);
    if (step) steps.push(step);
  }
  return { steps, errors };
}

/**
 * The rows of the open next steps an edit form showed (`open<stepId>_<field>`). A row sent with
 * every field cleared is an error (a step is not deleted by emptying it), not a step left alone.
 */
function parseOpenSteps(body: Record<string, unknown>, openIds: number[]): { steps: { id: number; step: NextStepInput }[]; errors: FieldErrors } {
  const steps: { id: number; step: NextStepInput }[] = [];
  const errors: FieldErrors = {};
  for (const id of openIds) {
    if (body[`open${id}_shown`] === undefined) continue;
    const step = parseStepRow(body, 'open', id, errors);
    if (step) steps.push({ id, step });
    else if (!Object.keys(errors).some((k) => k.startsWith(`open${id}_`))) errors[`open${id}_description`] = ['validation:required'];
  }
  return { steps, errors };
}

/** Engagements, session logs and next steps, the director's summary, and /coaching (caseload and the school's view); and their JSON API. */
export async function registerCoachingRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  await registerCoachingApi(app);
  const centerFrom = (request: FastifyRequest) => getCenterBySlug(db, CenterSlugParams.parse(request.params).slug);

  /** The center, once the signed-in person may manage its engagements (others get 404: the list is not public). */
  async function managedCenter(request: FastifyRequest): Promise<Organisation> {
    const center = await centerFrom(request);
    authorize(request.principal, policy.canManageEngagements(request.principal, center.id), 'hidden');
    return center;
  }

  app.get('/centers/:slug/engagements', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const center = await managedCenter(request);
    const q = EngagementListQuery.parse(Object.fromEntries(Object.entries(request.query as Record<string, string>).filter(([, v]) => v !== '')));
    const ctx = viewContext(request, reply);
    const terms = await taxonomyTerms(db);
    const canSummary = policy.canSeeCenterSummary(request.principal, center.id);
    if (q.view === 'summary') {
      authorize(request.principal, canSummary, 'public');
      return sendPage(reply, <CenterSummaryPage ctx={ctx} center={center} summary={await coaching.centerSummary(db, center.id)} terms={terms} />);
    }
    const engagements = await coaching.listEngagements(db, { centerId: center.id, status: q.status });
    return sendPage(reply, <EngagementListPage ctx={ctx} center={center} engagements={engagements} status={q.status} terms={terms} canSummary={canSummary} />);
  });

  const formPage = async (request: FastifyRequest, reply: FastifyReply, center: Organisation, state: FormState, opts: { engagement?: coaching.EngagementView; conflict?: boolean; fromRequest?: { id: number; service: string } } = {}, status = 200) => {
    const schoolId = Number(state.values.school_id) || undefined;
    const choices = await coaching.engagementChoices(db, center, schoolId);
    return sendPage(reply, <EngagementFormPage ctx={viewContext(request, reply)} center={center} choices={choices} state={state} {...opts} />, status);
  };

  /** A service request to start from: the center's own only (another's is 404). */
  async function requestToStartFrom(center: Organisation, id: number | undefined) {
    if (id === undefined) return undefined;
    const r = await getServiceRequest(db, id);
    if (r.center_id !== center.id) throw notFound();
    return r;
  }

  app.get('/centers/:slug/engagements/new', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const center = await managedCenter(request);
    const q = EngagementListQuery.safeParse(request.query);
    const r = await requestToStartFrom(center, q.success ? q.data.request : undefined);
    const values: Record<string, unknown> = { status: 'active', starts_on: coaching.today() };
    if (r) Object.assign(values, { school_id: r.school_id, title: r.service_title, goals: r.need, service_request_id: r.id });
    return formPage(request, reply, center, emptyForm(values), { fromRequest: r && { id: r.id, service: r.service_title } });
  });

  app.post('/centers/:slug/engagements/new', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const center = await managedCenter(request);
    const parsed = parseForm(EngagementInput, request.body);
    const fromId = Number(formInput(request.body).service_request_id) || undefined;
    const from = fromId ? await requestToStartFrom(center, fromId).catch(() => undefined) : undefined;
    const opts = { fromRequest: from && { id: from.id, service: from.service_title } };
    if (!parsed.ok) return formPage(request, reply, center, { values: parsed.values, errors: parsed.errors }, opts, 400);
    try {
      const saved = await coaching.createEngagement(db, actorFromRequest(request), center, parsed.data);
      reply.setFlash({ type: 'success', message: 'coaching:flash.created' });
      return reply.redirect(`/centers/${center.slug}/engagements/${saved.id}`, 303);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return formPage(request, reply, center, { values: formInput(request.body), ...failure }, opts, failure.status);
    }
  });

  /** The engagement and whether the viewer manages it (else they are the engaged school: shareable notes only). */
  async function engagementFor(request: FastifyRequest) {
    const p = request.principal!;
    const center = await centerFrom(request);
    const e = await coaching.getEngagement(db, center.id, EngagementParams.parse(request.params).id);
    authorize(p, policy.canViewEngagement(p, { centerId: e.center_id, schoolId: e.school_id }), 'hidden');
    return { center, e, canManage: policy.canManageEngagements(p, center.id) };
  }

  const engagementPage = async (request: FastifyRequest, reply: FastifyReply, e: coaching.EngagementView, canManage: boolean, state: FormState, status = 200) => {
    const [sessions, terms] = await Promise.all([coaching.engagementLog(db, e.id, { shareableOnly: !canManage }), taxonomyTerms(db)]);
    return sendPage(reply, <EngagementPage ctx={viewContext(request, reply)} engagement={e} sessions={sessions} terms={terms} canManage={canManage} state={state} />, status);
  };

  app.get('/centers/:slug/engagements/:id', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const { e, canManage } = await engagementFor(request);
    return engagementPage(request, reply, e, canManage, emptyForm({ held_on: coaching.today(), modality: 'on_site' }));
  });

  const engagementValues = (e: coaching.EngagementView) => ({
    school_id: e.school_id,
    title: e.title,
    goals: e.goals,
    status: e.status,
    starts_on: e.starts_on,
    ends_on: e.ends_on ?? undefined,
    focus: e.focus,
    coaches: e.coaches.map((c) => String(c.id)),
    contacts: e.contacts.map((c) => String(c.id)),
  });

  app.get('/centers/:slug/engagements/:id/edit', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const center = await managedCenter(request);
    const e = await coaching.getEngagement(db, center.id, EngagementParams.parse(request.params).id);
    return formPage(request, reply, center, emptyForm({ ...engagementValues(e), updated_at: e.updated_at }), { engagement: e });
  });

  app.post('/centers/:slug/engagements/:id/edit', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const center = await managedCenter(request);
    const e = await coaching.getEngagement(db, center.id, EngagementParams.parse(request.params).id);
    // The form posts every field, so it must not overwrite a change saved since it was drawn: it
    // carries the engagement's updated_at, checked under the row's lock in the service.
    const { updated_at: seen, ...typed } = formInput(request.body);
    const token = EditToken.safeParse(seen);
    if (!token.success) return formPage(request, reply, center, { values: typed, errors: {}, formError: 'coaching:errors.badToken' }, { engagement: e, conflict: true }, 400);
    const values = { ...typed, updated_at: token.data };
    const parsed = parseForm(EngagementInput, { ...typed, ...(e.service_request_id !== null && { service_request_id: String(e.service_request_id) }) });
    if (!parsed.ok) return formPage(request, reply, center, { values, errors: parsed.errors }, { engagement: e }, 400);
    try {
      // Every field is sent: a blank end date clears the end.
      await coaching.updateEngagement(db, actorFromRequest(request), center, e.id, { ...parsed.data, ends_on: parsed.data.ends_on ?? null }, { seenUpdatedAt: token.data });
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      if (failure.status !== 409) return formPage(request, reply, center, { values, ...failure }, { engagement: e }, failure.status);
      // What was typed stays in the form beside the engagement as saved now, and the form takes the
      // new token: saving again is a deliberate choice to replace the other person's version.
      const saved = await coaching.getEngagement(db, center.id, e.id);
      return formPage(request, reply, center, { values: { ...values, updated_at: saved.updated_at }, ...failure }, { engagement: saved, conflict: true }, 409);
    }
    reply.setFlash({ type: 'success', message: 'coaching:flash.updated' });
    return reply.redirect(`/centers/${center.slug}/engagements/${e.id}`, 303);
  });

  app.post('/centers/:slug/engagements/:id/sessions', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const { e, canManage } = await engagementFor(request);
    authorize(request.principal, canManage, 'public');
    const values = formInput(request.body);
    const parsed = parseForm(SessionInput, request.body);
    const steps = parseSteps(values);
    if (!parsed.ok || Object.keys(steps.errors).length) {
      return engagementPage(request, reply, e, canManage, { values, errors: { ...(parsed.ok ? {} : parsed.errors), ...steps.errors } }, 400);
    }
    try {
      await coaching.logSession(db, actorFromRequest(request), e, parsed.data, steps.steps);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return engagementPage(request, reply, e, canManage, { values, ...failure }, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'coaching:flash.logged' });
    return reply.redirect(`/centers/${e.center.slug}/engagements/${e.id}`, 303);
  });

  const sessionEditPage = (request: FastifyRequest, reply: FastifyReply, e: coaching.EngagementView, session: coaching.SessionView, state: FormState, status = 200, stale?: coaching.SessionView) =>
    sendPage(reply, <SessionEditPage ctx={viewContext(request, reply)} engagement={e} session={session} state={state} conflict={!!stale} />, status);

  /** The session to edit, once the viewer manages the engagement (the school gets 403, others 404). */
  async function sessionToEdit(request: FastifyRequest) {
    const { e, canManage } = await engagementFor(request);
    authorize(request.principal, canManage, 'public');
    return { e, session: await coaching.getSession(db, e, SessionParams.parse(request.params).sessionId) };
  }

  app.get('/centers/:slug/engagements/:id/sessions/:sessionId/edit', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const { e, session } = await sessionToEdit(request);
    return sessionEditPage(request, reply, e, session, emptyForm(sessionFormValues(session)));
  });

  app.post('/centers/:slug/engagements/:id/sessions/:sessionId/edit', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const { e, session } = await sessionToEdit(request);
    const values = formInput(request.body);
    const parsed = parseForm(SessionInput, request.body);
    const token = EditToken.safeParse(values.updated_at);
    // Every step the form may have shown: one marked done since is then a conflict, not an edit dropped.
    const open = parseOpenSteps(values, session.steps.map((s) => s.id));
    const added = parseSteps(values);
    // A damaged token (it is a hidden field) cannot say which version the form was drawn from: the
    // page shows what is saved now and the form takes the current token, as after a conflict.
    if (!token.success) {
      const { updated_at: _damaged, ...typed } = values;
      return sessionEditPage(request, reply, e, session, { values: typed, errors: {}, formError: 'coaching:errors.badToken' }, 400, session);
    }
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...open.errors, ...added.errors };
    if (!parsed.ok || Object.keys(errors).length) return sessionEditPage(request, reply, e, session, { values, errors }, 400);
    try {
      await coaching.editSession(db, actorFromRequest(request), e, session, { session: parsed.data, updatedAt: token.data, steps: open.steps, added: added.steps });
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      // What was typed stays on the page; on a conflict the page also shows what is saved now.
      // On a conflict the page shows what is saved now beside it, and the form takes the new token:
      // saving again is a deliberate choice to replace the other person's version.
      if (failure.status !== 409) return sessionEditPage(request, reply, e, session, { values, ...failure }, failure.status);
      const saved = await coaching.getSession(db, e, session.id);
      return sessionEditPage(request, reply, e, saved, { values: { ...values, updated_at: saved.updated_at }, ...failure }, 409, session);
    }
    reply.setFlash({ type: 'success', message: 'coaching:flash.sessionUpdated' });
    return reply.redirect(`/centers/${e.center.slug}/engagements/${e.id}`, 303);
  });

  app.post('/centers/:slug/engagements/:id/steps/:stepId/done', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const { e, canManage } = await engagementFor(request);
    authorize(request.principal, canManage, 'public');
    await coaching.completeNextStep(db, actorFromRequest(request), e, StepParams.parse(request.params).stepId);
    reply.setFlash({ type: 'success', message: 'coaching:flash.stepDone' });
    return reply.redirect(`/centers/${e.center.slug}/engagements/${e.id}`, 303);
  });

  app.get('/coaching', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    const isCoach = p.personId !== null && centerIdsOf(p).length > 0;
    const schoolIds = schoolIdsOf(p);
    const [caseload, school, centers, terms] = await Promise.all([
      isCoach ? coaching.coachCaseload(db, { roles: p.roles, personId: p.personId! }) : null,
      schoolIds.length ? coaching.schoolEngagements(db, schoolIds) : null,
      getOrganisationsByIds(db, centerIdsOf(p)),
      taxonomyTerms(db),
    ]);
    const ctx = viewContext(request, reply);
    return sendPage(reply, <CaseloadPage ctx={ctx} caseload={caseload} school={school} centers={centers.map((c) => ({ slug: c.slug, name: c.name }))} terms={terms} today={coaching.today()} />);
  });
}
