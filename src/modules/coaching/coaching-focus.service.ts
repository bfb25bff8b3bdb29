import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { getOrganisationsByIds } from '../organisations/organisations.service.ts';
import { getPeopleByIds, type PersonSummary } from '../people/people.service.ts';
import * as repo from './coaching-focus.repository.ts';

type Db = Kysely<Database>;

export type { DaySpan } from './coaching-focus.repository.ts';

const benchmarkTag = (key: string) => `benchmark:${key}`;

/** A center whose active engagements focus on a benchmark: with how many schools, and by which coaches. */
export interface CenterFocus {
  centerId: number;
  centerName: string;
  centerSlug: string;
  schools: number;
  coaches: Pick<PersonSummary, 'id' | 'name'>[];
}

/**
 * Centers and coaches whose active engagements focus on benchmark `key`, most schools first.
 * Names only: which schools they work with is the centers' business, so only the count is given.
 */
export async function centersFocusedOn(db: Db, key: string): Promise<CenterFocus[]> {
  const rows = await repo.findActiveFocusedOn(db, benchmarkTag(key));
  const centerIds = [...new Set(rows.map((r) => r.center_id))];
  const [centers, people] = await Promise.all([getOrganisationsByIds(db, centerIds), getPeopleByIds(db, [...new Set(rows.flatMap((r) => (r.coach_id === null ? [] : [r.coach_id])))])]);
  const person = new Map(people.map((p) => [p.id, p]));
  return centers
    .map((c) => {
      const mine = rows.filter((r) => r.center_id === c.id);
      const coaches = [...new Set(mine.flatMap((r) => (r.coach_id === null ? [] : [r.coach_id])))].flatMap((id) => {
        const p = person.get(id);
        return p ? [{ id: p.id, name: p.name }] : [];
      });
      return { centerId: c.id, centerName: c.name, centerSlug: c.slug, schools: new Set(mine.map((r) => r.school_id)).size, coaches: coaches.sort((a, b) => a.name.localeCompare(b.name)) };
    })
    .sort((a, b) => b.schools - a.schools || a.centerName.localeCompare(b.centerName));
}

/** Active engagements and coaching minutes per benchmark (by key), network-wide or for these centers. */
export interface FocusConcentration {
  benchmarkKey: string;
  engagements: number;
  minutes: number;
}

/**
 * Which benchmarks coaching concentrates on during `span` (both days included): the active
 * engagements focused on each that run at some point in it, and the minutes of their sessions held
 * in it. An engagement with no end date runs on.
 */
export async function coachingConcentration(db: Db, span: repo.DaySpan, centerIds?: number[]): Promise<FocusConcentration[]> {
  const rows = await repo.sumActiveFocus(db, span, centerIds);
  return rows
    .filter((r) => r.tag.startsWith('benchmark:'))
    .map((r) => ({ benchmarkKey: r.tag.slice('benchmark:'.length), engagements: r.engagements, minutes: r.minutes }))
    .sort((a, b) => b.engagements - a.engagements || b.minutes - a.minutes || a.benchmarkKey.localeCompare(b.benchmarkKey));
}
