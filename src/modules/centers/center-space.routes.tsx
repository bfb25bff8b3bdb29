import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Organisation } from '../../db/schema.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { formFailure } from '../../platform/http/form-failure.ts';
import { sendPublicPage } from '../../platform/http/public-page-cache.ts';
import { viewContext } from '../../platform/http/view.ts';
import { emptyForm, type FormState } from '../../platform/ui/components/form.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { formInput, parseForm } from '../../platform/validation.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { refOf, redirectToSignIn } from './center-http.ts';
import * as content from './center-content.service.ts';
import * as space from './center-space.service.ts';
import { centersPolicy as policy, schoolIdsOf } from './centers.policy.ts';
import { CenterAboutInput, CenterItemParams, CenterNewsParams, CenterSlugParams, NewsInput, ServiceInput } from './centers.schemas.ts';
import { schoolsOfCenterAmong } from './service-requests.service.ts';
import { upcomingEventsOf } from '../events/calendar.service.ts';
import { CenterEditPage, NewsFormPage, ServiceFormPage } from './views/center-edit-pages.tsx';
import { CenterNewsPage, CenterSpacePage, CentersIndexPage } from './views/center-pages.tsx';
import { z } from 'zod';

const hide = { schema: { hide: true } };
// Signed-out visitors may see a space up to this long after an edit; its editors see changes at once.
const SPACE_MAX_AGE_MS = 30_000;
const Direction = z.object({ direction: z.enum(['up', 'down']) });
const Retired = z.object({ retired: z.enum(['on', 'off']) });

