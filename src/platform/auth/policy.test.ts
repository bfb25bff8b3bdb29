import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RoleKind } from '../../db/schema.ts';
import { canGrantRole, canManageOrganisation, canViewOrganisationPrivate, canViewPerson, type OrganisationRef } from './policy.ts';
import type { Principal } from './principal.ts';

// Unit tests of the policy rules themselves; the HTTP tests of each module prove every route asks them.

const office: OrganisationRef = { id: 1, kind: 'national_office', centerId: null };
const centerC: OrganisationRef = { id: 2, kind: 'affiliate_center', centerId: null };
const centerD: OrganisationRef = { id: 3, kind: 'affiliate_center', centerId: null };
const schoolA: OrganisationRef = { id: 10, kind: 'school', centerId: 2 };
const schoolB: OrganisationRef = { id: 11, kind: 'school', centerId: 3 };
const partnerP: OrganisationRef = { id: 20, kind: 'partner', centerId: null };
const orgs = { office, centerC, centerD, schoolA, schoolB, partnerP };

function principal(role: RoleKind | null, org?: OrganisationRef): Principal {
  return {
    kind: 'person',
    personId: 99,
    name: 'X',
    email: 'x@example.org',
    locale: null,
    emailVerified: true,
    roles: role && org ? [{ role, organisationId: org.id, organisationKind: org.kind, organisationName: 'O', organisationSlug: 'o' }] : [],
    auditLabel: 'x',
  };
}

const who = {
  admin: principal('network_admin', office),
  leaderA: principal('school_leader', schoolA),
  staffA: principal('school_staff', schoolA),
  directorC: principal('center_director', centerC),
  coachC: principal('center_coach', centerC),
  partnerStaff: principal('partner_staff', partnerP),
  nobody: principal(null),
};

/** Which organisations each actor may see privately / manage: the whole matrix, spelled out. */
const expected: Record<keyof typeof who, { view: (keyof typeof orgs)[]; manage: (keyof typeof orgs)[] }> = {
  admin: { view: ['office', 'centerC', 'centerD', 'schoolA', 'schoolB', 'partnerP'], manage: ['office', 'centerC', 'centerD', 'schoolA', 'schoolB', 'partnerP'] },
  leaderA: { view: ['schoolA'], manage: ['schoolA'] },
  staffA: { view: ['schoolA'], manage: [] },
  directorC: { view: ['centerC', 'schoolA'], manage: ['centerC'] },
  coachC: { view: ['centerC', 'schoolA'], manage: [] },
  partnerStaff: { view: ['partnerP'], manage: ['partnerP'] },
  nobody: { view: [], manage: [] },
};

describe('policy', () => {
  for (const [actor, p] of Object.entries(who) as [keyof typeof who, Principal][]) {
    it(`${actor}: sees and manages exactly the expected organisations`, () => {
      for (const [name, org] of Object.entries(orgs) as [keyof typeof orgs, OrganisationRef][]) {
        assert.equal(canViewOrganisationPrivate(p, org), expected[actor].view.includes(name), `${actor} view ${name}`);
        assert.equal(canManageOrganisation(p, org), expected[actor].manage.includes(name), `${actor} manage ${name}`);
      }
    });
  }

  it('refuses anonymous visitors everything private', () => {
    for (const org of Object.values(orgs)) {
      assert.equal(canViewOrganisationPrivate(null, org), false);
      assert.equal(canManageOrganisation(null, org), false);
    }
  });

  it('lets leaders grant only the roles of their own kind of organisation, never network admin', () => {
    assert.equal(canGrantRole(who.leaderA, schoolA, 'school_staff'), true);
    assert.equal(canGrantRole(who.leaderA, schoolA, 'school_leader'), true);
    assert.equal(canGrantRole(who.leaderA, schoolA, 'center_coach'), false, 'role does not fit a school');
    assert.equal(canGrantRole(who.leaderA, schoolB, 'school_staff'), false, 'another school');
    assert.equal(canGrantRole(who.directorC, schoolA, 'school_staff'), false, 'centers read their schools, not manage them');
    assert.equal(canGrantRole(who.directorC, centerC, 'center_coach'), true);
    assert.equal(canGrantRole(who.staffA, schoolA, 'school_staff'), false);
    assert.equal(canGrantRole(who.leaderA, office, 'network_admin'), false);
    assert.equal(canGrantRole(who.admin, office, 'network_admin'), true);
    assert.equal(canGrantRole(who.admin, schoolA, 'network_admin'), false, 'admins belong to the national office');
  });

  it('shows a person to themselves, admins and those who can see one of their organisations', () => {
    assert.equal(canViewPerson(who.leaderA, 99, []), true, 'self');
    assert.equal(canViewPerson(who.leaderA, 5, [schoolA]), true);
    assert.equal(canViewPerson(who.leaderA, 5, [schoolB]), false);
    assert.equal(canViewPerson(who.coachC, 5, [schoolA]), true);
    assert.equal(canViewPerson(who.nobody, 5, [schoolA]), false);
    assert.equal(canViewPerson(null, 5, [schoolA]), false);
  });
});
