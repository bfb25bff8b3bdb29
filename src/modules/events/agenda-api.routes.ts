import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { unauthenticated } from '../../platform/errors.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { EventSlugParams, SessionListQuery, SessionListResponse } from './agenda.schemas.ts';
import * as agenda from './agenda.service.ts';
import { getVisibleEvent } from './events.service.ts';

const tags = ['events'];
const optionalAuth: { [scheme: string]: string[] }[] = [{}, { bearer: [] }];

async function rejectBadCredentials(request: FastifyRequest) {
  if (request.headers.authorization && !request.principal) throw unauthenticated();
}

/** GET /api/v1/events/{slug}/sessions: the public agenda as data. */
export async function registerAgendaApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  api.get(
    '/api/v1/events/:slug/sessions',
    {
      preValidation: rejectBadCredentials,
      schema: {
        tags,
        summary: 'List an event\'s sessions',
        description: 'The agenda of a published (or cancelled) event, in time order: times in UTC with the event\'s zone, rooms, presenters and tags. Cancelled sessions are included with status `cancelled`. `tag` narrows to sessions carrying every given tag.',
        security: optionalAuth,
        params: EventSlugParams,
        querystring: SessionListQuery,
        response: { 200: SessionListResponse, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const { event } = await getVisibleEvent(db, request.params.slug, request.principal);
      const wanted = request.query.tag === undefined ? [] : Array.isArray(request.query.tag) ? request.query.tag : [request.query.tag];
      const sessions = agenda.withAllTags(await agenda.loadSessions(db, event.id), wanted);
      return {
        data: sessions.map((s) => ({
          id: s.id,
          uid: s.uid,
          title: s.title,
          description: s.description,
          starts_at: s.starts_at,
          ends_at: s.ends_at,
          timezone: event.timezone,
          room: s.room,
          capacity: s.capacity,
          status: s.status,
          sequence: s.sequence,
          tags: s.tags,
          presenters: s.presenters.map((p) => ({ name: p.name, affiliation: p.affiliation, on_platform: p.person_id !== null })),
        })),
      };
    },
  );
}
