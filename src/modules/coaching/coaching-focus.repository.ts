import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

// Read-only questions about which benchmarks engagements focus on: for "what helps" (who coaches
// on benchmark B) and for the network roll-ups (where coaching concentrates). Only active
// engagements count: a closed case helps nobody now, and a paused one has no coach at work.

/** Active engagements focused on `tag`: center, school and the engagement's coaches. */
export async function findActiveFocusedOn(db: Db, tag: string): Promise<{ engagement_id: number; center_id: number; school_id: number; coach_id: number | null }[]> {
  return db
    .selectFrom('engagement_focus as f')
    .innerJoin('engagements as e', 'e.id', 'f.engagement_id')
    .leftJoin('engagement_members as m', (j) => j.onRef('m.engagement_id', '=', 'e.id').on('m.role', '=', 'coach'))
    .select(['e.id as engagement_id', 'e.center_id', 'e.school_id', 'm.person_id as coach_id'])
    .where('f.tag', '=', tag)
    .where('e.status', '=', 'active')
    .execute();
}

/** A span of days, both included, as ISO dates ("2025-07-01"). */
export interface DaySpan {
  from: string;
  to: string;
}

/**
 * Per focus tag, for these centers (undefined = all): active engagements whose dates overlap `span`
 * (an open end runs on), and the minutes of their sessions held within it.
 */
export async function sumActiveFocus(db: Db, span: DaySpan, centerIds?: number[]): Promise<{ tag: string; engagements: number; minutes: number }[]> {
  if (centerIds && centerIds.length === 0) return [];
  let focused = db
    .selectFrom('engagement_focus as f')
    .innerJoin('engagements as e', 'e.id', 'f.engagement_id')
    .where('e.status', '=', 'active')
    .where('e.starts_on', '<=', span.to)
    .where((eb) => eb.or([eb('e.ends_on', 'is', null), eb('e.ends_on', '>=', span.from)]));
  if (centerIds) focused = focused.where('e.center_id', 'in', centerIds);
  const counted = focused.select('f.tag').select((eb) => eb.fn.count<number | string>('e.id').distinct().as('engagements'));
  const timed = focused
    .innerJoin('engagement_sessions as s', 's.engagement_id', 'e.id')
    .where('s.held_on', '>=', span.from)
    .where('s.held_on', '<=', span.to)
    .select('f.tag')
    .select((eb) => eb.fn.sum<number | string>('s.minutes').as('minutes'));
  const [counts, minutes] = await Promise.all([counted.groupBy('f.tag').execute(), timed.groupBy('f.tag').execute()]);
  const byTag = new Map(minutes.map((m) => [m.tag, Number(m.minutes)]));
  return counts.map((c) => ({ tag: c.tag, engagements: Number(c.engagements), minutes: byTag.get(c.tag) ?? 0 }));
}
