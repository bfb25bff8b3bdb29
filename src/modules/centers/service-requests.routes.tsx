import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CenterService, Organisation } from '../../db/schema.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { requireNetworkAdmin } from '../../platform/auth/guards.ts';
import { notFound } from '../../platform/errors.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { redirectToSignIn, without } from './center-http.ts';
import { getCenterService } from './center-content.service.ts';
import { getCenterBySlug } from './center-space.service.ts';
import { centersPolicy as policy, schoolIdsOf } from './centers.policy.ts';
import { CenterItemParams, CenterSlugParams, RequestAnswerInput, RequestListQuery, ServiceRequestInput } from './centers.schemas.ts';
import * as requests from './service-requests.service.ts';
import { CannotRequestPage, RequestFormPage, RequestListPage, RequestPage } from './views/request-pages.tsx';

const hide = { schema: { hide: true } };

/** Service requests: the school's form and list, the center's queue and answers, the admin's overview. */
export async function registerServiceRequestRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const { baseUrl } = app.deps.config;
  const centerFrom = (request: FastifyRequest) => getCenterBySlug(db, CenterSlugParams.parse(request.params).slug);
  const query = (request: FastifyRequest) => RequestListQuery.parse(Object.fromEntries(Object.entries(request.query as Record<string, string>).filter(([, v]) => v !== '')));

  /** The service and the schools the signed-in person may request it for; or a refusal page already sent. */
  async function requestContext(request: FastifyRequest, reply: FastifyReply): Promise<{ center: Organisation; service: CenterService; schools: Organisation[] } | null> {
    if (!request.principal) {
      redirectToSignIn(request, reply);
      return null;
    }
    const center = await centerFrom(request);
    const service = await getCenterService(db, center.id, CenterItemParams.parse(request.params).id);
    const ctx = viewContext(request, reply);
    const schoolIds = schoolIdsOf(request.principal);
    const schools = await requests.schoolsOfCenterAmong(db, center.id, schoolIds);
    // Say why, plainly: a school of another center is pointed to its own center rather than shown a bare 403.
    const reason = service.retired_at ? 'retired' : schools.length > 0 ? null : schoolIds.length > 0 ? 'otherCenter' : 'notSchool';
    if (reason) {
      sendPage(reply, <CannotRequestPage ctx={ctx} center={center} reason={reason} />, reason === 'retired' ? 410 : 403);
      return null;
    }
    return { center, service, schools };
  }

  const formPage = (request: FastifyRequest, reply: FastifyReply, c: { center: Organisation; service: CenterService; schools: Organisation[] }, state: FormState, status = 200) =>
    sendPage(reply, <RequestFormPage ctx={viewContext(request, reply)} center={c.center} service={c.service} schools={c.schools} state={state} />, status);

  app.get('/centers/:slug/services/:id/request', hide, async (request, reply) => {
    const c = await requestContext(request, reply);
    if (!c) return reply;
    const p = request.principal!;
    return formPage(request, reply, c, emptyForm({ submission_key: randomUUID(), contact: `${p.name}${p.email ? `, ${p.email}` : ''}` }));
  });

  app.post('/centers/:slug/services/:id/request', hide, async (request, reply) => {
    const c = await requestContext(request, reply);
    if (!c) return reply;
    const parsed = parseForm(ServiceRequestInput, request.body);
    if (!parsed.ok) return formPage(request, reply, c, { values: parsed.values, errors: parsed.errors }, 400);
    const school = parsed.data.school_id ? c.schools.find((s) => s.id === parsed.data.school_id) : c.schools.length === 1 ? c.schools[0] : undefined;
    if (!school) return formPage(request, reply, c, { values: formInput(request.body), errors: { school_id: ['centers:requests.chooseSchool'] } }, 400);
    try {
      const { request: saved } = await requests.createServiceRequest(db, actorFromRequest(request), {
        center: c.center,
        service: c.service,
        school,
        requesterPersonId: request.principal!.personId,
        input: { ...parsed.data, submission_key: parsed.data.submission_key ?? randomUUID() },
        baseUrl,
      });
      reply.setFlash({ type: 'success', message: 'centers:flash.requestSent' });
      return reply.redirect(`/centers/${c.center.slug}/requests/${saved.id}`, 303);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return formPage(request, reply, c, { values: formInput(request.body), ...failure }, failure.status);
    }
  });

  app.get('/centers/:slug/requests', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    const center = await centerFrom(request);
    authorize(p, policy.canHandleRequests(p, center.id), 'hidden');
    const q = query(request);
    const result = await requests.listServiceRequests(db, { centerId: center.id, status: q.status }, q.page);
    const ctx = viewContext(request, reply);
    return sendPage(reply, <RequestListPage ctx={ctx} title={ctx.t('centers:requests.queueTitle', { name: center.name })} result={result} status={q.status} path={`/centers/${center.slug}/requests`} />);
  });

  app.get('/centers/:slug/requests/mine', hide, async (request, reply) => {
    const p = request.principal;
    if (!p) return redirectToSignIn(request, reply);
    const center = await centerFrom(request);
    const schools = await requests.schoolsOfCenterAmong(db, center.id, schoolIdsOf(p));
    if (schools.length === 0) throw notFound();
    const q = query(request);
    const result = await requests.listServiceRequests(db, { centerId: center.id, schoolIds: schools.map((s) => s.id), status: q.status }, q.page);
    const ctx = viewContext(request, reply);
    return sendPage(
      reply,
      <RequestListPage ctx={ctx} title={ctx.t('centers:requests.mineTitle', { name: center.name })} lead={schools.map((s) => s.name).join(', ')} result={result} status={q.status} path={`/centers/${center.slug}/requests/mine`} />,
    );
  });

  const requestPage = async (request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) => {
    const p = request.principal!;
    const center = await centerFrom(request);
    const r = await requests.getServiceRequest(db, CenterItemParams.parse(request.params).id);
    // Another center's request, or another school's, does not exist as far as this viewer knows.
    if (r.center_id !== center.id) throw notFound();
    authorize(p, policy.canViewRequest(p, { centerId: r.center_id, schoolId: r.school_id }), 'hidden');
    const canAnswer = policy.canHandleRequests(p, center.id);
    return { r, canAnswer, send: (s: FormState) => sendPage(reply, <RequestPage ctx={viewContext(request, reply)} request={r} canAnswer={canAnswer} state={state ?? s} />, status) };
  };

  app.get('/centers/:slug/requests/:id', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const { r, send } = await requestPage(request, reply, null);
    return send(emptyForm({ status: r.status === 'open' ? 'in_progress' : r.status, response: r.response ?? '' }));
  });

  app.post('/centers/:slug/requests/:id', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    const { r, canAnswer } = await requestPage(request, reply, null);
    authorize(request.principal, canAnswer, 'hidden');
    const parsed = parseForm(RequestAnswerInput, without(request.body, 'seen'));
    const again = async (state: FormState, status: number) => (await requestPage(request, reply, state, status)).send(state);
    if (!parsed.ok) return again({ values: parsed.values, errors: parsed.errors }, 400);
    const seen = (request.body as Record<string, unknown>).seen;
    try {
      await requests.answerServiceRequest(db, actorFromRequest(request), r, parsed.data, { baseUrl, seenUpdatedAt: typeof seen === 'string' ? seen : undefined });
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return again({ values: formInput(request.body), ...failure }, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'centers:flash.requestUpdated' });
    return reply.redirect(`/centers/${r.center.slug}/requests`, 303);
  });

  app.get('/admin/service-requests', hide, async (request, reply) => {
    if (!request.principal) return redirectToSignIn(request, reply);
    requireNetworkAdmin(request);
    const q = query(request);
    const result = await requests.listServiceRequests(db, { status: q.status }, q.page);
    const ctx = viewContext(request, reply);
    return sendPage(reply, <RequestListPage ctx={ctx} admin title={ctx.t('centers:requests.adminTitle')} result={result} status={q.status} path="/admin/service-requests" />);
  });
}
