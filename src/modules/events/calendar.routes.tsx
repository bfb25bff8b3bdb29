import type { FastifyInstance } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { sendPublicPage } from '../../platform/http/public-page-cache.ts';
import { viewContext } from '../../platform/http/view.ts';
import { ICAL_CONTENT_TYPE } from '../../platform/feeds/ical.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { blankToUndefined } from '../organisations/organisations.schemas.ts';
import { EventListQuery, EventSlugParams } from './calendar.schemas.ts';
import * as calendar from './calendar.service.ts';
import { icsForEvent } from './event-calendar.ts';
import { isKnownTag, loadTagVocabulary, vocabularyFor } from './event-tags.ts';
import { registerEventEditingRoutes } from './event-editing.routes.tsx';
import { registerEventsApi } from './events-api.routes.ts';
import { canCreateEvents, canOrganise } from './events.policy.ts';
import { getVisibleEvent } from './events.service.ts';
import { registerFeedRoutes } from './feeds.routes.ts';
import { registrationPanelFor } from './registration-panel.ts';
import { CalendarPage } from './views/calendar-pages.tsx';
import { MyCalendarFeedPage } from './views/calendar-feed-page.tsx';
import { EventPage } from './views/event-page.tsx';

const hide = { schema: { hide: true } };
// Signed-out visitors may see a calendar or event page up to this long after an edit; organisers,
// signed in, see changes at once. Event pages are what a Fall Forum announcement sends people to.
const PUBLIC_MAX_AGE_MS = 30_000;

/**
 * The calendar never fails on a hand-edited or stale link: a value the schema refuses (month=13,
 * kind=party, page=abc, a repeated parameter) is dropped, and the rest of the filters still apply.
 */
export function lenientCalendarQuery(raw: unknown): EventListQuery {
  const input = blankToUndefined((raw ?? {}) as Record<string, unknown>);
  for (let attempt = 0; attempt < 12; attempt++) {
    const parsed = EventListQuery.safeParse(input);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) delete input[String(issue.path[0])];
  }
  return EventListQuery.parse({});
}

/** The public calendar and event pages, the private feed page, and (through their own files) the feeds, organisers' pages and API. */
export async function registerCalendarRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  const { baseUrl } = app.deps.config;

  await registerFeedRoutes(app);
  await registerEventEditingRoutes(app);
  await registerEventsApi(app);

  app.get('/events', hide, async (request, reply) => {
    const query = lenientCalendarQuery(request.query);
    const variant = JSON.stringify(Object.entries(query).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
    return sendPublicPage(
      request,
      reply,
      async (ctx) => {
        const [organisers, vocab] = await Promise.all([calendar.listOrganisers(db), loadTagVocabulary(db)]);
        // A tag the taxonomy no longer (or never) knew is dropped like any other stale filter.
        const shown = query.tag && !isKnownTag(vocab, query.tag) ? { ...query, tag: undefined } : query;
        const data =
          shown.view === 'month'
            ? { month: await calendar.monthView(db, shown, ctx.locale === 'es' ? 1 : 0, organisers) }
            : { list: await calendar.searchEvents(db, shown, organisers) };
        return <CalendarPage ctx={ctx} query={shown} organisers={organisers} canCreate={canCreateEvents(request.principal)} vocab={vocab} {...data} />;
      },
      { maxAgeMs: PUBLIC_MAX_AGE_MS, variant },
    );
  });

  app.get('/events/calendar', hide, async (request, reply) => {
    const p = request.principal;
    if (!p?.personId) return reply.redirect(`/login?next=${encodeURIComponent('/events/calendar')}`);
    const token = await calendar.feedTokenOf(db, p.personId);
    reply.header('cache-control', 'private, no-store');
    return sendPage(reply, <MyCalendarFeedPage ctx={viewContext(request, reply)} httpsUrl={siteUrl(`/events/calendar/${token}.ics`)} />);
  });

  app.post('/events/calendar/reset', hide, async (request, reply) => {
    const p = request.principal;
    if (!p?.personId) return reply.redirect(`/login?next=${encodeURIComponent('/events/calendar')}`);
    await calendar.resetFeedToken(db, actorFromRequest(request), p.personId);
    reply.setFlash({ type: 'success', message: 'events:myFeed.resetDone' });
    return reply.redirect('/events/calendar', 303);
  });

  // One route for the page and its .ics download: find-my-way cannot tell `:slug` from `:slug.ics` apart reliably.
  app.get('/events/:slug', hide, async (request, reply) => {
    // A slug no event could have (too long) answers 404 like any unknown event.
    const params = EventSlugParams.safeParse(request.params);
    if (!params.success) throw notFound();
    const raw = params.data.slug;
    if (raw.endsWith('.ics')) {
      const { event } = await getVisibleEvent(db, raw.slice(0, -4), request.principal);
      const ics = await icsForEvent(db, event);
      return reply
        .type(ICAL_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${event.slug}.ics"`)
        .header('cache-control', event.status === 'draft' ? 'private, no-store' : 'public, max-age=300')
        .send(ics);
    }
    return sendPublicPage(
      request,
      reply,
      async (ctx) => {
        const found = await getVisibleEvent(db, raw, request.principal);
        const viewer = request.principal;
        const [facts, panel] = await Promise.all([calendar.eventPageFacts(db, found, viewer), registrationPanelFor(db, found.event, viewer)]);
        const vocab = await vocabularyFor(db, facts.tags);
        return <EventPage ctx={ctx} event={found.event} organiser={found.organiser} facts={facts} panel={panel} canOrganise={canOrganise(viewer, found.organiserRef)} baseUrl={baseUrl} vocab={vocab} />;
      },
      { maxAgeMs: PUBLIC_MAX_AGE_MS },
    );
  });
}