/** Public center spaces (/centers, /centers/:slug, news) and their directors' editing pages. */
export async function registerCenterSpaceRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const centerFrom = (request: FastifyRequest) => space.getCenterBySlug(db, CenterSlugParams.parse(request.params).slug);

  app.get('/centers', hide, (request, reply) =>
    sendPublicPage(request, reply, async (ctx) => <CentersIndexPage ctx={ctx} centers={await space.listCenterSummaries(db)} exchange={policy.canReadExchange(request.principal)} />, { maxAgeMs: SPACE_MAX_AGE_MS }),
  );

  app.get('/centers/:slug', hide, (request, reply) =>
    sendPublicPage(
      request,
      reply,
      async (ctx) => {
        const center = await centerFrom(request);
        const p = request.principal;
        const links = {
          canEdit: policy.canEditCenter(p, refOf(center)),
          canHandleRequests: policy.canHandleRequests(p, center.id),
          isSchoolMember: (await schoolsOfCenterAmong(db, center.id, schoolIdsOf(p))).length > 0,
        };
        const [view, events] = await Promise.all([space.getCenterSpace(db, center), upcomingEventsOf(db, center.id)]);
        return <CenterSpacePage ctx={ctx} space={view} links={links} events={events} />;
      },
      { maxAgeMs: SPACE_MAX_AGE_MS },
    ),
  );

  app.get('/centers/:slug/news/:newsSlug', hide, (request, reply) =>
    sendPublicPage(
      request,
      reply,
      async (ctx) => {
        const { newsSlug } = CenterNewsParams.parse(request.params);
        const center = await centerFrom(request);
        return <CenterNewsPage ctx={ctx} center={center} item={await space.getPublishedNews(db, center.id, newsSlug)} />;
      },
      { maxAgeMs: SPACE_MAX_AGE_MS },
    ),
  );

  /** The center named in the URL, after checking the signed-in person may edit it (or a redirect). */
  async function editableCenter(request: FastifyRequest, reply: FastifyReply): Promise<Organisation | null> {
    if (!request.principal) {
      redirectToSignIn(request, reply);
      return null;
    }
    const center = await centerFrom(request);
    authorize(request.principal, policy.canEditCenter(request.principal, refOf(center)));
    return center;
  }

  const editPage = async (request: FastifyRequest, reply: FastifyReply, center: Organisation, about: FormState, status = 200) => {
    const view = await space.getCenterSpace(db, center, { forEditor: true });
    return sendPage(reply, <CenterEditPage ctx={viewContext(request, reply)} center={center} about={about} services={view.services} news={view.news} />, status);
  };

  app.get('/centers/:slug/edit', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    return editPage(request, reply, center, emptyForm({ description: center.description ?? '' }));
  });

  app.post('/centers/:slug/edit', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    const parsed = parseForm(CenterAboutInput, request.body);
    if (!parsed.ok) return editPage(request, reply, center, { values: parsed.values, errors: parsed.errors }, 400);
    await space.updateCenterAbout(db, actorFromRequest(request), center, parsed.data);
    reply.setFlash({ type: 'success', message: 'centers:flash.aboutSaved' });
    return reply.redirect(`/centers/${center.slug}/edit`, 303);
  });

  // ---- services

  const servicePage = (request: FastifyRequest, reply: FastifyReply, center: Organisation, state: FormState, service?: Awaited<ReturnType<typeof content.getCenterService>>, status = 200) =>
    sendPage(reply, <ServiceFormPage ctx={viewContext(request, reply)} center={center} state={state} service={service} />, status);

  app.get('/centers/:slug/services/new', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    return servicePage(request, reply, center, emptyForm({ kind: 'coaching' }));
  });

  app.post('/centers/:slug/services/new', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    const parsed = parseForm(ServiceInput, request.body);
    if (!parsed.ok) return servicePage(request, reply, center, { values: parsed.values, errors: parsed.errors }, undefined, 400);
    await content.createCenterService(db, actorFromRequest(request), center, parsed.data);
    reply.setFlash({ type: 'success', message: 'centers:flash.serviceSaved' });
    return reply.redirect(`/centers/${center.slug}/edit`, 303);
  });

  app.get('/centers/:slug/services/:id/edit', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    const service = await content.getCenterService(db, center.id, CenterItemParams.parse(request.params).id);
    return servicePage(request, reply, center, emptyForm({ kind: service.kind, title: service.title, description: service.description, how_to_request: service.how_to_request }), service);
  });

  app.post('/centers/:slug/services/:id/edit', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    const service = await content.getCenterService(db, center.id, CenterItemParams.parse(request.params).id);
    const parsed = parseForm(ServiceInput, request.body);
    if (!parsed.ok) return servicePage(request, reply, center, { values: parsed.values, errors: parsed.errors }, service, 400);
    await content.updateCenterService(db, actorFromRequest(request), center, service.id, parsed.data);
    reply.setFlash({ type: 'success', message: 'centers:flash.serviceSaved' });
    return reply.redirect(`/centers/${center.slug}/edit`, 303);
  });

  app.post('/centers/:slug/services/:id/retire', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    const { retired } = Retired.parse(formInput(request.body));
    await content.setCenterServiceRetired(db, actorFromRequest(request), center, CenterItemParams.parse(request.params).id, retired === 'on');
    reply.setFlash({ type: 'success', message: retired === 'on' ? 'centers:flash.serviceRetired' : 'centers:flash.serviceRestored' });
    return reply.redirect(`/centers/${center.slug}/edit`, 303);
  });

  app.post('/centers/:slug/services/:id/move', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    const { direction } = Direction.parse(formInput(request.body));
    await content.moveCenterService(db, actorFromRequest(request), center, CenterItemParams.parse(request.params).id, direction);
    return reply.redirect(`/centers/${center.slug}/edit#services-heading`, 303);
  });

  // ---- news

  const newsPage = (request: FastifyRequest, reply: FastifyReply, center: Organisation, state: FormState, item?: Awaited<ReturnType<typeof content.getCenterNews>>, status = 200) =>
    sendPage(reply, <NewsFormPage ctx={viewContext(request, reply)} center={center} state={state} item={item} />, status);

  app.get('/centers/:slug/news/new', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    return newsPage(request, reply, center, emptyForm({ status: 'draft' }));
  });

  app.post('/centers/:slug/news/new', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    const parsed = parseForm(NewsInput, request.body);
    if (!parsed.ok) return newsPage(request, reply, center, { values: parsed.values, errors: parsed.errors }, undefined, 400);
    try {
      await content.createCenterNews(db, actorFromRequest(request), center, parsed.data);
    } catch (err) {
      const failure = formFailure(err);
      if (!failure) throw err;
      return newsPage(request, reply, center, { values: formInput(request.body), ...failure }, undefined, failure.status);
    }
    reply.setFlash({ type: 'success', message: 'centers:flash.newsSaved' });
    return reply.redirect(`/centers/${center.slug}/edit`, 303);
  });

  app.get('/centers/:slug/news/:newsSlug/edit', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    const item = await content.getCenterNews(db, center.id, CenterNewsParams.parse(request.params).newsSlug);
    return newsPage(request, reply, center, emptyForm({ title: item.title, body: item.body, status: item.status }), item);
  });

  app.post('/centers/:slug/news/:newsSlug/edit', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    const item = await content.getCenterNews(db, center.id, CenterNewsParams.parse(request.params).newsSlug);
    const parsed = parseForm(NewsInput, request.body);
    if (!parsed.ok) return newsPage(request, reply, center, { values: parsed.values, errors: parsed.errors }, item, 400);
    await content.updateCenterNews(db, actorFromRequest(request), center, item.id, parsed.data);
    reply.setFlash({ type: 'success', message: 'centers:flash.newsSaved' });
    return reply.redirect(`/centers/${center.slug}/edit`, 303);
  });

  app.post('/centers/:slug/news/:newsSlug/delete', hide, async (request, reply) => {
    const center = await editableCenter(request, reply);
    if (!center) return reply;
    const item = await content.getCenterNews(db, center.id, CenterNewsParams.parse(request.params).newsSlug);
    await content.deleteCenterNews(db, actorFromRequest(request), center, item.id);
    reply.setFlash({ type: 'success', message: 'centers:flash.newsDeleted' });
    return reply.redirect(`/centers/${center.slug}/edit`, 303);
  });
}
