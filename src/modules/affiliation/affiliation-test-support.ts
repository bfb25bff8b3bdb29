import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { systemActor } from '../audit/audit.service.ts';
import { createPlan } from './plans.service.ts';

/** Three plans for tests: banded school dues, a rolling individual plan and a free organisation plan. */
export async function createTestPlans(db: Kysely<Database>) {
  const actor = systemActor('test');
  const school = await createPlan(db, actor, {
    name: 'School membership',
    holder: 'school',
    term_kind: 'fixed',
    fixed_start_month: 7,
    fixed_start_day: 1,
    term_months: 12,
    grace_days: 30,
    dues: [
      { min_enrolment: 0, max_enrolment: 299, amount: 30000 },
      { min_enrolment: 300, max_enrolment: 999, amount: 50000 },
      { min_enrolment: 1000, max_enrolment: null, amount: 80000 },
    ],
    benefits: [
      { key: 'event-discount', value: '20%', label: 'Fall Forum discount' },
      { key: 'library', value: 'members-only', label: 'Members-only library' },
    ],
  });
  const individual = await createPlan(db, actor, {
    name: 'Individual membership',
    holder: 'individual',
    term_kind: 'rolling',
    term_months: 12,
    grace_days: 14,
    dues: [{ min_enrolment: null, max_enrolment: null, amount: 5000 }],
    benefits: [{ key: 'event-discount', value: '10%', label: 'Fall Forum discount' }],
  });
  const partner = await createPlan(db, actor, {
    name: 'Partner membership',
    holder: 'organisation',
    term_kind: 'rolling',
    term_months: 12,
    grace_days: 0,
    dues: [{ min_enrolment: null, max_enrolment: null, amount: 0 }],
    benefits: [{ key: 'store-discount', value: '10%', label: 'Store discount' }],
  });
  return { school, individual, partner };
}
