import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { AppError } from '../../platform/errors.ts';
import { formInput } from '../../platform/validation.ts';
import type { FormState } from '../../platform/ui/components/form.tsx';
import { EventSlugParams } from './agenda.schemas.ts';
import { canOrganise } from './events.policy.ts';
import { getVisibleEvent, type EventWithOrganiser } from './events.service.ts';

// Small pieces the agenda's and the call's handlers share.

/** Sends a signed-out browser to sign in and come back. */
export function redirectToSignIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
}

/** The event in the URL as this viewer may see it (drafts 404 to everyone but its organisers). */
export function visibleEvent(db: Kysely<Database>, request: FastifyRequest): Promise<EventWithOrganiser> {
  return getVisibleEvent(db, EventSlugParams.parse(request.params).slug, request.principal);
}

/** The event, for its organisers only (403 to anyone else who can see it); null when a sign-in redirect was sent. */
export async function organisedEvent(db: Kysely<Database>, request: FastifyRequest, reply: FastifyReply): Promise<EventWithOrganiser | null> {
  if (!request.principal) {
    redirectToSignIn(request, reply);
    return null;
  }
  const found = await visibleEvent(db, request);
  authorize(request.principal, canOrganise(request.principal, found.organiserRef));
  return found;
}

/**
 * A refusal a form shows (400/409) as form state with the typed values kept, including the
 * message's placeholders (the clashing session's title); null for anything else.
 */
export function failedForm(err: unknown, body: unknown): { state: FormState; status: number } | null {
  if (!(err instanceof AppError) || (err.status !== 400 && err.status !== 409)) return null;
  const generic = err.messageKey === 'errors:badRequest' && err.fields;
  return { state: { values: formInput(body), errors: err.fields ?? {}, formError: generic ? undefined : err.messageKey, formErrorParams: err.options.params }, status: err.status };
}

/** A path to come back to after a star: only this event's agenda pages, never elsewhere. */
export function safeBack(slug: string, back: unknown): string {
  const fallback = `/events/${slug}/agenda`;
  if (typeof back !== 'string' || !/^\/events\/[^/]+\/(agenda|my-agenda)(\?[\w%=&.:-]*)?$/.test(back) || !back.startsWith(`/events/${slug}/`)) return fallback;
  return back;
}
