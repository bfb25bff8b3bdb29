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

/** Per focus tag: active engagements and the minutes logged on them, for these centers (undefined = all). */
export async function sumActiveFocus(db: Db, centerIds?: number[]): Promise<{ tag: string; engagements: number; minutes: number }[]> {
  if (centerIds && centerIds.length === 0) return [];
  let counted = db
    .selectFrom('engagement_focus as f')
    .innerJoin('engagements as e', 'e.id', 'f.engagement_id')
    .select('f.tag')
    .select((eb) => eb.fn.count<number | string>('e.id').distinct().as('engagements'))
    .where('e.status', '=', 'active');
  let timed = db
    .selectFrom('engagement_focus as f')
    .innerJoin('engagements as e', 'e.id', 'f.engagement_id')
    .innerJoin('engagement_sessions as s', 's.engagement_id', 'e.id')
    .select('f.tag')
    .select((eb) => eb.fn.sum<number | string>('s.minutes').as('minutes'))
    .where('e.status', '=', 'active');
  if (centerIds) {
    counted = counted.where('e.center_id', 'in', centerIds);
    timed = timed.where('e.center_id', 'in', centerIds);
  }
  const [counts, minutes] = await Promise.all([counted.groupBy('f.tag').execute(), timed.groupBy('f.tag').execute()]);
  const byTag = new Map(minutes.map((m) => [m.tag, Number(m.minutes)]));
  return counts.map((c) => ({ tag: c.tag, engagements: Number(c.engagements), minutes: byTag.get(c.tag) ?? 0 }));
}
