import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bool } from '../../db/dialect.ts';
import { siteUrl } from '../../platform/site-url.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { EventDetailResponse, EventListQuery, EventListResponse, EventSlugParams } from './calendar.schemas.ts';
import { assertKnownTags } from './event-tags.ts';
import * as calendar from './calendar.service.ts';
import { getVisibleEvent } from './events.service.ts';
import type { CoalitionEvent } from '../../db/schema.ts';

const tags = ['events'];
// Public data only: drafts are never listed (a draft answers 404 unless the caller organises it).
const security: { [scheme: string]: string[] }[] = [{}, { bearer: [] }];

const summaryJson = (e: CoalitionEvent, organiser: { slug: string; name: string; kind: string }, eventTags: string[]) => ({
  id: e.id,
  slug: e.slug,
  title: e.title,
  summary: e.summary,
  kind: e.kind,
  status: e.status,
  organiser,
  online: bool(e.online),
  venue_name: e.venue_name,
  venue_address: e.venue_address,
  timezone: e.timezone,
  all_day: bool(e.all_day),
  starts_at: e.starts_at,
  ends_at: e.ends_at,
  start_date: e.start_date,
  end_date: e.end_date,
  tags: eventTags,
  url: siteUrl(`/events/${e.slug}`),
  ics_url: siteUrl(`/events/${e.slug}.ics`),
});

/** GET /api/v1/events and /api/v1/events/{slug}: the public calendar as JSON. */
export async function registerEventsApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  api.get(
    '/api/v1/events',
    {
      schema: {
        tags,
        summary: 'List public events',
        description:
          'Published and cancelled events (cancelled ones say so in `status`), upcoming by default (soonest first) or past (most recent first), 20 a page. Filters as on the calendar page: organiser slug, kind, tag, online or in person, and words in the title, summary or description. `view` and `month` are ignored here.',
        security,
        querystring: EventListQuery,
        response: { 200: EventListResponse, 400: ApiError },
      },
    },
    async (request) => {
      // The schema checks a tag's shape; whether its principle or benchmark exists is the taxonomy's answer.
      if (request.query.tag) await assertKnownTags(db, [request.query.tag], { field: 'tag' });
      const result = await calendar.searchEvents(db, request.query);
      return {
        data: result.items.map((e) => summaryJson(e, { slug: e.organiser_slug, name: e.organiser_name, kind: e.organiser_kind }, e.tags)),
        page: result.page,
        perPage: result.perPage,
        total: result.total,
      };
    },
  );

  api.get(
    '/api/v1/events/:slug',
    {
      schema: {
        tags,
        summary: 'Get an event',
        description: 'One public event with its description. A draft answers 404 unless the token may organise it. The online join link is never included.',
        security,
        params: EventSlugParams,
        response: { 200: EventDetailResponse, 400: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const found = await getVisibleEvent(db, request.params.slug, request.principal);
      const facts = await calendar.eventPageFacts(db, found, null);
      const e = found.event;
      return {
        ...summaryJson(e, { slug: found.organiser.slug, name: found.organiser.name, kind: found.organiser.kind }, facts.tags),
        description: e.description,
        registration_enabled: bool(e.registration_enabled),
        cancelled_at: e.cancelled_at,
        session_count: facts.sessionCount,
        proposals_open: facts.proposalsOpen,
        contact_email: e.contact_email,
      };
    },
  );
}
