import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { createEvent } from '../../../test/factories/events.ts';

/**
 * A two-day forum in New York time (18–19 October 2030, 9:00–17:00 EDT), organised by `organiserId`.
 * Fixed dates keep the local-time arithmetic in tests readable.
 */
export function createForum(db: Kysely<Database>, organiserId: number, overrides: Parameters<typeof createEvent>[2] = {}) {
  return createEvent(db, organiserId, {
    kind: 'forum',
    timezone: 'America/New_York',
    starts_at: '2030-10-18T13:00:00.000Z',
    ends_at: '2030-10-19T21:00:00.000Z',
    start_date: '2030-10-18',
    end_date: '2030-10-19',
    ...overrides,
  });
}

/** The CSRF token and submission key of a page's first form. */
export function formTokens(html: string): { csrf: string; key: string } {
  return { csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '', key: /name="submission_key" value="([^"]*)"/.exec(html)?.[1] ?? '' };
}
