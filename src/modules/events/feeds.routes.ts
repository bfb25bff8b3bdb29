import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nowIso } from '../../db/dialect.ts';
import { notFound } from '../../platform/errors.ts';
import { ICAL_CONTENT_TYPE } from '../../platform/feeds/ical.ts';
import { ATOM_CONTENT_TYPE, renderAtom, renderRss, RSS_CONTENT_TYPE, type SyndicationFeed } from '../../platform/feeds/syndication.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { getOrganisationBySlug } from '../organisations/organisations.service.ts';
import { EventSlugParams } from './calendar.schemas.ts';
import { personOfFeedToken, upcomingPublicEvents } from './calendar.service.ts';
import { personalFeed, publicFeed } from './event-calendar.ts';
import { isKnownTag, loadTagVocabulary, tagLabel } from './event-tags.ts';
import { eventWhenText } from './views/event-parts.tsx';

const hide = { schema: { hide: true } };
// Calendar clients poll feeds every few hours; five minutes of caching costs nobody a change.
const PUBLIC_FEED_CACHE = 'public, max-age=300';
const TOKEN_FILE = /^([A-Za-z0-9_-]{20,64})\.ics$/;
const SYNDICATED = 50;

const sendIcs = (reply: FastifyReply, body: string, cache = PUBLIC_FEED_CACHE) => reply.type(ICAL_CONTENT_TYPE).header('cache-control', cache).send(body);

/**
 * The calendar's feeds: iCalendar for everything public (all, per center, per tag), a person's
 * private iCalendar of their tickets and starred sessions, and RSS and Atom of upcoming events.
 */
export async function registerFeedRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  app.get('/events.ics', hide, async (request, reply) => sendIcs(reply, await publicFeed(db, { name: request.t('events:feeds.calendarName') })));

  app.get('/events/tags/:file', hide, async (request, reply) => {
    const file = (request.params as { file?: string }).file ?? '';
    const tag = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const vocab = await loadTagVocabulary(db);
    if (!isKnownTag(vocab, tag)) throw notFound();
    const name = `${request.t('events:feeds.calendarName')}: ${tagLabel(request.t, vocab, tag)}`;
    return sendIcs(reply, await publicFeed(db, { name, tag }));
  });

  app.get('/centers/:slug/events.ics', hide, async (request, reply) => {
    const params = EventSlugParams.safeParse(request.params);
    const center = params.success ? await getOrganisationBySlug(db, params.data.slug) : undefined;
    if (!center || center.kind !== 'affiliate_center') throw notFound();
    return sendIcs(reply, await publicFeed(db, { name: center.name, organiserId: center.id }));
  });

  // The private feed: the token is the secret (calendar apps cannot sign in), so a wrong or reset one is simply not found.
  app.get('/events/calendar/:file', hide, async (request, reply) => {
    const m = TOKEN_FILE.exec((request.params as { file?: string }).file ?? '');
    const personId = m ? await personOfFeedToken(db, m[1]!) : null;
    if (!personId) throw notFound();
    return sendIcs(reply, await personalFeed(db, personId, request.t('events:feeds.myCalendarName')), 'private, max-age=300');
  });

  /**
   * Upcoming published events, newest announced first (by publication time), as feed readers
   * expect: a newly announced event appears at the top. Each item's date is when it was announced;
   * its text says when it happens. Cancelled events leave the feed.
   */
  async function syndication(request: FastifyRequest): Promise<{ meta: SyndicationFeed; items: Parameters<typeof renderRss>[1] }> {
    const rows = await upcomingPublicEvents(db, 500);
    const announced = rows
      .filter((e) => e.status === 'published')
      .sort((a, b) => (b.published_at ?? b.created_at).localeCompare(a.published_at ?? a.created_at))
      .slice(0, SYNDICATED);
    const t = request.t;
    const locale = request.locale;
    return {
      meta: {
        title: t('events:feeds.calendarName'),
        description: t('events:calendar.lead'),
        link: siteUrl('/events'),
        rssUrl: siteUrl('/events.rss'),
        atomUrl: siteUrl('/events.atom'),
        language: locale,
        updated: new Date(announced[0]?.published_at ?? nowIso()),
      },
      items: announced.map((e) => ({
        id: siteUrl(`/events/${e.slug}`),
        title: e.title,
        link: siteUrl(`/events/${e.slug}`),
        description: `${eventWhenText(locale, e)} · ${e.organiser_name}. ${e.summary}`,
        date: new Date(e.published_at ?? e.created_at),
        categories: [t(`events:kinds.${e.kind}`)],
      })),
    };
  }

  app.get('/events.rss', hide, async (request, reply) => {
    const { meta, items } = await syndication(request);
    return reply.type(RSS_CONTENT_TYPE).header('cache-control', PUBLIC_FEED_CACHE).send(renderRss(meta, items));
  });

  app.get('/events.atom', hide, async (request, reply) => {
    const { meta, items } = await syndication(request);
    return reply.type(ATOM_CONTENT_TYPE).header('cache-control', PUBLIC_FEED_CACHE).send(renderAtom(meta, items));
  });
}
