import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, unauthenticated } from '../../platform/errors.ts';
import { actorFromRequest } from '../audit/audit.service.ts';
import { ApiError } from '../organisations/organisations.schemas.ts';
import { eventForStaff } from './attendees-access.ts';
import { AlreadyCheckedInResponse, AttendeeListResponse, AttendeeQuery, CheckInInput, CheckInResponse, SlugParams } from './attendees.schemas.ts';
import { listAttendees } from './attendees.service.ts';
import { checkIn } from './check-in.service.ts';

const tags = ['events'];
const security = [{ bearer: [] }];

async function signedIn(request: FastifyRequest) {
  if (!request.principal) throw unauthenticated();
}

/** /api/v1/events/{slug}/attendees and /check-ins: the door's work for scanners and other tools. */
export async function registerAttendeesApi(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  api.get(
    '/api/v1/events/:slug/attendees',
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "List an event's attendees",
        description: 'Active tickets (confirmed orders and card payments on their way), by name, 50 a page; `q` matches name, email, order reference or ticket code. For the organiser and its staff.',
        security,
        params: SlugParams,
        querystring: AttendeeQuery,
        response: { 200: AttendeeListResponse, 401: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      const { event } = await eventForStaff(db, request, request.params.slug, 'checkIn');
      const list = await listAttendees(db, event, request.query);
      return {
        data: list.items.map((a) => ({
          ticket_code: a.code,
          name: a.attendee_name,
          email: a.attendee_email,
          ticket_type: { id: a.ticket_type_id, name: a.ticket_type_name },
          order_reference: a.order_reference,
          organisation: a.organisation,
          checked_in_at: a.checked_in_at,
        })),
        page: list.page,
        perPage: list.perPage,
        total: list.total,
        counts: { sold: list.counts.sold, checked_in: list.counts.checkedIn },
      };
    },
  );

  api.post(
    '/api/v1/events/:slug/check-ins',
    {
      preValidation: async (request) => {
        await signedIn(request);
        if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new AppError(415, 'unsupported_media_type', 'errors:unsupportedMediaType');
      },
      schema: {
        tags,
        summary: 'Check a ticket in',
        description: 'Checks in the ticket with this code (what its QR code carries). Idempotent: a ticket already checked in answers 409 with the time of the first check-in, and nothing changes. A cancelled or unpaid ticket answers 409; a code this event does not have, 404.',
        security,
        params: SlugParams,
        body: CheckInInput,
        response: { 201: CheckInResponse, 400: ApiError, 401: ApiError, 404: ApiError, 409: AlreadyCheckedInResponse.or(ApiError), 415: ApiError },
      },
    },
    async (request, reply) => {
      const { event } = await eventForStaff(db, request, request.params.slug, 'checkIn');
      const { outcome, ticket } = await checkIn(db, actorFromRequest(request), event, request.body.code);
      if (outcome === 'already') {
        return reply.code(409).send({ error: { code: 'already_checked_in' as const, message: request.t('attendees:door.alreadyApi') }, checked_in_at: ticket.checked_in_at!, requestId: String(request.id) });
      }
      return reply.code(201).send({ ticket_code: ticket.code, name: ticket.attendee_name, ticket_type: ticket.ticket_type_name, checked_in_at: ticket.checked_in_at! });
    },
  );
}
