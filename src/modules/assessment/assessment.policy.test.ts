import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrganisationKind, RoleKind } from '../../db/schema.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { canChangeVisibility, canOpenCycle, canReviewCycle, canSubmitCycle, canViewCycle, canViewSummary, canWorkOnCycle, type CycleRef } from './assessment.policy.ts';

const SCHOOL = 10;
const OTHER_SCHOOL = 11;
const CENTER = 20;
const OTHER_CENTER = 21;

const kindOf: Record<RoleKind, OrganisationKind> = { network_admin: 'national_office', center_director: 'affiliate_center', center_coach: 'affiliate_center', school_leader: 'school', school_staff: 'school', partner_staff: 'partner' };
const who = (role: RoleKind, organisationId: number): Principal => ({
  kind: 'person', personId: 1, name: role, email: null, locale: null, emailVerified: true, auditLabel: role,
  roles: [{ role, organisationId, organisationKind: kindOf[role], organisationName: 'x', organisationSlug: 'x' }],
});

const people = {
  leader: who('school_leader', SCHOOL),
  staff: who('school_staff', SCHOOL),
  otherLeader: who('school_leader', OTHER_SCHOOL),
  coach: who('center_coach', CENTER),
  director: who('center_director', CENTER),
  otherCoach: who('center_coach', OTHER_CENTER),
  otherDirector: who('center_director', OTHER_CENTER),
  admin: who('network_admin', 1),
  partner: who('partner_staff', 30),
  visitor: null,
};
type Who = keyof typeof people;
const cycle = (status: CycleRef['status']): CycleRef => ({ schoolId: SCHOOL, centerId: CENTER, status });
const allowed = (rule: (p: Principal | null, c: CycleRef) => boolean, c: CycleRef) => (Object.keys(people) as Who[]).filter((k) => rule(people[k], c)).sort();

describe('assessment policy: every role against every cycle state', () => {
  it('lets only the school team open a cycle', () => {
    assert.deepEqual((Object.keys(people) as Who[]).filter((k) => canOpenCycle(people[k], SCHOOL)).sort(), ['leader', 'staff']);
  });

  it('keeps a draft private to the school team', () => {
    assert.deepEqual(allowed(canViewCycle, cycle('draft')), ['leader', 'staff']);
  });

  it('shows a submitted or reviewed cycle to the school, its own center and network admins, nobody else', () => {
    for (const s of ['submitted', 'reviewed'] as const) assert.deepEqual(allowed(canViewCycle, cycle(s)), ['admin', 'coach', 'director', 'leader', 'staff'], s);
  });

  it('lets the team work on a cycle and only leaders submit', () => {
    assert.deepEqual(allowed(canWorkOnCycle, cycle('draft')), ['leader', 'staff']);
    assert.deepEqual(allowed(canSubmitCycle, cycle('draft')), ['leader']);
  });

  it('lets only the center staff and admins review, and only once submitted', () => {
    assert.deepEqual(allowed(canReviewCycle, cycle('draft')), []);
    assert.deepEqual(allowed(canReviewCycle, cycle('submitted')), ['admin', 'coach', 'director']);
  });

  it('gives a school without a center no reviewer but network admins', () => {
    assert.deepEqual(allowed(canReviewCycle, { schoolId: SCHOOL, centerId: null, status: 'submitted' }), ['admin']);
  });

  it('lets only the school leaders choose the visibility, at any status', () => {
    for (const s of ['draft', 'submitted', 'reviewed'] as const) assert.deepEqual(allowed(canChangeVisibility, cycle(s)), ['leader'], s);
  });

  it('shows a shared summary to anyone with a role once submitted; a private one only to those who see the cycle', () => {
    const summary = (status: CycleRef['status'], visibility: 'private' | 'network_summary') => allowed((p, c) => canViewSummary(p, { ...c, visibility }), cycle(status));
    assert.deepEqual(summary('reviewed', 'private'), ['admin', 'coach', 'director', 'leader', 'staff']);
    assert.deepEqual(summary('reviewed', 'network_summary'), ['admin', 'coach', 'director', 'leader', 'otherCoach', 'otherDirector', 'otherLeader', 'partner', 'staff']);
    assert.deepEqual(summary('draft', 'network_summary'), ['leader', 'staff'], 'a draft is never shared');
  });
});
